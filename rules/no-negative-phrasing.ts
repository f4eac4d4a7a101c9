/**
 * no-negative-phrasing: blunt refusals (做不到, 不行, 不能改价 …), with rewrites
 * that say what can be done. 这个我们做不到 → 我们可以尝试为您……
 */
import { phraseRule } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

export default phraseRule({
  id: 'no-negative-phrasing',
  dictionary: 'negative-phrasing',
  meta: {
    title: '避免生硬否定',
    description: '回复中有生硬的否定或拒绝，建议先说能为顾客做什么。',
    severity: 'warning',
    strictSeverity: 'error',
    docs: docsUrl('no-negative-phrasing'),
  },
});
