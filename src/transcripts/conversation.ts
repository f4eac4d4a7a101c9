/**
 * Lint a whole conversation: every agent message is linted with the turns before
 * it as history, its own time, and whether it closes the conversation, so reply
 * rules and conversation rules run in the same single pass. Customer messages are
 * context only: they are not linted, but each gets an emotion score.
 */
import type { Finding, RuleInfo } from '../linter.js';
import type { LintContext, Turn } from '../rule.js';
import { emotionCurve, type EmotionScore } from './emotion.js';

/** One message of a conversation as given to `lintConversation`. */
export interface ConversationTurn extends Turn {
  /** The agent's name or id, for agent messages when known. */
  agent?: string;
  /** Where the message stands in its source file (1-based). */
  line?: number;
}

export interface ConversationFinding extends Finding {
  /** Index of the message in the conversation (0-based). */
  messageIndex: number;
  agent?: string;
  /** Source line of the message, when known. */
  sourceLine?: number;
}

export interface MessageResult {
  index: number;
  role: Turn['role'];
  /** Findings on this message (agent messages only). */
  findings: Finding[];
  /** The customer's emotion (customer messages only). */
  emotion?: EmotionScore;
}

export interface ConversationResult {
  messages: MessageResult[];
  /** Every finding of the conversation, in message order, with its message index. */
  findings: ConversationFinding[];
  /** The findings of conversation-level rules (greeting, response time …). */
  conversationFindings: ConversationFinding[];
}

export type LintFunction = (text: string, context?: LintContext) => Finding[];

export function lintConversationWith(
  lint: LintFunction,
  rules: readonly RuleInfo[],
  messages: readonly ConversationTurn[],
): ConversationResult {
  const conversationRules = new Set(rules.filter((rule) => rule.scope === 'conversation').map((rule) => rule.id));
  const lastAgent = messages.findLastIndex((message) => message.role === 'agent');
  const curve = emotionCurve(messages);
  const results: MessageResult[] = [];
  const findings: ConversationFinding[] = [];
  messages.forEach((message, index) => {
    const result: MessageResult = { index, role: message.role, findings: [] };
    if (message.role === 'customer') {
      result.emotion = curve[index];
    } else {
      const context: LintContext = { history: messages.slice(0, index) };
      if (message.time !== undefined) context.time = message.time;
      if (index === lastAgent) context.closing = true;
      result.findings = lint(message.text, context);
      for (const finding of result.findings) {
        const placed: ConversationFinding = { ...finding, messageIndex: index };
        if (message.agent !== undefined) placed.agent = message.agent;
        if (message.line !== undefined) placed.sourceLine = message.line;
        findings.push(placed);
      }
    }
    results.push(result);
  });
  return { messages: results, findings, conversationFindings: findings.filter((f) => conversationRules.has(f.ruleId)) };
}
