/**
 * Fixing files in place: apply only the safe `fix` edits (never suggested
 * rewrites) at their exact ranges in the file's own text, so quoting, comments,
 * key order and indentation stay as they were; write atomically; or show the
 * change as a unified diff instead.
 */
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { applyEdits } from './edits.js';
import { KefuLintError } from './errors.js';
import type { FileFinding } from './results.js';

/** Enough passes for fixes that only become possible after another one; a bound keeps a bad rule from looping. */
const MAX_PASSES = 10;

export interface FixOutcome {
  output: string;
  changed: boolean;
  /** Edits applied over all passes. */
  applied: number;
  /** Findings left in `output`. */
  findings: FileFinding[];
}

/**
 * Apply fixes pass after pass, re-linting the new text each time, until nothing
 * more applies. Overlapping fixes are never applied together (see applyEdits);
 * the later one is tried again on the next pass.
 */
export function fixText(text: string, lintText: (text: string) => FileFinding[]): FixOutcome {
  let output = text;
  let findings = lintText(output);
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const edits = findings.flatMap((finding) => (finding.fix ? [finding.fix] : []));
    if (edits.length === 0) break;
    const result = applyEdits(output, edits);
    if (result.applied.length === 0 || result.output === output) break;
    applied += result.applied.length;
    output = result.output;
    findings = lintText(output);
  }
  return { output, changed: output !== text, applied, findings };
}

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

/**
 * Replace a file's content so that a crash or a failed write never leaves it half
 * written: write a temporary file in the same folder (so rename stays on one file
 * system), flush it to disk, then rename it over the original.
 */
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

/** The change `--fix` would make, as a unified diff (empty when nothing changes). */
export function fixDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  // The ==== separator line is not part of a git-style patch; `patch` and `git apply` read it either way.
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
}
