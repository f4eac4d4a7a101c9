/**
 * no-jargon: words customers don't use (SKU, 工单, 揽收 …), with plain rewrites.
 * 已揽收 → 快递已经取件
 */
import { quotedAt } from '../src/engine/context.js';
import { phraseRule } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

export default phraseRule({
  id: 'no-jargon',
  dictionary: 'jargon',
  meta: {
    title: '避免行业术语',
    description: '回复中有顾客不熟悉的行业术语或内部用语，建议换成通俗说法。',
    severity: 'warning',
    docs: docsUrl('no-jargon'),
  },
  // A quotation (an app button, a product's name) is not the agent's wording.
  unless: (reply, match) => quotedAt(reply.layout, match.start, match.end),
});
