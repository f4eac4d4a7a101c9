/**
 * Command-line paths into files: files as given, folders walked for the
 * extensions kefu-lint reads, globs expanded, `-` for stdin. A path that yields
 * nothing is an error for that path only, so the other inputs are still linted.
 */
import { realpathSync, statSync, type Stats } from 'node:fs';
import { glob, isDynamicPattern } from 'tinyglobby';
import { KefuLintError } from '../engine/errors.js';
import { fileError } from '../text/read.js';

export const STDIN = '-';
export const STDIN_NAME = '<stdin>';

export interface ExpandedInputs {
  files: string[];
  errors: KefuLintError[];
}

/** Turn command-line arguments into a list of files, in the order given. */
export async function expandInputs(args: readonly string[], extensions: readonly string[] = ['txt']): Promise<ExpandedInputs> {
  const files: string[] = [];
  const errors: KefuLintError[] = [];
  // A file reached twice (through a symlinked folder, or named twice) is linted once.
  const seen = new Set<string>();
  const add = (file: string) => {
    const real = realPath(file);
    if (!seen.has(real)) {
      seen.add(real);
      files.push(file);
    }
  };
  const pattern = extensions.length === 1 ? `**/*.${extensions[0]}` : `**/*.{${extensions.join(',')}}`;
  for (const arg of args) {
    if (arg === STDIN) {
      add(STDIN);
      continue;
    }
    let stat: Stats | undefined;
    try {
      stat = statSync(arg, { throwIfNoEntry: false });
    } catch (error) {
      errors.push(fileError(arg, error));
      continue;
    }
    if (stat?.isDirectory()) {
      const found = await glob(pattern, { cwd: arg, ignore: ['**/node_modules/**'], absolute: false });
      if (found.length === 0) {
        errors.push(new KefuLintError('input', `目录里没有 ${extensions.map((e) => `.${e}`).join(' / ')} 文件。请检查目录，或直接指定文件。`, { file: arg }));
      }
      for (const file of found.sort()) add(joinPath(arg, file));
    } else if (stat && !stat.isFile()) {
      // Opening a FIFO blocks until someone writes; a device may never end.
      const what = stat.isFIFO() ? '命名管道（FIFO）' : '设备或套接字';
      errors.push(new KefuLintError('input', `这是${what}，不是普通文件，没有读取。要从管道读入，请用 - 表示标准输入（kefu-lint - < 文件）。`, { file: arg }));
    } else if (stat) {
      add(arg);
    } else if (isDynamicPattern(arg)) {
      const found = await glob(arg, { ignore: ['**/node_modules/**'] });
      if (found.length === 0) {
        errors.push(new KefuLintError('input', '这个通配符没有匹配到任何文件。请检查模式是否正确（在 shell 中请加引号）。', { file: arg }));
      }
      for (const file of found.sort()) add(file);
    } else {
      errors.push(new KefuLintError('input', '文件不存在。请检查路径是否正确。', { file: arg }));
    }
  }
  return { files, errors };
}

function realPath(file: string): string {
  if (file === STDIN) return file;
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function joinPath(dir: string, file: string): string {
  return dir.endsWith('/') ? dir + file : `${dir}/${file}`;
}
