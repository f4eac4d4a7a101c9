/**
 * Transcript readers: JSON Lines, CSV (English or Chinese headers) and chat logs
 * (`2024-05-01 10:00:00 小美: 您好`). Each streams its input and yields messages
 * with their source line; a malformed line becomes a problem for that line only,
 * and the messages are grouped into conversations.
 */
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { KefuLintError } from '../errors.js';
import type { Turn } from '../rule.js';
import { decodeStream, openFileStream, readHead } from './decode.js';

export const TRANSCRIPT_FORMATS = ['jsonl', 'csv', 'chatlog'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

export interface TranscriptMessage extends Turn {
  conversation: string;
  /** The agent's name or id, when the transcript says. */
  agent?: string;
  /** 1-based line in the source file. */
  line: number;
}

export interface Conversation {
  id: string;
  messages: TranscriptMessage[];
}

export type CsvField = 'conversation' | 'role' | 'text' | 'time' | 'agent';

export interface ReaderOptions {
  format?: TranscriptFormat;
  encoding?: string;
  /** CSV: header name for each field, overriding the built-in names. */
  columns?: Partial<Record<CsvField, string>>;
  /** Chat logs: sender names that are agents. */
  agents?: readonly string[];
  /** Chat logs: sender-name prefixes that mark agents (default 客服, 售后, 店铺, 官方). */
  agentPrefixes?: readonly string[];
  /** Chat logs: a line starting with this separates conversations (blank lines always do). */
  separator?: string;
}

export interface LineProblem {
  line: number;
  reason: string;
}

export type ReaderEvent = { type: 'message'; message: TranscriptMessage } | ({ type: 'problem' } & LineProblem);

const AGENT_ROLES = new Set(['agent', 'staff', 'seller', 'service', 'cs', 'kefu', '客服', '售后', '商家', '卖家', '店家', '客服人员', '人工客服']);
const CUSTOMER_ROLES = new Set(['customer', 'buyer', 'user', 'client', '顾客', '买家', '用户', '客户', '消费者', '访客']);

const CSV_HEADERS: Record<CsvField, readonly string[]> = {
  conversation: ['conversation', 'conversation_id', 'conversationid', 'session', 'session_id', '会话id', '会话', '会话编号', '对话id'],
  role: ['role', 'sender_role', '角色', '发送方', '身份'],
  text: ['text', 'message', 'content', '内容', '消息', '消息内容', '聊天内容'],
  time: ['time', 'timestamp', 'created_at', '时间', '发送时间'],
  agent: ['agent', 'agent_name', '客服昵称', '客服', '客服名称', '客服账号'],
};

const DEFAULT_AGENT_PREFIXES = ['客服', '售后', '店铺', '官方'];
const CHAT_LINE = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[ T]+(\d{1,2}:\d{2}(?::\d{2})?)\s+(.+?)\s*(?:: |：)\s*(.*)$/u;
const CHAT_LINE_LOOSE = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[ T]+(\d{1,2}:\d{2}(?::\d{2})?)\s+([^:]+?)\s*:\s*(.*)$/u;
const DEFAULT_SEPARATOR = /^\s*(?:-{3,}|={3,}|\*{3,})/u;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** A file read as a stream of messages and problems. */
export async function* readMessages(input: string | Readable, name: string, options: ReaderOptions): AsyncGenerator<ReaderEvent> {
  const stream = typeof input === 'string' ? openFileStream(input) : input;
  try {
    const decoded = await decodeStream(stream, name, options.encoding);
    const format = options.format ?? formatFromExtension(typeof input === 'string' ? input : name);
    // No format from the flag or extension: look at the first line.
    let chunks: AsyncIterable<string> = decoded.chunks;
    let detected = format;
    if (!detected) {
      const peeked = await peekText(decoded.chunks);
      detected = formatFromContent(peeked.head) ?? notATranscript(name);
      chunks = peeked.chunks;
    }
    if (detected === 'csv') yield* readCsv(chunks, name, options);
    else if (detected === 'jsonl') yield* readJsonl(chunks);
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

export function formatFromExtension(file: string): TranscriptFormat | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  if (ext === '.log') return 'chatlog';
  return undefined;
}

/** The transcript format the text looks like, from its first non-blank line. */
export function formatFromContent(head: string): TranscriptFormat | undefined {
  const first = head.split(/\r?\n/).find((line) => line.trim() !== '')?.trim();
  if (!first) return undefined;
  if (first.startsWith('{')) return 'jsonl';
  if (CHAT_LINE.test(first) || CHAT_LINE_LOOSE.test(first)) return 'chatlog';
  const cells = first.split(',').map((cell) => normalizeHeader(cell));
  const known = (field: CsvField) => cells.some((cell) => CSV_HEADERS[field].includes(cell));
  if (cells.length >= 3 && known('role') && known('text')) return 'csv';
  return undefined;
}

/** The transcript format a file's first line looks like. */
export function sniffFormat(file: string): TranscriptFormat | undefined {
  return formatFromContent(readHead(file));
}

async function* lines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  const input = Readable.from(chunks);
  const reader = createInterface({ input, crlfDelay: Infinity });
  try {
    yield* reader;
  } finally {
    // Stopping early (a file that is not a transcript) closes the source under
    // a pending read; that late error has no one left to tell.
    input.on('error', () => {});
    reader.close();
    input.destroy();
  }
}

export function parseRole(value: unknown): 'agent' | 'customer' | undefined {
  if (typeof value !== 'string') return undefined;
  const role = value.trim().toLowerCase();
  if (AGENT_ROLES.has(role)) return 'agent';
  if (CUSTOMER_ROLES.has(role)) return 'customer';
  return undefined;
}

/** ISO-8601 text, epoch milliseconds (number or digits), or absent; `null` when unparsable. */
export function parseTime(value: unknown): number | undefined | null {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d{10,}$/.test(text)) return Number(text);
  if (!ISO_TIME.test(text)) return null;
  const time = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(time) ? null : time;
}

