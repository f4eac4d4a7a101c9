/**
 * no-forbidden-words: insults and dismissals (爱买不买, 随便你, 你有病吧, 烦不烦,
 * 自己查去). The rewrites never keep the offending words.
 * 物流自己查去 → 我这边帮您查一下
 */
import { phraseRule } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

export default phraseRule({
  id: 'no-forbidden-words',
  dictionary: 'forbidden-words',
  meta: {
    title: '禁用语',
    description: '回复中有辱骂、轻蔑或打发顾客的禁用语。',
    severity: 'error',
    docs: docsUrl('no-forbidden-words'),
  },
});
