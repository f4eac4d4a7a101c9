/**
 * What a transcript run adds up: totals, agent scores, findings per rule, the
 * worst conversations and (when asked) every finding. A worker thread builds a
 * partial report for its share of the input and the main thread merges them, so
 * the result does not depend on how the input was split.
 */
import { formatTimeIso } from '../text/time.js';
import type { ConversationResult } from '../engine/conversation.js';
import type { EmotionScore } from '../engine/emotion.js';
import type { Severity } from '../engine/severity.js';
import type { FileFinding } from '../inputs/placed.js';
import type { Conversation } from '../inputs/transcript/messages.js';
import { AgentScores, scoreConversation, UNKNOWN_AGENT, type AgentEntry, type AgentScore, type ConversationScore, type Scorecard } from './scorecard.js';

export interface ReportMessage {
  role: 'agent' | 'customer';
  text: string;
  /** Epoch milliseconds, shown at `utcOffset` minutes east of UTC. */
  time?: number;
  utcOffset?: number;
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
  /** Findings per file, in line order (only with `keepFindings`). */
  findings: Map<string, FileFinding[]>;
  /** The time zone times without an offset were read in (reports show other times in it). */
  timeZone: string;
}

/** A share of a report, as a worker sends it (plain data). */
export interface PartialReport {
  conversations: number;
  messages: number;
  scoreTotal: number;
  totals: { errors: number; warnings: number; infos: number };
  rules: [string, number][];
  agents: [string, AgentEntry][];
  worst: ConversationReport[];
  /** Findings of one file. */
  findings: FileFinding[];
}

export interface AggregateOptions {
  card: Scorecard;
  /** How many of the lowest-scoring conversations to keep in full. */
  worst: number;
  keepFindings: boolean;
  /**
   * Where kept findings go instead of the report (in the order conversations are
   * added, not in line order): a caller that stores them its own way, so the report
   * need not hold every finding as an object.
   */
  onFindings?: (file: string, findings: readonly FileFinding[]) => void;
  /** Position of a file among the inputs, to order ties between files. */
  fileOrder?: (file: string) => number;
}

export class ReportBuilder {
  private readonly agents = new AgentScores();
  private readonly ruleCounts = new Map<string, number>();
  private readonly worst: ConversationReport[] = [];
  private readonly findings = new Map<string, FileFinding[]>();
  private conversations = 0;
  private messages = 0;
  private scoreTotal = 0;
  private readonly totals = { errors: 0, warnings: 0, infos: 0 };

  constructor(private readonly options: AggregateOptions) {}

  /** Score one linted conversation and add it. */
  add(file: string, conversation: Conversation, result: ConversationResult): void {
    const score = scoreConversation(result.findings, this.options.card);
    const names: string[] = [];
    for (const message of conversation.messages) if (message.role === 'agent') names.push(message.agent ?? UNKNOWN_AGENT);
    this.agents.add(names, score, result.findings);
    this.conversations++;
    this.messages += conversation.messages.length;
    this.scoreTotal += score.score;
    for (const finding of result.findings) {
      this.ruleCounts.set(finding.ruleId, (this.ruleCounts.get(finding.ruleId) ?? 0) + 1);
      this.count(finding.severity);
    }
    if (this.options.keepFindings && result.findings.length > 0) {
      const list: FileFinding[] = [];
      let timeOf = -1;
      let time: string | undefined;
      for (const finding of result.findings) {
        const { ruleId, severity, reason, start, end, column, endColumn, actual, expected, url, messageIndex } = finding;
        const message = conversation.messages[messageIndex];
        // Offsets and columns count within the message text; the line is the message's
        // source line. A fix is left out: it would not apply to the file. Built field by
        // field in the order a copy of the finding had them (a rest-and-spread copy cost
        // 5 µs a finding).
        const line = message.line;
        const id = conversation.id;
        const placed: FileFinding =
          finding.agent !== undefined
            ? { ruleId, severity, reason, start, end, line, column, endLine: line, endColumn, actual, expected, url, agent: finding.agent, conversation: id, messageIndex }
            : { ruleId, severity, reason, start, end, line, column, endLine: line, endColumn, actual, expected, url, conversation: id, messageIndex };
        if (message.agent !== undefined) placed.agent = message.agent;
        if (message.time !== undefined) {
          if (timeOf !== messageIndex) time = formatTimeIso({ time: message.time, offset: message.utcOffset ?? 0 });
          timeOf = messageIndex;
          placed.time = time;
        }
        list.push(placed);
      }
      this.keep(file, list);
    }
    if (result.findings.length > 0 && this.qualifies(file, score, conversation.messages[0]?.line ?? 0)) {
      this.insertWorst(toConversationReport(file, conversation, result, score, names));
    }
  }

