/**
 * courtesy-required: a curt reply. Mid-conversation that is a bare demand (订单号呢),
 * a bare refusal (这个不能更改的), a dismissive line (不知道) or a one-word answer
 * to a complaint, with no courtesy marker and no softener; plain answers,
 * confirmations and emoticons are normal chat. A canned reply stands alone: there,
 * any reply without a marker is flagged.
 * 订单号呢 → 麻烦您提供一下订单号，我帮您查询
 */
import * as z from 'zod';
import { someTokenOutside, tokensOutside, uncovered } from '../src/engine/context.js';
import type { PhraseMatch } from '../src/engine/matcher.js';
import { defineRule, replySpan, type ReplyContext } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';
import { REFUSALS, refusals } from './refusals.js';

/** Particles that soften a line (呢 alone does not: 订单号呢 is still a bare demand). */
const SOFTENER = /[哦噢喔哈呀啦哟嘛哒滴咯~～]|亲/u;
const PARTICLE = /^[哦噢喔呢啦呀哈嘛吧啊哒滴咯]+$/u;
/** Words that may stand around a demand without making it polite: 发下、提供一下、给个. */
const DEMAND_FILLER = /^(?:把|将|你的|发|给|报|说|提供|告诉|一|下|个|张|一下|一张|呢|吧|的|和|及|或|号码|号|我|看|看下|看看|拍|过来|发过来)$/u;
/** A line that offers a way forward is not a bare refusal. */
const ALTERNATIVE = /可以|建议|帮|为|给您|您看|换成|或者|如果|先/u;
/** What says nothing back: 嗯, 哦, 知道了 (是的 and 可以的 are answers). */
const NON_ANSWER = /^(?:嗯+|恩+|哦+|噢+|喔+|好|好吧|行|知道了|收到)$/u;
/** Customer emotion (0–100) from which a one-word answer counts as curt. */
const UPSET = 30;
const MAX_SHORT = 15;

type Curt = { kind: 'demand' | 'refusal' | 'dismissive' | 'complaint'; reason: string; expected: string[] };

export default defineRule({
  id: 'courtesy-required',
  meta: {
    title: '缺少礼貌用语',
    description: '回复生硬：只甩出要求、直接拒绝、打发顾客，或者对顾客的抱怨只回一个字，而且没有任何礼貌用语。',
    scope: 'reply',
    severity: 'warning',
    strictSeverity: 'error',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('courtesy-required'),
  },
  options: z.strictObject({
    /** In a conversation, a bare acknowledgement (好的, 收到 …) is ordinary chat; `false` asks for a marker there too. */
    exemptAcknowledgements: z.boolean().default(true),
  }),
  dictionaries: ['courtesy', REFUSALS],
  create(options) {
    return (reply) => {
      // Most replies have a courtesy marker: check that first, before looking at words.
      const matches = reply.matches('courtesy');
      if (matches.some((match) => match.entry.kind === undefined)) return;
      // Only marks, emoticons and particles (哦, 呢): nothing to be curt with.
      if (!someTokenOutside(reply.text, reply.layout, reply.edges, 'word', isWord)) return;
      const span = replySpan(reply);
      if (!span) return;
      const { context } = reply;
      if (context.history !== undefined && !context.standalone && (options.exemptAcknowledgements || !acknowledged(reply, matches))) {
        const curt = curtness(reply, matches);
        if (curt) reply.report({ start: span.start, end: span.end, reason: curt.reason, expected: curt.expected });
        return;
      }
      // A canned reply stands alone: it needs a marker of its own.
      reply.report({
        start: span.start,
        end: span.end,
        reason: '这条回复没有礼貌用语（您、请、谢谢、抱歉、亲……），读起来生硬。建议加上称呼或礼貌用语。',
        expected: [`您好，${span.core}`, `亲，${span.core}`],
      });
    };
  },
});

const isWord = (token: string) => !PARTICLE.test(token);

/** Is the reply nothing but acknowledgements (好的, 收到) among its words? */
function acknowledged(reply: ReplyContext, matches: readonly PhraseMatch[]): boolean {
  const words = tokensOutside(reply.layout, reply.tokens).filter((t) => t.kind === 'word' && isWord(t.text));
  return uncovered(words, matches.filter((m) => m.entry.kind === 'acknowledgement')).length === 0;
}

/** Why a reply in a conversation is curt, or undefined when it is ordinary chat. */
function curtness(reply: ReplyContext, matches: readonly PhraseMatch[]): Curt | undefined {
  const text = reply.text.trim();
  const core = text.replace(/[\s\p{P}~～]+$/u, '');
  if (core.length === 0 || core.length > MAX_SHORT * 2) return undefined;
  const softened = SOFTENER.test(text);

  const demands = matches.filter((m) => m.entry.kind === 'demand');
  if (demands.length > 0 && !softened && bareDemand(reply, demands)) {
    const what = reply.text.slice(demands[0].start, demands[0].end);
    return { kind: 'demand', reason: `只说「${core}」像在命令顾客。索要信息时先称呼、说明用途，再道谢。`, expected: [`麻烦您提供一下${what}，我帮您查询`, `亲，请您发一下${what}，这边马上为您处理`] };
  }
  const dismissive = matches.find((m) => m.entry.kind === 'dismissive');
  if (dismissive && !softened && core.length <= MAX_SHORT) {
    return { kind: 'dismissive', reason: `「${core}」像在打发顾客。说明原因，并告诉顾客接下来能怎么办。`, expected: ['这边帮您确认一下，稍后回复您', '不好意思，这边帮您核实后马上告诉您'] };
  }
  if (refusals(reply).length > 0 && !softened && core.length <= MAX_SHORT && !ALTERNATIVE.test(core)) {
    // The refusal itself is what to rephrase (see no-negative-phrasing): the rewrite does not repeat it.
    return { kind: 'refusal', reason: `「${core}」是一句生硬的拒绝，没有任何礼貌用语。先致歉或表示理解，再说明能为顾客做什么。`, expected: ['非常抱歉，这边暂时无法直接办理，我们可以为您……', '不好意思亲，这个情况这边建议您……'] };
  }
  const last = reply.emotion().findLast((score) => score !== undefined);
  if (last && last.score >= UPSET && NON_ANSWER.test(core)) {
    return { kind: 'complaint', reason: `顾客正在抱怨，只回「${core}」显得敷衍。先表示理解或致歉，再说处理办法。`, expected: ['非常理解您的心情，这边马上为您处理', '不好意思让您不满意了，我这就帮您核实'] };
  }
  return undefined;
}

/** The reply is nothing but the thing asked for, with at most a verb like 发/提供 and 呢. */
function bareDemand(reply: ReplyContext, demands: readonly PhraseMatch[]): boolean {
  return reply.tokens.every((token) => {
    if (token.kind !== 'word') return true;
    if (demands.some((d) => d.start <= token.start && token.end <= d.end)) return true;
    return DEMAND_FILLER.test(token.text);
  });
}
