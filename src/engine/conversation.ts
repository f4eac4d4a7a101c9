/**
 * The conversation model: turns, where a reply stands among them, and linting a
 * whole conversation. Every agent message is linted with the turns before it as
 * history, its own time, and whether it closes the conversation, so reply rules
 * and conversation rules run in one pass. Customer messages are context: they are
 * not linted, but each gets an emotion score. Transcript files are one way to
 * feed it; a chat tool passing its history is another.
 */
import type { EmotionScore } from './emotion.js';
import type { Finding } from './finding.js';

/** One turn before the reply being linted, for chat tools that know the context. */
export interface Turn {
  role: 'agent' | 'customer';
  text: string;
  /** Epoch milliseconds. */
  time?: number;
}

export interface LintContext {
  /** The turns before this reply, oldest first. */
  history?: readonly Turn[];
  /** True for a canned reply that stands alone (always checked in full). */
  standalone?: boolean;
  /** When this reply is sent, epoch milliseconds (conversation rules compare it with `history`). */
  time?: number;
  /** True when this reply closes the conversation (the agent's last reply). */
  closing?: boolean;
}

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

/**
 * Conversation rules speak only when the caller gave the conversation (`history`,
 * even empty for the first reply); a canned reply or a lone reply has none.
 */
export function inConversation(context: LintContext): boolean {
  return context.history !== undefined && context.standalone !== true;
}

/** Customer turns since the agent last spoke, oldest first. */
export function pendingCustomerTurns(history: readonly Turn[]): Turn[] {
  let first = history.length;
  while (first > 0 && history[first - 1].role === 'customer') first--;
  return history.slice(first);
}

export interface ConversationLintOptions {
  lint: (text: string, context: LintContext) => Finding[];
  /** Ids of the conversation-level rules, whose findings are listed apart. */
  conversationRules: ReadonlySet<string>;
  curve: (turns: readonly ConversationTurn[]) => (EmotionScore | undefined)[];
}

/**
 * The emotion curve of a reply's history, when the conversation's curve was
 * already made (each reply's history is the start of the conversation, and a
 * turn's score depends only on the turns before it): set on the context of each
 * reply `lintConversationWith` lints, read by the rule runner.
 */
export const HISTORY_CURVE = Symbol('history curve');

export type WithCurve = LintContext & { [HISTORY_CURVE]?: readonly (EmotionScore | undefined)[] };

export function lintConversationWith(options: ConversationLintOptions, messages: readonly ConversationTurn[]): ConversationResult {
  const lastAgent = messages.findLastIndex((message) => message.role === 'agent');
  const curve = options.curve(messages);
  const results: MessageResult[] = [];
  const findings: ConversationFinding[] = [];
  messages.forEach((message, index) => {
    const result: MessageResult = { index, role: message.role, findings: [] };
    if (message.role === 'customer') {
      result.emotion = curve[index];
    } else {
      const context: WithCurve = { history: messages.slice(0, index) };
      context[HISTORY_CURVE] = curve.slice(0, index);
      if (message.time !== undefined) context.time = message.time;
      if (index === lastAgent) context.closing = true;
      result.findings = options.lint(message.text, context);
      for (const finding of result.findings) {
        // Field by field, in the order the finding has them (a spread copy is slower to make and to keep).
        const { ruleId, severity, reason, start, end, line, column, endLine, endColumn, actual, expected, url, fix } = finding;
        const placed: ConversationFinding = fix
          ? { ruleId, severity, reason, start, end, line, column, endLine, endColumn, actual, expected, url, fix, messageIndex: index }
          : { ruleId, severity, reason, start, end, line, column, endLine, endColumn, actual, expected, url, messageIndex: index };
        if (message.agent !== undefined) placed.agent = message.agent;
        if (message.line !== undefined) placed.sourceLine = message.line;
        findings.push(placed);
      }
    }
    results.push(result);
  });
  return { messages: results, findings, conversationFindings: findings.filter((f) => options.conversationRules.has(f.ruleId)) };
}
