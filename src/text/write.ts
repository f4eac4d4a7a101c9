/**
 * Replacing a file's content so that a crash or a failed write never leaves it half
 * written: write a temporary file in the same folder (so rename stays on one file
 * system), flush it to disk, then rename it over the original. Through a symlink,
 * the file it points at is replaced; the mode and the file's encoding are kept.
 */
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { KefuLintError } from '../engine/errors.js';

/** The file-system calls `writeFileAtomic` makes; tests replace some to simulate failures. */
export interface WriteOps {
  openSync: typeof fs.openSync;
  writeSync: (fd: number, data: Uint8Array) => number;
  fchmodSync: typeof fs.fchmodSync;
  fsyncSync: typeof fs.fsyncSync;
  closeSync: typeof fs.closeSync;
  renameSync: typeof fs.renameSync;
  unlinkSync: typeof fs.unlinkSync;
  statSync: typeof fs.statSync;
}

const nodeOps: WriteOps = {
  openSync: fs.openSync,
  writeSync: (fd, data) => fs.writeSync(fd, data),
  fchmodSync: fs.fchmodSync,
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
  statSync: fs.statSync,
};

/** How the file's text is written back: the encoding (and BOM) it was read in. */
export interface TextEncoding {
  encoding: string;
  bom: boolean;
}

export function encodeText(content: string, { encoding, bom }: TextEncoding): Uint8Array {
  const body = encoding === 'utf-8' ? Buffer.from(content, 'utf8') : iconv.encode(content, encoding);
  if (!bom) return body;
  const mark = encoding === 'utf-8' ? Buffer.from('\uFEFF', 'utf8') : iconv.encode('\uFEFF', encoding);
  return Buffer.concat([mark, body]);
}

/**
 * Where a fix is written: through a symlink to the file it points at. A file
 * the user cannot write, or one with other hard links (a rename would silently
 * split them), is refused before anything is written.
 */
function writeTarget(file: string, io: WriteOps): { target: string; mode: number } {
  let target = file;
  try {
    target = fs.realpathSync(file);
  } catch {
    return { target, mode: 0o644 };
  }
  const stat = io.statSync(target);
  const mode = stat.mode & 0o7777;
  // No write bit at all is read-only even for a user (root) whom the system would let write.
  let writable = (mode & 0o222) !== 0;
  try {
    fs.accessSync(target, fs.constants.W_OK);
  } catch {
    writable = false;
  }
  if (!writable) {
    throw new KefuLintError('input', `文件是只读的（权限 ${(mode & 0o777).toString(8).padStart(4, '0')}），没有修改。如需自动修复，请先加上写权限（chmod u+w）。`, { file });
  }
  if (stat.nlink > 1) {
    throw new KefuLintError('input', `文件有 ${stat.nlink} 个硬链接，写回会让其他链接仍是旧内容，所以没有修改。请用 --fix-dry-run 查看改动后手动修改，或先复制出独立的文件。`, { file });
  }
  return { target, mode };
}

export function writeFileAtomic(file: string, content: string, ops: Partial<WriteOps> = {}, encoding: TextEncoding = { encoding: 'utf-8', bom: false }): void {
  const io = { ...nodeOps, ...ops };
  const { target, mode } = writeTarget(file, io);
  const temp = join(dirname(target), `.${basename(target)}.kefu-lint-${process.pid}-${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = io.openSync(temp, 'wx', 0o600);
    io.writeSync(fd, encodeText(content, encoding));
    // The new file keeps the old one's permissions (not the umask's).
    io.fchmodSync(fd, mode);
    io.fsyncSync(fd);
    io.closeSync(fd);
    fd = undefined;
    io.renameSync(temp, target);
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
