/**
 * Transcripts as chat logs: `2024-05-01 10:00:00 客服小美: 您好` (half- or
 * full-width colon); blank lines or separator lines between conversations; agents
 * known by name or name prefix.
 */
import { DEFAULT_TIME_ZONE, fromLocal, type TimeValue } from '../../text/time.js';
import { lines } from './lines.js';
import type { ReaderEvent, ReaderOptions, TranscriptMessage } from './messages.js';

const DEFAULT_AGENT_PREFIXES = ['客服', '售后', '店铺', '官方'];
const CHAT_LINE = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[ T]+(\d{1,2}:\d{2}(?::\d{2})?)\s+(.+?)\s*(?:: |：)\s*(.*)$/u;
const CHAT_LINE_LOOSE = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[ T]+(\d{1,2}:\d{2}(?::\d{2})?)\s+([^:]+?)\s*:\s*(.*)$/u;
const DEFAULT_SEPARATOR = /^\s*(?:-{3,}|={3,}|\*{3,})/u;

/** Whether a line is a chat-log message line. */
export function isChatLogLine(line: string): boolean {
  return CHAT_LINE.test(line) || CHAT_LINE_LOOSE.test(line);
}

export async function* readChatlog(chunks: AsyncIterable<string>, options: ReaderOptions): AsyncGenerator<ReaderEvent> {
  const agents = new Set(options.agents ?? []);
  const prefixes = options.agentPrefixes ?? (agents.size > 0 ? [] : DEFAULT_AGENT_PREFIXES);
  const isSeparator = (text: string) => (options.separator ? text.trimStart().startsWith(options.separator) : DEFAULT_SEPARATOR.test(text));
  let conversation = 1;
  let inConversation = false;
  let line = 0;
  let sawAgent = false;
  let sawMessage = false;
  for await (const raw of lines(chunks)) {
    line++;
    if (raw.trim() === '' || isSeparator(raw)) {
      if (inConversation) conversation++;
      inConversation = false;
      continue;
    }
    const match = CHAT_LINE.exec(raw) ?? CHAT_LINE_LOOSE.exec(raw);
    if (!match) {
      yield { type: 'problem', line, reason: '这一行不是「YYYY-MM-DD HH:MM:SS 昵称: 内容」格式，已跳过。' };
      continue;
    }
    const [, date, clock, sender, text] = match;
    const time = chatTime(date, clock, options.timeZone ?? DEFAULT_TIME_ZONE);
    if (time === undefined) {
      yield { type: 'problem', line, reason: `时间「${date} ${clock}」不是有效的日期时间，已跳过这一行。` };
      continue;
    }
    const agent = agents.has(sender) || prefixes.some((prefix) => sender.startsWith(prefix));
    sawAgent ||= agent;
    sawMessage = true;
    inConversation = true;
    const message: TranscriptMessage = { conversation: String(conversation), role: agent ? 'agent' : 'customer', text, time: time.time, utcOffset: time.offset, line };
    if (agent) message.agent = sender;
    yield { type: 'message', message };
  }
  if (sawMessage && !sawAgent) {
    yield {
      type: 'problem',
      line: 0,
      reason: `没有识别出任何客服发言（默认按昵称前缀 ${DEFAULT_AGENT_PREFIXES.join('、')} 识别）。请用 --agents 昵称1,昵称2 或 --agent-prefix 前缀 指定客服。`,
    };
  }
}

/** A chat log's wall-clock time, in the time zone the log was written in. */
function chatTime(date: string, clock: string, zone: string): TimeValue | undefined {
  const [year, month, day] = date.split(/[-/.]/).map(Number);
  const [hour, minute, second = 0] = clock.split(':').map(Number);
  return fromLocal(zone, year, month, day, hour, minute, second);
}
