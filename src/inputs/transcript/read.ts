/**
 * A transcript file (or stream) read as a stream of messages and problems: its
 * bytes decoded, then handed to the reader for its format.
 */
import { Readable } from 'node:stream';
import { KefuLintError } from '../../engine/errors.js';
import { decodeStream, openFileStream } from '../../text/decode.js';
import { transcriptFormat } from '../registry.js';
import { readChatlog } from './chatlog.js';
import { readCsv } from './csv.js';
import { readJsonl } from './jsonl.js';
import type { ReaderEvent, ReaderOptions } from './messages.js';

export async function* readMessages(input: string | Readable, name: string, options: ReaderOptions): AsyncGenerator<ReaderEvent> {
  const stream = typeof input === 'string' ? openFileStream(input) : input;
  try {
    const decoded = await decodeStream(stream, name, options.encoding);
    let chunks: AsyncIterable<string> = decoded.chunks;
    let format = options.format ?? transcriptFormat(typeof input === 'string' ? input : name);
    // No format from the flag or extension: look at the first line.
    if (!format) {
      const peeked = await peekText(decoded.chunks);
      format = transcriptFormat(name, peeked.head) ?? notATranscript(name);
      chunks = peeked.chunks;
    }
    if (format === 'csv') yield* readCsv(chunks, name, options);
    else if (format === 'jsonl') yield* readJsonl(chunks, options.timeZone);
    else yield* readChatlog(chunks, options);
  } finally {
    stream.destroy();
  }
}

function notATranscript(name: string): never {
  throw new KefuLintError(
    'input',
    '看不出这是哪种会话记录。支持 JSON Lines（每行一个 {conversation, role, text}）、带表头的 CSV、以及「2024-05-01 10:00:00 昵称: 内容」格式的聊天记录；可用 --input-format 指定。',
    { file: name },
  );
}
async function peekText(chunks: AsyncIterable<string>): Promise<{ head: string; chunks: AsyncIterable<string> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: string[] = [];
  let head = '';
  while (head.length < 4096 && !/\S[^\n]*\n/.test(head)) {
    const next = await iterator.next();
    if (next.done) break;
    seen.push(next.value);
    head += next.value;
  }
  async function* replay(): AsyncGenerator<string> {
    yield* seen;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, chunks: replay() };
}