  /** Add a worker's partial report for `file`. */
  merge(file: string, partial: PartialReport): void {
    this.conversations += partial.conversations;
    this.messages += partial.messages;
    this.scoreTotal += partial.scoreTotal;
    this.totals.errors += partial.totals.errors;
    this.totals.warnings += partial.totals.warnings;
    this.totals.infos += partial.totals.infos;
    for (const [ruleId, count] of partial.rules) this.ruleCounts.set(ruleId, (this.ruleCounts.get(ruleId) ?? 0) + count);
    this.agents.merge(partial.agents);
    for (const report of partial.worst) {
      if (this.qualifies(report.file, report.score, report.messages[0]?.line ?? 0)) this.insertWorst(report);
    }
    if (partial.findings.length > 0) this.keep(file, partial.findings);
  }

  /** This builder's content as plain data, for a worker to send (findings of one file). */
  partial(file: string): PartialReport {
    return {
      conversations: this.conversations,
      messages: this.messages,
      scoreTotal: this.scoreTotal,
      totals: { ...this.totals },
      rules: [...this.ruleCounts],
      agents: this.agents.entries(),
      worst: this.worst,
      findings: this.findings.get(file) ?? [],
    };
  }

  finish(files: number, timeZone: string): TranscriptReport {
    for (const list of this.findings.values()) {
      list.sort((a, b) => (a.line as number) - (b.line as number) || (a.column as number) - (b.column as number) || compareMessageIndex(a, b));
    }
    return {
      files,
      conversations: this.conversations,
      messages: this.messages,
      agents: this.agents.list(),
      rules: [...this.ruleCounts.entries()]
        .map(([ruleId, count]) => ({ ruleId, count }))
        .sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId)),
      worst: this.worst,
      score: this.conversations > 0 ? Math.round((this.scoreTotal / this.conversations) * 10) / 10 : 100,
      totals: { ...this.totals },
      findings: this.findings,
      timeZone,
    };
  }

  private count(severity: Severity): void {
    if (severity === 'error') this.totals.errors++;
    else if (severity === 'warning') this.totals.warnings++;
    else this.totals.infos++;
  }

  private keep(file: string, findings: readonly FileFinding[]): void {
    if (this.options.onFindings) return this.options.onFindings(file, findings);
    const list = this.findings.get(file);
    if (list) list.push(...findings);
    else this.findings.set(file, [...findings]);
  }

  // Worst first; ties go to the earlier file, then the earlier line, whatever order
  // the conversations were linted in.
  private before(a: { file: string; score: number; line: number }, b: ConversationReport): boolean {
    if (a.score !== b.score.score) return a.score < b.score.score;
    const order = this.options.fileOrder;
    const fa = order ? order(a.file) : 0;
    const fb = order ? order(b.file) : 0;
    if (fa !== fb) return fa < fb;
    return a.line < (b.messages[0]?.line ?? 0);
  }

  private qualifies(file: string, score: ConversationScore, line: number): boolean {
    if (this.options.worst === 0) return false;
    if (this.worst.length < this.options.worst) return true;
    return this.before({ file, score: score.score, line }, this.worst[this.worst.length - 1]);
  }

  private insertWorst(entry: ConversationReport): void {
    const key = { file: entry.file, score: entry.score.score, line: entry.messages[0]?.line ?? 0 };
    const at = this.worst.findIndex((w) => this.before(key, w));
    this.worst.splice(at < 0 ? this.worst.length : at, 0, entry);
    if (this.worst.length > this.options.worst) this.worst.pop();
  }
}

function compareMessageIndex(a: FileFinding, b: FileFinding): number {
  return ((a.messageIndex as number | undefined) ?? 0) - ((b.messageIndex as number | undefined) ?? 0);
}

function toConversationReport(
  file: string,
  conversation: Conversation,
  result: ConversationResult,
  score: ConversationScore,
  agents: readonly string[],
): ConversationReport {
  return {
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
      if (message.time !== undefined) {
        out.time = message.time;
        out.utcOffset = message.utcOffset ?? 0;
      }
      if (message.agent !== undefined) out.agent = message.agent;
      if (result.messages[index].emotion) out.emotion = result.messages[index].emotion;
      return out;
    }),
  };
}
