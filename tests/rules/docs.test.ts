import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../src/index.js';
import { renderRulesDoc, RULES_DOC } from '../../tools/docs/rules-doc.js';

describe('docs/rules.md', () => {
  it('is up to date with the rules (run `npm run docs` to regenerate)', () => {
    expect(readFileSync(RULES_DOC, 'utf8')).toBe(renderRulesDoc());
  });

  it('lists every rule with its metadata and a link to its page', () => {
    const doc = renderRulesDoc();
    for (const rule of builtinRules) {
      const line = doc.split('\n').find((l) => l.startsWith(`| [\`${rule.id}\`](../rules/${rule.id}.md) |`));
      expect(line, rule.id).toBeDefined();
      expect(line).toContain(`| ${rule.meta.title} |`);
    }
  });
});
