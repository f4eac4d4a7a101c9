/**
 * Transcript messages as every transcript reader yields them, and the field
 * checks they share: roles in English or Chinese, times as ISO-8601 or epoch
 * seconds or milliseconds (text/time.ts). A malformed line becomes a problem for
 * that line only.
 */
import type { Turn } from '../../engine/conversation.js';
import { DEFAULT_TIME_ZONE, parseTime } from '../../text/time.js';

export const TRANSCRIPT_FORMATS = ['jsonl', 'csv', 'chatlog'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

export interface TranscriptMessage extends Turn {
  conversation: string;
  /** Minutes east of UTC that `time` is shown in: the file's own offset, or the time zone's. */
  utcOffset?: number;
  /** The agent's name or id, when the transcript says. */
  agent?: string;
  /** 1-based line in the source file. */
  line: number;
}

export interface Conversation {
  id: string;
  messages: TranscriptMessage[];
}

export interface ReaderOptions {
  format?: TranscriptFormat;
  encoding?: string;
  /** CSV: header name for each field, overriding the built-in names. */
  columns?: Partial<Record<'conversation' | 'role' | 'text' | 'time' | 'agent', string>>;
  /** Chat logs: sender names that are agents. */
  agents?: readonly string[];
  /** Chat logs: sender-name prefixes that mark agents (default 客服, 售后, 店铺, 官方). */
  agentPrefixes?: readonly string[];
  /** Chat logs: a line starting with this separates conversations (blank lines always do). */
  separator?: string;
  /** IANA time zone for times written without an offset and for epoch numbers (default Asia/Shanghai). */
  timeZone?: string;
}

export interface LineProblem {
  line: number;
  reason: string;
}

export type ReaderEvent = { type: 'message'; message: TranscriptMessage } | ({ type: 'problem' } & LineProblem);

const AGENT_ROLES = new Set(['agent', 'staff', 'seller', 'service', 'cs', 'kefu', '客服', '售后', '商家', '卖家', '店家', '客服人员', '人工客服']);
const CUSTOMER_ROLES = new Set(['customer', 'buyer', 'user', 'client', '顾客', '买家', '用户', '客户', '消费者', '访客']);

function parseRole(value: unknown): 'agent' | 'customer' | undefined {
  if (typeof value !== 'string') return undefined;
  const role = value.trim().toLowerCase();
  if (AGENT_ROLES.has(role)) return 'agent';
  if (CUSTOMER_ROLES.has(role)) return 'customer';
  return undefined;
}

const ROLE_HINT = '应为 agent/客服 或 customer/顾客/买家/用户';

/** The fields of one message, however the file wrote them. */
export type MessageFields = Record<'conversation' | 'role' | 'text' | 'time' | 'agent', unknown>;

export function toEvent(line: number, fields: MessageFields, timeZone: string = DEFAULT_TIME_ZONE): ReaderEvent {
  const conversation = typeof fields.conversation === 'number' ? String(fields.conversation) : fields.conversation;
  if (typeof conversation !== 'string' || conversation.trim() === '') {
    return { type: 'problem', line, reason: '缺少会话 id（conversation），已跳过这一行。' };
  }
  const role = parseRole(fields.role);
  if (!role) {
    const what = fields.role === undefined || fields.role === '' ? '缺少角色（role）' : `角色「${String(fields.role)}」无法识别`;
    return { type: 'problem', line, reason: `${what}，${ROLE_HINT}。已跳过这一行。` };
  }
  if (typeof fields.text !== 'string') {
    return { type: 'problem', line, reason: '缺少消息内容（text），已跳过这一行。' };
  }
  const time = parseTime(fields.time, timeZone);
  if (typeof time === 'string') return { type: 'problem', line, reason: `${time}已跳过这一行。` };
  const message: TranscriptMessage = { conversation: conversation.trim(), role, text: fields.text, line };
  if (time !== undefined) {
    message.time = time.time;
    message.utcOffset = time.offset;
  }
  if (typeof fields.agent === 'string' && fields.agent.trim() !== '') message.agent = fields.agent.trim();
  else if (typeof fields.agent === 'number') message.agent = String(fields.agent);
  return { type: 'message', message };
}
