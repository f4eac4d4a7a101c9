/**
 * response-time: the agent answered a customer message later than the limit
 * (default 180 s; --platform presets). Only where both times are known.
 * 顾客 10:00:00 发问，客服 10:05:00 才回 → 让您久等了，……
 */
import * as z from 'zod';
import { inConversation, pendingCustomerTurns } from '../src/engine/conversation.js';
import { defineRule, replySpan } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

/** Seconds; see rules/response-time.md for where each figure comes from. */
const PLATFORM_LIMITS = { taobao: 30, jd: 30, douyin: 180, pdd: 180 } as const;
export type Platform = keyof typeof PLATFORM_LIMITS;
export const PLATFORMS = Object.keys(PLATFORM_LIMITS) as Platform[];
const PLATFORM_NAMES: Record<Platform, string> = { taobao: '淘宝/天猫', jd: '京东', douyin: '抖音', pdd: '拼多多' };

const DEFAULT_LIMIT = 180;

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} 分钟` : `${minutes} 分 ${rest} 秒`;
}

export default defineRule({
  id: 'response-time',
  meta: {
    title: '响应及时',
    description: '顾客的消息等了太久才得到客服回复（超过设定的响应时限）。',
    scope: 'conversation',
    severity: 'warning',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('response-time'),
  },
  options: z.strictObject({
    /** Limit in seconds; wins over `platform`. */
    limit: z.number().positive().optional(),
    /** A platform's commonly cited norm. */
    platform: z.enum(PLATFORMS).optional(),
  }),
  create(options) {
    const limit = options.limit ?? (options.platform ? PLATFORM_LIMITS[options.platform] : DEFAULT_LIMIT);
    const source = options.limit === undefined && options.platform ? `${PLATFORM_NAMES[options.platform]}的常用标准` : '设定的时限';
    return (reply) => {
      const { context } = reply;
      if (!inConversation(context) || context.time === undefined) return;
      const waiting = pendingCustomerTurns(context.history!).find((turn) => turn.time !== undefined);
      if (!waiting) return;
      const seconds = Math.round((context.time - waiting.time!) / 1000);
      if (seconds <= limit) return;
      const span = replySpan(reply);
      if (!span) return;
      reply.report({
        start: span.start,
        end: span.end,
        reason: `顾客的消息等了 ${formatSeconds(seconds)}才得到回复，超过${source}（${formatSeconds(limit)}）。请尽快回复；来不及处理时先告诉顾客正在查询。`,
        expected: [`让您久等了，${span.core}`],
      });
    };
  },
});