const ROLE_HINT = '应为 agent/客服 或 customer/顾客/买家/用户';

async function* readJsonl(chunks: AsyncIterable<string>): AsyncGenerator<ReaderEvent> {
  let line = 0;
  for await (const raw of lines(chunks)) {
    const event = parseJsonlLine(raw, ++line);
    if (event) yield event;
  }
}

/** One JSON Lines line: a message, a problem, or undefined for a blank line. */
export function parseJsonlLine(raw: string, line: number): ReaderEvent | undefined {
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
  return toEvent(line, { conversation: r.conversation, role: r.role, text: r.text, time: r.time, agent: r.agent });
}

function toEvent(line: number, fields: Record<CsvField, unknown>): ReaderEvent {
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
  const time = parseTime(fields.time);
  if (time === null) {
    return { type: 'problem', line, reason: `时间「${String(fields.time)}」无法识别，应为 ISO-8601（如 2024-05-01T10:00:00+08:00）或毫秒时间戳。已跳过这一行。` };
  }
  const message: TranscriptMessage = { conversation: conversation.trim(), role, text: fields.text, line };
  if (time !== undefined) message.time = time;
  if (typeof fields.agent === 'string' && fields.agent.trim() !== '') message.agent = fields.agent.trim();
  else if (typeof fields.agent === 'number') message.agent = String(fields.agent);
  return { type: 'message', message };
}

function normalizeHeader(cell: string): string {
  return cell.trim().replace(/^\uFEFF/, '').replace(/^"|"$/g, '').toLowerCase();
}

