/**
 * The transcript pipeline: read → group into conversations → lint (in this
 * thread or on workers) → score → aggregate. Only aggregates, the worst
 * conversations and (when asked) the findings are kept, so memory does not grow
 * with the size of the input.
 */
import { statSync, type ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { createLinterSync, type LinterOptions } from '../linter.js';
import type { FileFinding } from '../results.js';
import type { Severity } from '../rule.js';
import type { ConversationResult, ConversationTurn } from './conversation.js';
import type { EmotionScore } from './emotion.js';
import { openFileStream } from './decode.js';
import { readConversations, readMessages, type Conversation, type LineProblem, type ReaderOptions } from './readers.js';
import { AgentScores, scoreConversation, toScorecard, UNKNOWN_AGENT, type AgentScore, type ConversationScore, type ScorecardInput } from './scorecard.js';

export interface TranscriptSource {
  /** Name shown in messages (a path, or <stdin>). */
  name: string;
  /** A path to open, or an already open byte stream. */
  input: string | Readable;
}

export interface TranscriptRunOptions {
  reader?: ReaderOptions;
  linter?: Omit<LinterOptions, 'plugins' | 'tokenizer'>;
  scorecard?: ScorecardInput;
  /** Keep every finding for stylish/json output (memory grows with findings). */
  keepFindings?: boolean;
  /** Worker threads to lint on; 0 lints in this thread. */
  workers?: number;
  /** How many of the lowest-scoring conversations to keep in full for reports. */
  worst?: number;
  onProblem?: (file: string, problem: LineProblem) => void;
  /** A file could not be read at all; the other files go on. */
  onFileError?: (file: string, error: unknown) => void;
  /** Called as input is read, with bytes read so far and the total (when known). */
  onProgress?: (read: number, total: number | undefined) => void;
}

export interface ReportMessage {
  role: 'agent' | 'customer';
  text: string;
  time?: number;
  agent?: string;
  line: number;
  emotion?: EmotionScore;
  findings: { ruleId: string; severity: Severity; reason: string; actual: string; expected: string[] }[];
}

export interface ConversationReport {
  file: string;
  id: string;
  agents: string[];
  score: ConversationScore;
  messages: ReportMessage[];
}

export interface TranscriptReport {
  files: number;
  conversations: number;
  messages: number;
  agents: AgentScore[];
  /** Findings per rule over all transcripts, most frequent first. */
  rules: { ruleId: string; count: number }[];
  /** The lowest-scoring conversations, worst first, with their messages. */
  worst: ConversationReport[];
  /** Mean conversation score over all conversations. */
  score: number;
  totals: { errors: number; warnings: number; infos: number };
  /** Findings per file (only with `keepFindings`). */
  findings: Map<string, FileFinding[]>;
}

const BATCH_MESSAGES = 4_000;

interface Pending {
  file: string;
  conversations: Conversation[];
}

export async function lintTranscripts(sources: readonly TranscriptSource[], options: TranscriptRunOptions = {}): Promise<TranscriptReport> {
  const card = toScorecard(options.scorecard);
  const agents = new AgentScores();
  const ruleCounts = new Map<string, number>();
  const worstLimit = options.worst ?? 10;
  const worst: ConversationReport[] = [];
  const report: TranscriptReport = {
    files: 0,
    conversations: 0,
    messages: 0,
    agents: [],
    rules: [],
    worst,
    score: 0,
    totals: { errors: 0, warnings: 0, infos: 0 },
    findings: new Map(),
  };
  let scoreTotal = 0;

  const collect = (batch: Pending, results: ConversationResult[]) => {
    batch.conversations.forEach((conversation, i) => {
      const result = results[i];
      const score = scoreConversation(result.findings, card);
      const names = conversation.messages.flatMap((m) => (m.role === 'agent' ? [m.agent ?? UNKNOWN_AGENT] : []));
      agents.add(names, score, result.findings.map((f) => ({ ...f, agent: f.agent ?? UNKNOWN_AGENT })));
      report.conversations++;
      report.messages += conversation.messages.length;
      scoreTotal += score.score;
      for (const finding of result.findings) {
        ruleCounts.set(finding.ruleId, (ruleCounts.get(finding.ruleId) ?? 0) + 1);
        if (finding.severity === 'error') report.totals.errors++;
        else if (finding.severity === 'warning') report.totals.warnings++;
        else report.totals.infos++;
      }
      if (options.keepFindings && result.findings.length > 0) {
        let list = report.findings.get(batch.file);
        if (!list) report.findings.set(batch.file, (list = []));
        for (const { start, end, fix, messageIndex, sourceLine, ...finding } of result.findings) {
          const message = conversation.messages[messageIndex];
          list.push({
            ...finding,
            // Columns count within the message text; the line is the message's source line.
            line: message.line,
            endLine: message.line,
            conversation: conversation.id,
            messageIndex,
            ...(message.agent !== undefined ? { agent: message.agent } : {}),
            ...(message.time !== undefined ? { time: new Date(message.time).toISOString() } : {}),
          });
        }
      }
      keepWorst(worst, worstLimit, batch.file, conversation, result, score, names);
    });
  };

  const linter = options.workers ? undefined : createLinterSync(options.linter ?? {});
  const pool = options.workers ? new TranscriptPool(options.workers, options.linter ?? {}) : undefined;
  try {
    for (const source of sources) {
      report.files++;
      const stream = typeof source.input === 'string' ? openFileStream(source.input) : source.input;
      const total = typeof source.input === 'string' ? statSync(source.input).size : undefined;
      const progress = options.onProgress;
      const ticker = progress ? setInterval(() => progress((stream as ReadStream).bytesRead ?? 0, total), 200) : undefined;
      let batch: Pending = { file: source.name, conversations: [] };
      let size = 0;
      const flush = async () => {
        if (batch.conversations.length === 0) return;
        const full = batch;
        batch = { file: source.name, conversations: [] };
        size = 0;
        if (pool) await pool.submit(full.conversations.map(toTurns), (results) => collect(full, results));
        else collect(full, full.conversations.map((c) => linter!.lintConversation(toTurns(c))));
      };
      try {
        const events = readMessages(stream, source.name, options.reader ?? {});
        for await (const conversation of readConversations(events, source.name, (problem) => options.onProblem?.(source.name, problem))) {
          batch.conversations.push(conversation);
          size += conversation.messages.length;
          if (size >= BATCH_MESSAGES) await flush();
        }
        await flush();
      } catch (error) {
        if (!options.onFileError) throw error;
        options.onFileError(source.name, error);
      } finally {
        if (ticker) clearInterval(ticker);
        stream.destroy();
      }
    }
    await pool?.drain();
  } finally {
    await pool?.close();
  }
  report.agents = agents.list();
  report.rules = [...ruleCounts.entries()].map(([ruleId, count]) => ({ ruleId, count })).sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId));
  report.score = report.conversations > 0 ? Math.round((scoreTotal / report.conversations) * 10) / 10 : 100;
  return report;
}

