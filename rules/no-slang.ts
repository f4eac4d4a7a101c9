/**
 * no-slang: internet slang and nonstandard abbreviations (yyds, 绝绝子, 酱紫, 木有,
 * 神马, 栓Q, 老铁, 冲鸭). Only the slang sense: 冲锋衣 and 冲洗 stay silent.
 * 酱紫 → 这样
 */
import { phraseRule } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

export default phraseRule({
  id: 'no-slang',
  dictionary: 'slang',
  meta: {
    title: '避免网络俚语与不规范缩写',
    description: '回复中有网络俚语或不规范缩写，不是每位顾客都看得懂，也显得不够专业。',
    severity: 'warning',
    docs: docsUrl('no-slang'),
  },
});
