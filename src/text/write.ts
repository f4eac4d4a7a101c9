/**
 * Replacing a file's content so that a crash or a failed write never leaves it half
 * written: write a temporary file in the same folder (so rename stays on one file
 * system), flush it to disk, then rename it over the original.
 */
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KefuLintError } from '../engine/errors.js';

/** The file-system calls `writeFileAtomic` makes; tests replace some to simulate failures. */
export interface WriteOps {
  openSync: typeof fs.openSync;
  writeSync: (fd: number, data: string) => number;
  fsyncSync: typeof fs.fsyncSync;
  closeSync: typeof fs.closeSync;
  renameSync: typeof fs.renameSync;
  unlinkSync: typeof fs.unlinkSync;
  statSync: typeof fs.statSync;
}

const nodeOps: WriteOps = {
  openSync: fs.openSync,
  writeSync: (fd, data) => fs.writeSync(fd, data),
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
  statSync: fs.statSync,
};

export function writeFileAtomic(file: string, content: string, ops: Partial<WriteOps> = {}): void {
  const io = { ...nodeOps, ...ops };
  const temp = join(dirname(file), `.${basename(file)}.kefu-lint-${process.pid}-${Date.now().toString(36)}.tmp`);
  let mode = 0o644;
  try {
    mode = io.statSync(file).mode & 0o777;
  } catch {
    // A new file gets the default mode.
  }
  let fd: number | undefined;
  try {
    fd = io.openSync(temp, 'wx', mode);
    io.writeSync(fd, content);
    io.fsyncSync(fd);
    io.closeSync(fd);
    fd = undefined;
    io.renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) {
      try {
        io.closeSync(fd);
      } catch {
        // Already failing; the original error is the one to report.
      }
    }
    try {
      io.unlinkSync(temp);
    } catch {
      // The temporary file may never have been created.
    }
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new KefuLintError('input', `无法写回修复结果（${code}），原文件保持不变。请检查文件夹的写权限与磁盘空间后重试。`, { file });
  }
}
