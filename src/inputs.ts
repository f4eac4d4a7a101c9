/**
 * Command-line inputs: paths, folders (walked for .txt files), globs and stdin,
 * read as strict UTF-8. Problems come back as errors for that input only, so the
 * other inputs are still linted.
 */
import { statSync } from 'node:fs';
import { glob, isDynamicPattern } from 'tinyglobby';
import { decodeUtf8, readTextFile } from './dictionary.js';
import { KefuLintError } from './errors.js';

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
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  const pattern = extensions.length === 1 ? `**/*.${extensions[0]}` : `**/*.{${extensions.join(',')}}`;
  for (const arg of args) {
    if (arg === STDIN) {
      add(STDIN);
      continue;
    }
    const stat = statSync(arg, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      const found = await glob(pattern, { cwd: arg, ignore: ['**/node_modules/**'], absolute: false });
      if (found.length === 0) {
        errors.push(new KefuLintError('input', `目录里没有 ${extensions.map((e) => `.${e}`).join(' / ')} 文件。请检查目录，或直接指定文件。`, { file: arg }));
      }
      for (const file of found.sort()) add(joinPath(arg, file));
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

function joinPath(dir: string, file: string): string {
  return dir.endsWith('/') ? dir + file : `${dir}/${file}`;
}

export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Read one input as text: a file path or `-` for stdin. */
export async function readInput(file: string): Promise<string> {
  if (file === STDIN) return decodeUtf8(await readStdin(), STDIN_NAME, 'input');
  return readTextFile(file, 'input');
}

export interface Reply {
  text: string;
  /** 1-based line in the source file. */
  line: number;
  /** 1-based column where the reply starts. */
  column: number;
  /** UTF-16 offset of the reply in the file. */
  offset: number;
}

/** Plain text: one reply per line; blank lines are skipped. */
export function splitReplies(text: string): Reply[] {
  const replies: Reply[] = [];
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() !== '') replies.push({ text: line, line: i + 1, column: 1, offset });
    offset += raw.length + 1;
  }
  return replies;
}
