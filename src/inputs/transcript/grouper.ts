/**
 * Messages into conversations. Messages of one conversation may interleave with
 * a few others (live chats); a conversation is closed once 64 others have been
 * seen since its last message, so memory stays bounded.
 */
import { KefuLintError } from '../../engine/errors.js';
import type { Conversation, LineProblem, ReaderEvent, TranscriptMessage } from './messages.js';

/** Before the first good message, this many bad lines mean the file is not a transcript. */
const NOT_A_TRANSCRIPT_AFTER = 20;
/** Conversations kept open at once, for transcripts where live chats interleave. */
export const OPEN_CONVERSATIONS = 64;
export const REMEMBERED_CLOSED = 10_000;

/**
 * Ids in the order they were added, the oldest forgotten past `limit`: a Set
 * with its first entry deleted on overflow does the same, but V8 leaves a hole
 * for each entry deleted at the front and steps over all of them on every
 * `values().next()`, which over a long transcript is quadratic (1.1 s of 13 on
 * 400,000 messages).
 */
export class RecentIds {
  /** Each id's number, in the order added. */
  private readonly numbers = new Map<string, number>();
  /** Ids in the order added, with their numbers; an entry whose number is not the id's current one is stale. */
  private ids: string[] = [];
  private idNumbers: number[] = [];
  private head = 0;
  private count = 0;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.numbers.size;
  }

  has(id: string): boolean {
    return this.numbers.has(id);
  }

  /** Add an id (one already here keeps its place), forgetting the oldest past the limit. */
  add(id: string): void {
    if (this.numbers.has(id)) return;
    this.numbers.set(id, this.count);
    this.ids.push(id);
    this.idNumbers.push(this.count++);
    while (this.numbers.size > this.limit) this.forgetOldest();
    if (this.ids.length > 2 * this.limit + 1024) this.compact();
  }

  delete(id: string): boolean {
    return this.numbers.delete(id);
  }

  private forgetOldest(): void {
    for (;;) {
      const id = this.ids[this.head];
      const number = this.idNumbers[this.head++];
      if (this.numbers.get(id) === number) {
        this.numbers.delete(id);
        return;
      }
    }
  }

  /** Drop stale and forgotten entries from the order. */
  private compact(): void {
    const ids: string[] = [];
    const numbers: number[] = [];
    for (let i = this.head; i < this.ids.length; i++) {
      if (this.numbers.get(this.ids[i]) !== this.idNumbers[i]) continue;
      ids.push(this.ids[i]);
      numbers.push(this.idNumbers[i]);
    }
    this.ids = ids;
    this.idNumbers = numbers;
    this.head = 0;
  }
}

/**
 * Groups messages into conversations. Messages of one conversation may
 * interleave with a few others (live chats); a conversation is closed once 64
 * others have been seen since its last message, so memory stays bounded.
 */
export class ConversationGrouper {
  private readonly open = new Map<string, Conversation>();
  private readonly closed = new RecentIds(REMEMBERED_CLOSED);
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
