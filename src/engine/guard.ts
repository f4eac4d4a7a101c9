/**
 * What a host hands the linter, checked before any of it reaches a rule or native
 * code: a chat tool embedding the library must get a KefuLintError it can show,
 * never a TypeError from deep inside, and no single reply may take the process
 * down. A reply longer than any chat reply is reported once as too long instead of
 * being segmented whole.
 */
import type { ConversationTurn, LintContext } from './conversation.js';
import { KefuLintError } from './errors.js';
import type { Finding } from './finding.js';
import { PositionMap } from './tree.js';

/** Longest reply linted in full (UTF-16 units). Longer ones get one `max-reply-length` error. */
export const MAX_REPLY_CHARS = 200_000;

const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? '数组' : typeof value);

export function checkText(text: unknown, where: string): asserts text is string {
  if (typeof text !== 'string') throw new KefuLintError('input', `${where} 需要一段文本（字符串），收到的是 ${describe(text)}。`);
}

function checkTurn(turn: unknown, where: string): void {
  if (typeof turn !== 'object' || turn === null) throw new KefuLintError('input', `${where} 应是 { role, text } 对象，收到的是 ${describe(turn)}。`);
  const { role, text, time } = turn as Record<string, unknown>;
  if (role !== 'agent' && role !== 'customer') throw new KefuLintError('input', `${where}.role 应为 "agent" 或 "customer"，收到的是 ${JSON.stringify(role) ?? 'undefined'}。`);
  if (typeof text !== 'string') throw new KefuLintError('input', `${where}.text 应是字符串，收到的是 ${describe(text)}。`);
  if (time !== undefined && (typeof time !== 'number' || !Number.isFinite(time))) {
    throw new KefuLintError('input', `${where}.time 应是毫秒时间戳（有限的数字），收到的是 ${describe(time)}。`);
  }
}

export function checkTurns(turns: unknown, where: string): asserts turns is ConversationTurn[] {
  if (!Array.isArray(turns)) throw new KefuLintError('input', `${where} 应是消息数组，收到的是 ${describe(turns)}。`);
  turns.forEach((turn, index) => checkTurn(turn, `${where}[${index}]`));
}

export function checkContext(context: unknown): asserts context is LintContext | undefined {
  if (context === undefined) return;
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    throw new KefuLintError('input', `lint() 的 context 应是对象，收到的是 ${describe(context)}。`);
  }
  const { history, time } = context as Record<string, unknown>;
  if (history !== undefined) checkTurns(history, 'context.history');
  if (time !== undefined && (typeof time !== 'number' || !Number.isFinite(time))) {
    throw new KefuLintError('input', `context.time 应是毫秒时间戳（有限的数字），收到的是 ${describe(time)}。`);
  }
}

/** The one finding for a reply too long to lint: at the place where linting would stop. */
export function tooLong(text: string, url: string): Finding {
  const at = new PositionMap(text.slice(0, MAX_REPLY_CHARS)).point(MAX_REPLY_CHARS);
  return {
    ruleId: 'max-reply-length',
    severity: 'error',
    reason: `这条回复有 ${text.length} 个字符，超过可检查的上限 ${MAX_REPLY_CHARS} 个字符，没有逐句检查。请把它拆成多条回复；如果这是整份文件，请检查输入格式（例如用 --input-format 指定）。`,
    start: MAX_REPLY_CHARS,
    end: MAX_REPLY_CHARS,
    line: at.line,
    column: at.column,
    endLine: at.line,
    endColumn: at.column,
    actual: '',
    expected: [],
    url,
  };
}
