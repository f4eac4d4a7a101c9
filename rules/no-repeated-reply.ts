/**
 * no-repeated-reply: the same canned answer sent again to a new customer message,
 * as if the agent were not reading (punctuation, particles and 亲/这个 at the start
 * do not make two replies different). Formulas that naturally recur — please-wait,
 * thanks, the pre-close question, a farewell, a greeting — are exempt.
 * 亲，这个是前半小时的活动（顾客追问后又发一次） → 回应顾客这次的具体问题
 */
import * as z from 'zod';
import { inConversation } from '../src/engine/conversation.js';
import { PhraseMatcher } from '../src/engine/matcher.js';
import { defineRule, replySpan } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

/** Whitespace, punctuation, symbols and particles do not make two canned replies different. */
const NOISE = /[\s\p{P}\p{S}~～呢哦噢哈啊呀啦吧嘛哟哒滴]+/gu;
/** Words of address and fillers an agent puts before the same answer. */
const LEADING = /^(?:亲亲|亲爱的|亲|客官|您好|嗯嗯|恩恩|嗯|恩|这个|那个|就是)+/u;
/** A reply this long found whole inside an earlier one is that one sent again. */
const CONTAINED = 8;

/** One character (a code point) of NOISE. */
const NOISE_CHAR = new RegExp(`^${NOISE.source.slice(0, -1)}$`, 'u');
/** Per UTF-16 unit outside surrogate pairs: 1 where NOISE matches it (made on first use). */
let noiseUnits: Uint8Array | undefined;

/** `text` without NOISE: the same as text.replace(NOISE, ''), one table look-up per character. */
export function stripNoise(text: string): string {
  const table = (noiseUnits ??= Uint8Array.from({ length: 0x10000 }, (_, code) => (NOISE_CHAR.test(String.fromCharCode(code)) ? 1 : 0)));
  let kept = '';
  let from = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const width = pair ? 2 : 1;
    if (pair ? NOISE_CHAR.test(text.slice(i, i + 2)) : table[code] === 1) {
      kept += text.slice(from, i);
      from = i + width;
    }
    i += width;
  }
  return from === 0 ? text : kept + text.slice(from);
}

function normalize(text: string): string {
  return stripNoise(text).replace(LEADING, '');
}

/** Texts normalized at most once while they stay in recent history (each reply is compared with every earlier one). */
const MEMO_SIZE = 1024;
/** Longer texts are normalized each time: the memo stays small (a few megabytes at most) in a host process. */
const MEMO_MAX_CHARS = 1000;

export default defineRule({
  id: 'no-repeated-reply',
  meta: {
    title: '避免机械重复',
    description: '顾客又说了新的话，客服却把同一条回复再发一次，像机器人在敷衍；请稍等、致谢、结束前的询问这类套话除外。',
    scope: 'conversation',
    severity: 'warning',
    fixable: false,
    hasSuggestions: false,
    docs: docsUrl('no-repeated-reply'),
  },
  options: z.strictObject({
    /** What is left of a reply without its formulas must be this long to count as a canned answer. */
    minLength: z.number().int().min(1).default(6),
  }),
  dictionaries: ['formulas'],
  create(options, env) {
    const formulas = new PhraseMatcher(env.dictionary('formulas').entries);
    const content = (text: string) => {
      let rest = text;
      for (const match of formulas.matchAnywhere(text).reverse()) rest = rest.slice(0, match.start) + rest.slice(match.end);
      return normalize(rest);
    };
    // Each agent reply is compared with every agent reply before it in the
    // conversation: each text is normalized once while it is recent.
    const memo = new Map<string, string>();
    const normalized = (text: string) => {
      if (text.length > MEMO_MAX_CHARS) return normalize(text);
      let known = memo.get(text);
      if (known === undefined) {
        if (memo.size >= MEMO_SIZE) memo.clear();
        memo.set(text, (known = normalize(text)));
      }
      return known;
    };
    return (reply) => {
      const { context } = reply;
      if (!inConversation(context)) return;
      const history = context.history!;
      // Nothing to repeat unless an agent reply came before the customer's last message.
      const firstAgent = history.findIndex((turn) => turn.role === 'agent');
      if (firstAgent < 0 || history.findLastIndex((turn) => turn.role === 'customer') < firstAgent) return;
      const own = normalized(reply.text);
      // An earlier agent reply that says the same (or holds this whole reply: the
      // canned text sent again in short), with the customer speaking since.
      const same = (text: string) => {
        const before = normalized(text);
        return before === own || (own.length >= CONTAINED && before.includes(own));
      };
      const earlier = history.findIndex((turn, i) => turn.role === 'agent' && same(turn.text) && history.slice(i + 1).some((later) => later.role === 'customer'));
      // Most replies repeat nothing: what is left without the formulas is measured only for one that does.
      if (earlier < 0 || content(reply.text).length < options.minLength) return;
      const span = replySpan(reply);
      if (!span) return;
      reply.report({
        start: span.start,
        end: span.end,
        reason: `这条回复与本会话第 ${earlier + 1} 条消息（messageIndex ${earlier}）相同，顾客说了新的话却得到同样的回答，像在机械重复。请针对顾客这次说的内容回复，或给出新的进展。`,
      });
    };
  },
});
