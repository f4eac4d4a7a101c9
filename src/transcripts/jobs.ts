/**
 * Transcript work that runs the same in the main thread and on worker threads:
 * lint a slice of a JSON Lines file (bytes cut at line ends) or a list of
 * conversations, and add the results up into a partial report.
 *
 * A slice cannot know which of its conversations continue past its edges, so
 * those are handed back unlinted: the ones started among its first 64 (they may
 * continue one from the slice before) and the ones still open at its end. The
 * main thread joins them with their neighbours in input order, exactly as one
 * reader would have grouped the whole file (see SliceJoiner), and sends them
 * back to be linted. Everything else is linted where it was read.
 */
import iconv from 'iconv-lite';
import { linterForSpec, type LinterSpec } from '../config/resolve.js';
import { ConversationGrouper } from '../inputs/transcript/grouper.js';
import { parseJsonlLine } from '../inputs/transcript/jsonl.js';
import type { Conversation, LineProblem } from '../inputs/transcript/messages.js';
import { invalidText } from '../text/decode.js';
import { PackedSlices, type PackedTokens } from '../engine/packed.js';
import type { JobQueue } from '../workers/pool.js';
import { ReportBuilder, type PartialReport } from './report.js';
import type { Scorecard } from './scorecard.js';

export interface JobSettings {
  card: Scorecard;
  worst: number;
  keepFindings: boolean;
  /** Time zone for times without an offset. */
  timeZone: string;
}

export interface JobBase {
  file: string;
  spec: LinterSpec;
  settings: JobSettings;
}

export interface SliceJob extends JobBase {
  type: 'slice';
  /** The slice's bytes, in the chunks they were read in. */
  parts: Uint8Array[];
  encoding: string;
  /** Line number of the slice's first line in the file. */
  firstLine: number;
}

export interface ConversationsJob extends JobBase {
  type: 'conversations';
  conversations: Conversation[];
}

export type TranscriptJob = SliceJob | ConversationsJob;

/** Where transcript jobs run: worker threads, or this thread. */
export type TranscriptQueue = JobQueue<TranscriptJob, JobResult>;

export interface EdgeConversation {
  conversation: Conversation;
  /** Its place among the slice's first 64 conversations (it may continue one from before), if it is one. */
  ordinal?: number;
  /** Still open at the slice's end: may continue in the next slice. Open ones come least recent first. */
  open: boolean;
}

export interface JobResult {
  partial: PartialReport;
  /** Slices: conversations at the edges, unlinted. */
  edges: EdgeConversation[];
  /** Slices: malformed lines, in line order. */
  problems: LineProblem[];
  /** Slices: the line of the first good message, if any. */
  firstMessageLine?: number;
  /** Slices: ids of the first 64 conversations, in order. */
  firstIds: string[];
  /** Slices: each conversation id's first message (id, line). */
  starts: [string, number][];
  /** Slices: ids of conversations closed to make room, in order. */
  closed: string[];
}

/**
 * Tokens of many texts, made on another thread (a segmenting thread): the rule
 * thread that asks loads no jieba.
 */
export type Segmenter = (texts: string[]) => Promise<PackedTokens>;

/**
 * Run one transcript job: lint a slice or a list of conversations and add them up.
 * With a `segmenter`, the agents' messages are tokenized there, all of the job's
 * at once, and linted here when the tokens come back.
 */
