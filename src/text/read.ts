/**
 * Reading text files: strict UTF-8, with binary files and other encodings turned
 * into errors that say which file and line and what to do.
 */
import { readFileSync } from 'node:fs';
import { KefuLintError, type ErrorCode } from '../engine/errors.js';

type TextCode = Extract<ErrorCode, 'dictionary' | 'config' | 'input'>;

/** Read a UTF-8 text file, turning file-system errors into readable ones. */
export function readTextFile(file: string, code: TextCode): string {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const what = err.code === 'ENOENT' ? '文件不存在' : err.code === 'EISDIR' ? '这是一个目录，不是文件' : `无法读取（${err.code ?? err.message}）`;
    throw new KefuLintError(code, `${what}。请检查路径是否正确。`, { file });
  }
  return decodeUtf8(buffer, file, code);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode strict UTF-8; binary files and other encodings get a clear error. */
export function decodeUtf8(buffer: Uint8Array, file: string, code: TextCode): string {
  const nul = buffer.indexOf(0);
  if (nul >= 0) {
    throw new KefuLintError(code, '这是二进制文件（含 NUL 字节），不是文本。请只传入 UTF-8 文本文件。', {
      file,
      line: lineAtByte(buffer, nul),
    });
  }
  try {
    return utf8.decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    const bad = firstInvalidUtf8(buffer);
    throw new KefuLintError(
      code,
      '不是有效的 UTF-8 文本。如果是 GBK 编码，请先转换为 UTF-8（例如 iconv -f GBK -t UTF-8）。',
      { file, line: lineAtByte(buffer, bad) },
    );
  }
}

function lineAtByte(buffer: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (buffer[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(buffer: Uint8Array): number {
  // Decode line by line to find the first line that fails.
  let start = 0;
  while (start < buffer.length) {
    let end = buffer.indexOf(0x0a, start);
    if (end < 0) end = buffer.length;
    try {
      utf8.decode(buffer.subarray(start, end));
    } catch {
      return start;
    }
    start = end + 1;
  }
  return 0;
}
