/**
 * Reading text files: strict UTF-8, with binary files and other encodings turned
 * into errors that say which file and line and what to do.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import iconv from 'iconv-lite';
import { KefuLintError, type ErrorCode } from '../engine/errors.js';
import { checkEncoding } from './decode.js';
import type { TextEncoding } from './write.js';

type TextCode = Extract<ErrorCode, 'dictionary' | 'config' | 'input'>;

/** Read a UTF-8 text file, turning file-system errors into readable ones. */
export function readTextFile(file: string, code: TextCode): string {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch (error) {
    throw fileError(file, error, code);
  }
  return decodeUtf8(buffer, file, code);
}

/** What a file-system error means for the user, and what to do. */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: '文件不存在。请检查路径是否正确。',
  EISDIR: '这是一个目录，不是文件。请检查路径是否正确。',
  EACCES: '没有读取权限。请检查文件权限。',
  ELOOP: '符号链接形成了循环（ELOOP），无法读取。请检查这个链接指向哪里。',
};

/** A file-system error (stat, open, read) as a KefuLintError naming the file. */
export function fileError(file: string, error: unknown, code: TextCode = 'input'): KefuLintError {
  const err = error as NodeJS.ErrnoException;
  const message = (err.code && FILE_ERRORS[err.code]) ?? `无法读取（${err.code ?? err.message}）。请检查路径是否正确。`;
  return new KefuLintError(code, message, { file });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode strict UTF-8; binary files and other encodings get a clear error. */
export function decodeUtf8(buffer: Uint8Array, file: string, code: TextCode): string {
  if (buffer.includes(0)) throw binary(file, buffer, code);
  try {
    return utf8.decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    const bad = firstInvalidUtf8(buffer);
    throw new KefuLintError(
      code,
      code === 'input'
        ? '不是有效的 UTF-8 文本。如果是 GBK 编码（例如 Excel 导出的 CSV），请加 --encoding gbk，或先转换为 UTF-8（iconv -f GBK -t UTF-8）。'
        : '不是有效的 UTF-8 文本。如果是 GBK 编码，请先转换为 UTF-8（例如 iconv -f GBK -t UTF-8）。',
      { file, line: lineAtByte(buffer, bad) },
    );
  }
}

function binary(file: string, buffer: Uint8Array, code: TextCode = 'input'): KefuLintError {
  return new KefuLintError(code, '这是二进制文件（含 NUL 字节），不是文本。请传入文本文件；UTF-16 文件需要以 BOM 开头，或用 --encoding utf-16le 指定。', {
    file,
    line: lineAtByte(buffer, buffer.indexOf(0)),
  });
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

/** Largest canned library or reply list read (bytes); a larger input is an error for that input only. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** A library's text and how it was encoded (so `--fix` writes it back the same way). */
export interface DecodedInput {
  text: string;
  encoding: TextEncoding;
}

/**
 * A canned library or reply list: UTF-8 by default, UTF-16 when it starts with a
 * BOM, or the `encoding` the user named (--encoding gbk). FIFOs and devices never
 * get here: inputs/expand.ts refuses them before anything is opened.
 */
export function readTextInput(file: string, encoding?: string): DecodedInput {
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch (error) {
    throw fileError(file, error, 'input');
  }
  if (stat.size > MAX_INPUT_BYTES) throw tooLarge(file, stat.size);
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch (error) {
    throw fileError(file, error, 'input');
  }
  return decodeInput(buffer, file, encoding);
}

/** Standard input, read to its end: stops at the first NUL byte (binary) or past the size limit. */
export async function readInputStream(stream: AsyncIterable<unknown>, name: string, encoding?: string): Promise<DecodedInput> {
  const chunks: Buffer[] = [];
  let size = 0;
  let utf16: boolean | undefined = encoding ? /^utf-?16/i.test(encoding) : undefined;
  for await (const data of stream) {
    const chunk = Buffer.isBuffer(data) ? data : Buffer.from(String(data));
    utf16 ??= (chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff);
    if (!utf16 && chunk.includes(0)) decodeUtf8(Buffer.concat([...chunks, chunk]).subarray(0, size + chunk.indexOf(0) + 1), name, 'input');
    size += chunk.length;
    if (size > MAX_INPUT_BYTES) throw tooLarge(name, size, true);
    chunks.push(chunk);
  }
  return decodeInput(Buffer.concat(chunks, size), name, encoding);
}

function tooLarge(file: string, size: number, atLeast = false): KefuLintError {
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  return new KefuLintError('input', `输入${atLeast ? '超过' : '有'} ${mb(size)}，超过话术库/回复列表的上限 ${mb(MAX_INPUT_BYTES)}，没有读取。请拆分文件；会话记录请以 .jsonl/.csv 提交（按流读取，没有这个上限）。`, { file });
}

export function decodeInput(buffer: Buffer, file: string, encoding?: string): DecodedInput {
  const named = encoding ? checkEncoding(encoding) : undefined;
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf && (!named || named === 'utf-8')) {
    return { text: decodeUtf8(buffer.subarray(3), file, 'input'), encoding: { encoding: 'utf-8', bom: true } };
  }
  const utf16 = buffer[0] === 0xff && buffer[1] === 0xfe ? 'utf-16le' : buffer[0] === 0xfe && buffer[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16 && (!named || named.startsWith('utf-16') || named.startsWith('utf16'))) {
    return { text: iconv.decode(buffer.subarray(2), utf16, { stripBOM: false }), encoding: { encoding: utf16, bom: true } };
  }
  if (!named || named === 'utf-8') return { text: decodeUtf8(buffer, file, 'input'), encoding: { encoding: 'utf-8', bom: false } };
  const text = iconv.decode(buffer, named);
  if (text.includes('\u0000') && !named.startsWith('utf-16')) throw binary(file, buffer);
  return { text: text.replace(/^\uFEFF/, ''), encoding: { encoding: named, bom: text.startsWith('\uFEFF') } };
}
