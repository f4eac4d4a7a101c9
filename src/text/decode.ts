/**
 * Transcript bytes → text chunks, streamed. The encoding is UTF-8 (with or
 * without BOM), UTF-16 with BOM, or GB18030 (a superset of GBK) when the start
 * of the file is not valid UTF-8; `--encoding` overrides the guess.
 */
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { KefuLintError } from '../engine/errors.js';

export interface DecodedText {
  /** The encoding used (as iconv-lite names it). */
  encoding: string;
  chunks: AsyncIterable<string>;
}

interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

function utf8Decoder(): ChunkDecoder {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
}

function iconvDecoder(encoding: string): ChunkDecoder {
  const decoder = iconv.getDecoder(encoding);
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
}

/** Guess the encoding from the first bytes of a file. */
export function detectEncoding(head: Buffer): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  try {
    // `stream: true` so a character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export function checkEncoding(name: string): string {
  const normalized = name.toLowerCase().replace(/^utf8$/, 'utf-8');
  if (!iconv.encodingExists(normalized)) {
    throw new KefuLintError('usage', `不认识的编码「${name}」。常用的有 utf-8、gbk、gb18030。`);
  }
  return normalized;
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Decode a byte stream chunk by chunk; `file` names the input in errors. */
export function decodeStream(input: Readable, file: string, encoding?: string): Promise<DecodedText> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return (async () => {
    const first = await iterator.next();
    const head: Buffer = first.done ? Buffer.alloc(0) : first.value;
    const chosen = encoding ? checkEncoding(encoding) : detectEncoding(head);
    if (!encoding && looksBinary(head, chosen)) {
      throw new KefuLintError('input', '这是二进制文件（含 NUL 字节），不是会话记录。请传入 JSONL、CSV 或聊天记录文本。', { file });
    }
    const decoder = chosen === 'utf-8' ? utf8Decoder() : iconvDecoder(chosen);
    async function* chunks(): AsyncGenerator<string> {
      let lines = 0;
      let bom = true;
      const emit = (text: string) => {
        lines += countLines(text);
        if (bom) {
          bom = false;
          return text.replace(/^\uFEFF/, '');
        }
        return text;
      };
      const decode = (chunk: Buffer) => {
        try {
          return decoder.write(chunk);
        } catch {
          throw invalidText(file, lines + 1, chosen);
        }
      };
      if (!first.done) yield emit(decode(head));
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield emit(decode(next.value));
      const rest = decoder.end();
      if (rest) yield emit(rest);
    }
    return { encoding: chosen, chunks: chunks() };
  })();
}

/** Text that does not decode in the chosen encoding, near `line`. */
export function invalidText(file: string, line: number, encoding: string): KefuLintError {
  return new KefuLintError(
    'input',
    `第 ${line} 行附近不是有效的 ${encoding.toUpperCase()} 文本。如果文件是其他编码，请用 --encoding 指定（例如 --encoding gbk）。`,
    { file },
  );
}

export function openFileStream(file: string): Readable {
  return createReadStream(file, { highWaterMark: 256 * 1024 });
}

/** The first bytes of a file decoded leniently, to sniff its format. */
export function readHead(file: string, bytes = 4096): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    const head = buffer.subarray(0, read);
    return decodeHead(head, detectEncoding(head));
  } finally {
    closeSync(fd);
  }
}

/** The first bytes of an input decoded leniently (without a BOM), to sniff its format. */
export function decodeHead(head: Buffer, encoding: string): string {
  return (encoding === 'utf-8' ? head.toString('utf8') : iconv.decode(head, encoding)).replace(/^\uFEFF/, '');
}

/** NUL bytes in the first bytes of a file not in UTF-16: a binary file, not a transcript. */
export function looksBinary(head: Buffer, encoding: string): boolean {
  return !encoding.startsWith('utf-16') && head.includes(0);
}
