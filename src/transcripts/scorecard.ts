/**
 * The scorecard (质检评分卡): a conversation starts at 100 and loses the rule's
 * weight for every finding, never going below 0; a finding of an auto-fail rule
 * (a privacy leak, an insult) sets it to 0. An agent's score is the mean over the
 * conversations they took part in.
 */
import * as z from 'zod';
import { formatPath, zodChinese } from '../engine/dictionary.js';
import { KefuLintError } from '../engine/errors.js';
import type { Severity } from '../engine/severity.js';

const ScorecardSchema = z.strictObject({
  /** Points lost per finding, by rule id. */
  weights: z.record(z.string(), z.number().min(0).max(100)).default({}),
  /** Points lost per finding of a rule without its own weight, by severity. */
  severityWeights: z
    .strictObject({ error: z.number().min(0).max(100).default(10), warning: z.number().min(0).max(100).default(5), info: z.number().min(0).max(100).default(1) })
    .default({ error: 10, warning: 5, info: 1 }),
  /** Rules whose any finding fails the conversation (score 0). */
  autoFail: z.array(z.string()).default(['no-privacy-leak', 'no-forbidden-words']),
});
export type ScorecardInput = z.input<typeof ScorecardSchema>;
export type Scorecard = z.output<typeof ScorecardSchema>;

export function toScorecard(input: ScorecardInput = {}): Scorecard {
  const parsed = ScorecardSchema.safeParse(input, zodChinese);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KefuLintError('options', `评分卡选项 ${formatPath(issue.path)} 无效：${issue.message}。`);
  }
  return parsed.data;
}

export interface ScoredFinding {
  ruleId: string;
  severity: Severity;
}

export interface ConversationScore {
  score: number;
  /** Set when an auto-fail rule fired: its id. */
  failedBy?: string;
  /** Points lost per rule. */
  deductions: Record<string, number>;
}

export function scoreConversation(findings: readonly ScoredFinding[], card: Scorecard): ConversationScore {
  const deductions: Record<string, number> = {};
  let lost = 0;
  let failedBy: string | undefined;
  for (const finding of findings) {
    if (!failedBy && card.autoFail.includes(finding.ruleId)) failedBy = finding.ruleId;
    const weight = card.weights[finding.ruleId] ?? card.severityWeights[finding.severity];
    deductions[finding.ruleId] = (deductions[finding.ruleId] ?? 0) + weight;
    lost += weight;
  }
  const score = failedBy ? 0 : Math.max(0, 100 - lost);
  return failedBy ? { score, failedBy, deductions } : { score, deductions };
}

export interface AgentScore {
  agent: string;
  conversations: number;
  /** Findings per rule, in this agent's own messages. */
  findings: Record<string, number>;
  /** Mean conversation score, rounded to one decimal. */
  score: number;
  autoFailed: number;
}

/** One agent's running totals. */
export interface AgentEntry {
  conversations: number;
  total: number;
  findings: Record<string, number>;
  autoFailed: number;
}

/** Accumulates agent scores conversation by conversation, in constant memory per agent. */
export class AgentScores {
  private readonly agents = new Map<string, AgentEntry>();

  /** The running totals, as plain data (what a worker sends). */
  entries(): [string, AgentEntry][] {
    return [...this.agents];
  }

  /** Add totals gathered elsewhere (a worker's share of the input). */
  merge(entries: readonly [string, AgentEntry][]): void {
    for (const [agent, other] of entries) {
      const entry = this.agents.get(agent);
      if (!entry) {
        this.agents.set(agent, { ...other, findings: { ...other.findings } });
        continue;
      }
      entry.conversations += other.conversations;
      entry.total += other.total;
      entry.autoFailed += other.autoFailed;
      for (const [ruleId, count] of Object.entries(other.findings)) entry.findings[ruleId] = (entry.findings[ruleId] ?? 0) + count;
    }
  }

  add(agents: Iterable<string>, score: ConversationScore, findings: readonly (ScoredFinding & { agent?: string })[]): void {
    for (const agent of new Set(agents)) {
      let entry = this.agents.get(agent);
      if (!entry) this.agents.set(agent, (entry = { conversations: 0, total: 0, findings: {}, autoFailed: 0 }));
      entry.conversations++;
      entry.total += score.score;
      if (score.failedBy) entry.autoFailed++;
      for (const finding of findings) {
        if ((finding.agent ?? UNKNOWN_AGENT) === agent) entry.findings[finding.ruleId] = (entry.findings[finding.ruleId] ?? 0) + 1;
      }
    }
  }

  list(): AgentScore[] {
    return [...this.agents.entries()]
      .map(([agent, entry]) => ({
        agent,
        conversations: entry.conversations,
        findings: entry.findings,
        score: Math.round((entry.total / entry.conversations) * 10) / 10,
        autoFailed: entry.autoFailed,
      }))
      .sort((a, b) => a.score - b.score || a.agent.localeCompare(b.agent, 'zh'));
  }
}

export const UNKNOWN_AGENT = '（未署名客服）';