async function* readCsv(chunks: AsyncIterable<string>, name: string, options: ReaderOptions): AsyncGenerator<ReaderEvent> {
  const parser = parseCsv({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  const source = Readable.from(chunks);
  // pipe() does not forward errors: a decoding error must end the parse.
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let columns: Record<CsvField, number> | undefined;
  let overcount = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // csv-parse gives the line a record ends on, and inside quoted cells it counts
      // \r and \n of a CRLF as two lines; count the line breaks of the cells instead.
      const breaks = lineBreaks(record);
      overcount += breaks.crlf;
      const line = info.lines - overcount - breaks.count;
      if (!columns) {
        columns = csvColumns(record, name, options.columns ?? {}, line);
        continue;
      }
      const cell = (field: CsvField) => (columns![field] >= 0 ? record[columns![field]] : undefined);
      if (record.length <= Math.max(columns.conversation, columns.role, columns.text)) {
        yield { type: 'problem', line, reason: `这一行只有 ${record.length} 列，缺少会话 id、角色或内容，已跳过。` };
        continue;
      }
      yield toEvent(line, { conversation: cell('conversation'), role: cell('role'), text: cell('text'), time: cell('time'), agent: cell('agent') });
    }
  } catch (error) {
    if (error instanceof KefuLintError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    const e = error as Error & { lines?: number };
    yield { type: 'problem', line: e.lines !== undefined ? Math.max(1, e.lines - overcount) : 0, reason: `CSV 格式错误（${e.message}），从这里到文件末尾无法读取。请检查引号是否成对。` };
  }
}

/** Line breaks inside a record's cells (CRLF, CR or LF each count once), and how many were CRLF. */
function lineBreaks(record: readonly string[]): { count: number; crlf: number } {
  let count = 0;
  let crlf = 0;
  for (const cell of record) {
    if (!cell.includes('\n') && !cell.includes('\r')) continue;
    for (const match of cell.matchAll(/\r\n|\r|\n/g)) {
      count++;
      if (match[0].length === 2) crlf++;
    }
  }
  return { count, crlf };
}

function csvColumns(header: string[], name: string, overrides: Partial<Record<CsvField, string>>, line: number): Record<CsvField, number> {
  const cells = header.map(normalizeHeader);
  const find = (field: CsvField) => {
    const wanted = overrides[field] !== undefined ? [overrides[field]!.trim().toLowerCase()] : CSV_HEADERS[field];
    return cells.findIndex((cell) => wanted.includes(cell));
  };
  const columns = { conversation: find('conversation'), role: find('role'), text: find('text'), time: find('time'), agent: find('agent') };
  const missing = (['conversation', 'role', 'text'] as const).filter((field) => columns[field] < 0);
  if (missing.length > 0) {
    const names = missing.map((field) => `${field}（可用列名：${(overrides[field] ? [overrides[field]] : CSV_HEADERS[field]).join('、')}）`);
    throw new KefuLintError('input', `CSV 表头缺少必需的列：${names.join('；')}。这不是会话记录，或请在第一行写上表头。`, { file: name, line });
  }
  return columns;
}

async function* readChatlog(chunks: AsyncIterable<string>, options: ReaderOptions): AsyncGenerator<ReaderEvent> {
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
    const time = chatTime(date, clock);
    if (time === undefined) {
      yield { type: 'problem', line, reason: `时间「${date} ${clock}」不是有效的日期时间，已跳过这一行。` };
      continue;
    }
    const agent = agents.has(sender) || prefixes.some((prefix) => sender.startsWith(prefix));
    sawAgent ||= agent;
    sawMessage = true;
    inConversation = true;
    const message: TranscriptMessage = { conversation: String(conversation), role: agent ? 'agent' : 'customer', text, time, line };
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

/** Local time, like ISO-8601 text without an offset. */
function chatTime(date: string, clock: string): number | undefined {
  const [year, month, day] = date.split(/[-/.]/).map(Number);
  const [hour, minute, second = 0] = clock.split(':').map(Number);
  const value = new Date(year, month - 1, day, hour, minute, second);
  const valid = value.getMonth() === month - 1 && value.getDate() === day && hour < 24 && minute < 60 && second < 60;
  return valid ? value.getTime() : undefined;
}

/** Before the first good message, this many bad lines mean the file is not a transcript. */
const NOT_A_TRANSCRIPT_AFTER = 20;
/** Conversations kept open at once, for transcripts where live chats interleave. */
export const OPEN_CONVERSATIONS = 64;
export const REMEMBERED_CLOSED = 10_000;

/**
 * Groups messages into conversations. Messages of one conversation may
 * interleave with a few others (live chats); a conversation is closed once 64
 * others have been seen since its last message, so memory stays bounded.
 */
export class ConversationGrouper {
  private readonly open = new Map<string, Conversation>();
  private readonly closed = new Set<string>();
  /** Position of each conversation among the ones started here (0-based), for the first 64. */
  readonly ordinals = new WeakMap<Conversation, number>();
  /** Ids of the first 64 conversations started here, in order. */
  readonly firstIds: string[] = [];
  /** Each id's first message here (id, line), unless it was warned about as discontinuous. */
  readonly starts: [string, number][] = [];
  /** Ids closed to make room, in order. */
  readonly closedIds: string[] = [];
  private started = 0;

  constructor(
    private readonly onProblem: (problem: LineProblem) => void,
    /** Keep starts and closed ids (for input read in slices). */
    private readonly track = false,
  ) {}

  /** Add a message; returns the conversation closed to make room, if any. */
  add(message: TranscriptMessage): Conversation | undefined {
    let conversation = this.open.get(message.conversation);
    if (conversation) {
      // Map order is insertion order: move it to the back as most recently seen.
      this.open.delete(message.conversation);
    } else {
      if (this.closed.has(message.conversation)) {
        this.onProblem({ line: message.line, reason: discontinuous(message.conversation) });
        this.closed.delete(message.conversation);
      } else if (this.track) {
        this.starts.push([message.conversation, message.line]);
      }
      conversation = { id: message.conversation, messages: [] };
      if (this.started < OPEN_CONVERSATIONS) {
        this.ordinals.set(conversation, this.started);
        this.firstIds.push(message.conversation);
      }
      this.started++;
    }
    this.open.set(message.conversation, conversation);
    conversation.messages.push(message);
    if (this.open.size <= OPEN_CONVERSATIONS) return undefined;
    const [oldestId, oldest] = this.open.entries().next().value as [string, Conversation];
    this.open.delete(oldestId);
    this.closed.add(oldestId);
    if (this.track) this.closedIds.push(oldestId);
    if (this.closed.size > REMEMBERED_CLOSED) this.closed.delete(this.closed.values().next().value as string);
    return oldest;
  }

  /** The conversations still open, least recently seen first; the grouper is empty after. */
  drain(): Conversation[] {
    const rest = [...this.open.values()];
    this.open.clear();
    return rest;
  }
}

export function discontinuous(id: string): string {
  return `会话「${id}」的消息不连续（与前面的同一会话相隔太远），这部分作为单独一段检查。请按会话排序后再检查。`;
}

/** Group a stream of reader events into conversations (see ConversationGrouper). */
export async function* readConversations(
  events: AsyncIterable<ReaderEvent>,
  name: string,
  onProblem: (problem: LineProblem) => void,
): AsyncGenerator<Conversation> {
  const grouper = new ConversationGrouper(onProblem);
  const gate = new TranscriptGate(name, onProblem);
  for await (const event of events) {
    if (event.type === 'problem') {
      gate.problem(event);
      continue;
    }
    gate.message();
    const closed = grouper.add(event.message);
    if (closed) yield closed;
  }
  gate.end();
  yield* grouper.drain();
}

/**
 * Decides whether an input is a transcript at all: problems before the first
 * good message are held, and 20 of them with no message mean it is not one.
 */
export class TranscriptGate {
  private good = 0;
  private readonly held: LineProblem[] = [];

  constructor(
    private readonly name: string,
    private readonly onProblem: (problem: LineProblem) => void,
  ) {}

  problem(problem: LineProblem): void {
    if (this.good > 0) return this.onProblem(problem);
    this.held.push(problem);
    if (this.held.length >= NOT_A_TRANSCRIPT_AFTER) throw notTranscript(this.name, this.held);
  }

  message(): void {
    if (this.good++ === 0) this.held.splice(0).forEach(this.onProblem);
  }

  end(): void {
    if (this.good === 0 && this.held.length > 0) throw notTranscript(this.name, this.held);
  }
}

function notTranscript(name: string, problems: readonly LineProblem[]): KefuLintError {
  return new KefuLintError(
    'input',
    `这不是会话记录：前 ${problems.length} 行没有一条能读出消息（第 ${problems[0].line} 行：${problems[0].reason}）。请检查文件格式，或用 --input-format 指定。`,
    { file: name },
  );
}