function toTurns(conversation: Conversation): ConversationTurn[] {
  return conversation.messages;
}

function keepWorst(
  worst: ConversationReport[],
  limit: number,
  file: string,
  conversation: Conversation,
  result: ConversationResult,
  score: ConversationScore,
  agents: string[],
): void {
  if (limit === 0 || result.findings.length === 0) return;
  if (worst.length >= limit && score.score >= worst[worst.length - 1].score.score) return;
  const entry: ConversationReport = {
    file,
    id: conversation.id,
    agents: [...new Set(agents)],
    score,
    messages: conversation.messages.map((message, index) => {
      const out: ReportMessage = {
        role: message.role,
        text: message.text,
        line: message.line,
        findings: result.messages[index].findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, reason: f.reason, actual: f.actual, expected: f.expected })),
      };
      if (message.time !== undefined) out.time = message.time;
      if (message.agent !== undefined) out.agent = message.agent;
      if (result.messages[index].emotion) out.emotion = result.messages[index].emotion;
      return out;
    }),
  };
  const at = worst.findIndex((w) => score.score < w.score.score);
  worst.splice(at < 0 ? worst.length : at, 0, entry);
  if (worst.length > limit) worst.pop();
}

export interface TranscriptWorkerRequest {
  id: number;
  conversations: ConversationTurn[][];
}
export type TranscriptWorkerResponse = { id: number; results: ConversationResult[] } | { id: number; error: string };

/**
 * Worker threads with bounded work in flight: `submit` waits while every worker
 * already has two batches, so reading never runs far ahead of linting.
 */
class TranscriptPool {
  private readonly workers: Worker[];
  private readonly load: number[];
  private readonly waiting = new Map<number, { worker: number; done: (results: ConversationResult[]) => void }>();
  private nextId = 0;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(count: number, options: Omit<LinterOptions, 'plugins' | 'tokenizer'>) {
    this.workers = Array.from({ length: count }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData: options }));
    this.load = this.workers.map(() => 0);
    this.workers.forEach((worker, index) => {
      worker.on('message', (response: TranscriptWorkerResponse) => {
        const job = this.waiting.get(response.id)!;
        this.waiting.delete(response.id);
        this.load[index]--;
        if ('error' in response) this.failure ??= new Error(response.error);
        else job.done(response.results);
        this.wake?.();
      });
      worker.on('error', (error) => {
        this.failure ??= error;
        this.wake?.();
      });
    });
  }

  private async waitFor(ready: () => boolean): Promise<void> {
    while (!ready()) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    if (this.failure) throw this.failure;
  }

  async submit(conversations: ConversationTurn[][], done: (results: ConversationResult[]) => void): Promise<void> {
    await this.waitFor(() => this.load.some((n) => n < 2));
    const index = this.load.indexOf(Math.min(...this.load));
    const id = this.nextId++;
    this.load[index]++;
    this.waiting.set(id, { worker: index, done });
    this.workers[index].postMessage({ id, conversations } satisfies TranscriptWorkerRequest);
  }

  drain(): Promise<void> {
    return this.waitFor(() => this.waiting.size === 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
