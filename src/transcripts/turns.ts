/** Helpers the conversation-level rules share: where a reply stands in its conversation. */
import type { LintContext, ReplyContext, Turn } from '../rule.js';

/**
 * Conversation rules speak only when the caller gave the conversation (`history`,
 * even empty for the first reply); a canned reply or a lone reply has none.
 */
export function inConversation(context: LintContext): boolean {
  return context.history !== undefined && context.standalone !== true;
}

/** Customer turns since the agent last spoke, oldest first. */
export function pendingCustomerTurns(history: readonly Turn[]): Turn[] {
  const pending: Turn[] = [];
  for (let i = history.length - 1; i >= 0 && history[i].role === 'customer'; i--) pending.unshift(history[i]);
  return pending;
}

/** The reply without surrounding whitespace: what a whole-reply finding points at. */
export function replySpan(reply: ReplyContext): { start: number; end: number; core: string } | undefined {
  const text = reply.text;
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  if (end <= start) return undefined;
  return { start, end, core: text.slice(start, end) };
}
