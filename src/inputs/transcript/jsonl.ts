/** Transcripts as JSON Lines: one `{conversation, role, text, time?, agent?}` object per line. */
import { lines } from './lines.js';
import { toEvent, type ReaderEvent } from './messages.js';

export async function* readJsonl(chunks: AsyncIterable<string>, timeZone?: string): AsyncGenerator<ReaderEvent> {
  let line = 0;
  for await (const raw of lines(chunks)) {
    const event = parseJsonlLine(raw, ++line, timeZone);
    if (event) yield event;
  }
}

/** One JSON Lines line: a message, a problem, or undefined for a blank line. */
export function parseJsonlLine(raw: string, line: number, timeZone?: string): ReaderEvent | undefined {
  if (raw.trim() === '') return undefined;
  let record: unknown;
  try {
    record = JSON.parse(raw);
  } catch {
    return { type: 'problem', line, reason: '这一行不是有效的 JSON，已跳过。每行应是一个对象，例如 {"conversation":"c1","role":"customer","text":"在吗"}。' };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { type: 'problem', line, reason: '这一行不是 JSON 对象，已跳过。' };
  }
  const r = record as Record<string, unknown>;
  return toEvent(line, { conversation: r.conversation, role: r.role, text: r.text, time: r.time, agent: r.agent }, timeZone);
}
