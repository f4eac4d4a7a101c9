/**
 * no-blaming: contradicting or blaming the customer (您错了, 这不可能,
 * 你自己没看清楚, 我已经说过了, 你怎么不早说, 是您自己……). The agent owning a
 * mistake (小妹刚才给您看错了) is not blaming.
 * 您错了 → 可能是我没有解释清楚，我再为您说明一下
 */
import { agentActsAt, quotedAt } from '../src/engine/context.js';
import { phraseRule } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

export default phraseRule({
  id: 'no-blaming',
  dictionary: 'blaming',
  meta: {
    title: '避免反驳、指责客户',
    description: '回复在反驳或指责顾客，容易激化矛盾。',
    severity: 'warning',
    strictSeverity: 'error',
    docs: docsUrl('no-blaming'),
  },
  unless: (reply, match) => agentActsAt(reply.layout, match.start, match.end) || quotedAt(reply.layout, match.start, match.end),
});
