/**
 * Which blunt-refusal phrases in a reply really refuse the customer (read by
 * no-negative-phrasing and courtesy-required). Not a refusal: a condition about
 * the customer (如果您没办法到店, 您取消不了的话), a question (是否不支持……？),
 * declining to promise (无法保证明天到), a possibility (可能是无法送达), a negative
 * that describes a thing (不支持的快递), or a quotation.
 */
import { hypotheticalAt, questionAt, quotedAt, subjectAt } from '../src/engine/context.js';
import type { PhraseMatch } from '../src/engine/matcher.js';
import type { ReplyContext } from '../src/engine/rule.js';

export const REFUSALS = 'negative-phrasing';

/** Declining to promise is honest, not a refusal: 无法保证、没办法给您保证、不能确定. */
const DECLINED_PROMISE = /^.{0,4}?(?:保证|承诺|确保|确定|打包票|准确的时间)/u;
/** 不支持的快递: the refusal describes a noun, it does not refuse the customer. */
const ATTRIBUTIVE = /^的(?![呢哦哈啦呀哟了吧啊嘛噢喔亲~～，。！？,.!?\s]|$)/u;

/** 无法取消可以等师傅上门……: a condition without 如果, followed by what can be done. */
const IMPLICIT_CONDITION = /^[^，。！？,.!?\s]{0,6}?(?:可以|就可以|就行)/u;
/** 可能是无法送达: a possibility, not a refusal (at most a vague answer). */
const POSSIBILITY = /(?:可能|也许|或许|估计|大概)(?:是|会)?$/u;

export function refusals(reply: ReplyContext): PhraseMatch[] {
  const { text, layout } = reply;
  return reply.matches(REFUSALS).filter((match) => {
    if (hypotheticalAt(layout, match.start) || questionAt(layout, match.start) || quotedAt(layout, match.start, match.end)) return false;
    if (subjectAt(layout, text, match.start) === 'customer') return false;
    const after = text.slice(match.end, match.end + 12);
    const before = text.slice(Math.max(0, match.start - 4), match.start);
    return !DECLINED_PROMISE.test(after) && !ATTRIBUTIVE.test(after) && !IMPLICIT_CONDITION.test(after) && !POSSIBILITY.test(before);
  });
}