export function runTranscriptJob(job: TranscriptJob): JobResult;
export function runTranscriptJob(job: TranscriptJob, segmenter: Segmenter | undefined): JobResult | Promise<JobResult>;
export function runTranscriptJob(job: TranscriptJob, segmenter?: Segmenter): JobResult | Promise<JobResult> {
  const linter = linterForSpec(job.spec, segmenter !== undefined);
  const builder = new ReportBuilder({ card: job.settings.card, worst: job.settings.worst, keepFindings: job.settings.keepFindings });
  const read = job.type === 'conversations' ? { conversations: job.conversations, rest: NO_EDGES } : readSlice(job);
  const result = (): JobResult => ({ partial: builder.partial(job.file), ...read.rest });
  if (!segmenter) {
    for (const conversation of read.conversations) builder.add(job.file, conversation, linter.lintConversation(conversation.messages));
    return result();
  }
  const agentTexts = (conversation: Conversation) => conversation.messages.flatMap((m) => (m.role === 'agent' ? [m.text] : []));
  const texts = read.conversations.flatMap(agentTexts);
  return segmenter(texts).then((packed) => {
    // Each conversation's packed tokens handed on as they are: token objects are made only where a rule asks.
    const slices = new PackedSlices(packed);
    for (const conversation of read.conversations) {
      const tokens = slices.next(conversation.messages.filter((m) => m.role === 'agent').length);
      builder.add(job.file, conversation, linter.lintConversation(conversation.messages, tokens));
    }
    return result();
  });
}

const NO_EDGES: Omit<JobResult, 'partial'> = { edges: [], problems: [], firstIds: [], starts: [], closed: [] };

/** A slice's messages grouped: the conversations to lint here, in the order they closed, and the rest of the result. */
function readSlice(job: SliceJob): { conversations: Conversation[]; rest: Omit<JobResult, 'partial'> } {
  const problems: LineProblem[] = [];
  const edges: EdgeConversation[] = [];
  const conversations: Conversation[] = [];
  const grouper = new ConversationGrouper((problem) => problems.push(problem), true);
  let firstMessageLine: number | undefined;
  const text = decodeSlice(job);
  let line = job.firstLine;
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    const event = parseJsonlLine(raw, line, job.settings.timeZone);
    if (!event) continue;
    if (event.type === 'problem') {
      problems.push(event);
      continue;
    }
    firstMessageLine ??= line;
    const closed = grouper.add(event.message);
    if (!closed) continue;
    const ordinal = grouper.ordinals.get(closed);
    if (ordinal !== undefined) edges.push({ conversation: closed, ordinal, open: false });
    else conversations.push(closed);
  }
  for (const conversation of grouper.drain()) edges.push({ conversation, ordinal: grouper.ordinals.get(conversation), open: true });
  return { conversations, rest: { edges, problems, firstMessageLine, firstIds: grouper.firstIds, starts: grouper.starts, closed: grouper.closedIds } };
}

/** A slice's encoding when each line is decoded by itself: UTF-8 where it is valid, else GB18030. */
export const MIXED_ENCODING = 'utf-8|gb18030';

function decodeSlice(job: SliceJob): string {
  const bytes = job.parts.length === 1 ? job.parts[0] : Buffer.concat(job.parts);
  if (job.encoding === MIXED_ENCODING) return decodeMixed(bytes);
  if (job.encoding !== 'utf-8') return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), job.encoding);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw invalidText(job.file, job.firstLine + validPrefixLines(bytes), 'utf-8');
  }
}

function decodeMixed(bytes: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return utf8.decode(bytes);
  } catch {
    // Line by line: the lines are cut at \n bytes, which GB18030 never uses inside a character.
    const lines: string[] = [];
    let start = 0;
    while (start <= bytes.length) {
      let end = bytes.indexOf(10, start);
      if (end < 0) end = bytes.length;
      const line = bytes.subarray(start, end);
      try {
        lines.push(utf8.decode(line));
      } catch {
        lines.push(iconv.decode(Buffer.from(line.buffer, line.byteOffset, line.byteLength), 'gb18030'));
      }
      start = end + 1;
    }
    return lines.join('\n');
  }
}

/** How many whole lines at the start of `bytes` decode as UTF-8. */
function validPrefixLines(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 0;
  let start = 0;
  for (let end = bytes.indexOf(10); end >= 0; end = bytes.indexOf(10, start)) {
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return lines;
    }
    lines++;
    start = end + 1;
  }
  return lines;
}
