/**
 * Which blunt-refusal phrases in a reply really refuse the customer (read by
 * no-negative-phrasing and courtesy-required). Not a refusal: a condition about
 * the customer (如果您没办法到店, 您取消不了的话), a question (是否不支持……？),
 * declining to promise (无法保证明天到), a possibility (可能是无法送达), a negative
 * that describes a thing (不支持的快递), the then-part of a condition (若没有按钮，
 * 则表示无法修改), a yes with its condition (可以的，不支持跨区), or a quotation.
 */
import { clauseAt, consequentAt, hypotheticalAt, questionAt, quotedAt, subjectAt } from '../src/engine/context.js';
import type { PhraseMatch } from '../src/engine/matcher.js';
import type { ReplyContext } from '../src/engine/rule.js';

export const REFUSALS = 'negative-phrasing';

/** Declining to promise is honest, not a refusal: 无法保证、没办法给您保证、不能确定. */
const DECLINED_PROMISE = /^.{0,4}?(?:保证|承诺|确保|确定|打包票|准确的时间)/u;
/** 不支持的快递: the refusal describes a noun, it does not refuse the customer. */
const ATTRIBUTIVE = /^的(?![呢哦哈啦呀哟了吧啊嘛噢喔亲~～，。！？,.!?\s]|$)/u;

/** 无法取消可以等师傅上门……: a condition without 如果, followed by what can be done. */
const IMPLICIT_CONDITION = /^[^，。！？,.!?\s]{0,6}?(?:可以|就可以|就行)/u;
/** 可能是无法送达, 应该是商品不支持……: a possibility, not a refusal (at most a vague answer). */
const POSSIBILITY = /(?:可能|也许|或许|估计|大概|应该是)(?:是|会)?[^，。！？,.!?\s不没无]{0,4}$/u;
/** 可以的，不支持跨区: a yes with its condition, not a refusal. */
const YES_FIRST = /^(?:亲[，,]?)?(?:是?可以(?:的|哦|呢|哈|呀|滴)*|能(?:的|哦)+|支持(?:的|哦)+)$/u;

export function refusals(reply: ReplyContext): PhraseMatch[] {
  const found = reply.matches(REFUSALS);
  if (found.length === 0) return [];
  const { text, layout } = reply;
  return found.filter((match) => {
    if (hypotheticalAt(layout, match.start) || consequentAt(layout, match.start) || questionAt(layout, match.start) || quotedAt(layout, match.start, match.end)) return false;
    const first = layout.clauses[0];
    if (first && first !== clauseAt(layout, match.start) && YES_FIRST.test(text.slice(first.start, first.end))) return false;
    if (subjectAt(layout, text, match.start) === 'customer') return false;
    const after = text.slice(match.end, match.end + 12);
    const before = text.slice(Math.max(0, match.start - 8), match.start);
    // Only a 的 right after the phrase makes it describe a noun: one comparison before the pattern.
    const attributive = text.charCodeAt(match.end) === 0x7684 && ATTRIBUTIVE.test(after);
    return !DECLINED_PROMISE.test(after) && !attributive && !IMPLICIT_CONDITION.test(after) && !POSSIBILITY.test(before);
  });
}
