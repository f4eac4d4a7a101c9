/**
 * no-absolute-claims: advertising-law absolute terms and efficacy claims about a
 * product (全网最好, 销量第一, 国家级, 顶级, 史上最低, 根治, 无副作用). Everyday 最近,
 * 第一时间 and 第一次 stay silent. 全网最好 → 很受顾客欢迎
 */
import { quotedAt } from '../src/engine/context.js';
import { phraseRule } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

export default phraseRule({
  id: 'no-absolute-claims',
  dictionary: 'absolute-claims',
  meta: {
    title: '避免夸大与绝对化用语',
    description: '回复中有广告法禁止的绝对化用语或夸大功效的说法。',
    severity: 'warning',
    strictSeverity: 'error',
    docs: docsUrl('no-absolute-claims'),
  },
  // A quotation (an app button, a product's name) is not the agent's wording.
  unless: (reply, match) => quotedAt(reply.layout, match.start, match.end),
});
