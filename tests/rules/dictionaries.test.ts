import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinRules, createLinter, type Linter } from '../../src/index.js';
import { readPhraseDictionary } from '../../src/dictionaries.js';
import type { PhraseEntry } from '../../src/engine/dictionary.js';
import { DICTIONARY_DIR } from '../../src/paths.js';
import { onlyRule } from '../helpers/rule-tester.js';
import { tempDir } from '../helpers/temp.js';

// Entries that only help another entry (an outcome after 一定, a short
// acknowledgement) say nothing on their own, so they need no examples.
const HELPER_KINDS = new Set(['outcome', 'acknowledgement']);

const files = readdirSync(DICTIONARY_DIR).filter((name) => name.endsWith('.yaml')).sort();
const dictionaries = files.map((file) => readPhraseDictionary(join(DICTIONARY_DIR, file)));

/** The rule a dictionary belongs to: the one that lists it first among its dictionaries. */
function ownerOf(name: string): string | undefined {
  return builtinRules.find((rule) => rule.dictionaries?.[0] === name)?.id;
}

function phrasesOf(entry: PhraseEntry): string[] {
  return [entry.phrase, ...entry.variants].map((phrase) => phrase.toLowerCase());
}

describe('dictionaries', () => {
  const linters = new Map<string, Linter>();
  let everything: Linter;
  beforeAll(async () => {
    for (const dictionary of dictionaries) {
      const owner = ownerOf(dictionary.name);
      if (owner && !linters.has(owner)) linters.set(owner, await createLinter(onlyRule(owner)));
    }
    everything = await createLinter();
  });

  it('finds the dictionary files', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  for (const dictionary of dictionaries) {
    const owner = ownerOf(dictionary.name);
    describe(`${dictionary.name}.yaml`, () => {
      it('is named after its file, and read first by at most one rule', () => {
        expect(dictionary.file?.endsWith(`${dictionary.name}.yaml`)).toBe(true);
        expect(builtinRules.filter((rule) => rule.dictionaries?.[0] === dictionary.name).length).toBeLessThanOrEqual(1);
      });
      // A list no rule reads (the emotion lexicon of the transcript scorer) has no rule to check it against.
      if (!owner) return;
      // Conversation rules need a transcript to fire, so their lists may go without examples.
      const needsExamples = builtinRules.find((rule) => rule.id === owner)!.meta.scope === 'reply';

      for (const entry of dictionary.entries) {
        const label = `${entry.phrase} (line ${entry.line})`;
        if (needsExamples && !HELPER_KINDS.has(entry.kind ?? '')) {
          it(`${label} has a reason and examples`, () => {
            expect(entry.reason).toBeTruthy();
            expect(entry.examples.hit.length + entry.examples.miss.length).toBeGreaterThan(0);
          });
        }
        for (const text of entry.examples.hit) {
          it(`${label} hits: ${text}`, () => {
            const linter = linters.get(owner!)!;
            const phrases = phrasesOf(entry);
            const own = linter.lint(text).filter((f) => f.ruleId === owner && phrases.some((p) => f.actual.toLowerCase().includes(p)));
            expect(own.map((f) => f.actual), `${owner} should report the entry in「${text}」`).not.toEqual([]);
            // A safe fix may remove what a fixable rule reports; it must never hide anything else.
            const fixed = everything.fix(text);
            if (fixed !== text && !builtinRules.find((r) => r.id === owner)!.meta.fixable) {
              expect(linter.lint(fixed).filter((f) => f.ruleId === owner), `after --fix:「${fixed}」`).not.toEqual([]);
            }
          });
        }
        for (const text of entry.examples.miss) {
          it(`${label} misses: ${text}`, () => {
            const findings = linters.get(owner!)!.lint(text).filter((f) => f.ruleId === owner);
            expect(findings.map((f) => f.actual)).toEqual([]);
          });
        }
        for (const rewrite of entry.rewrites) {
          it(`${label} rewrite passes its own rule: ${rewrite}`, () => {
            const findings = linters.get(owner!)!.lint(rewrite).filter((f) => f.ruleId === owner);
            expect(findings.map((f) => f.actual)).toEqual([]);
          });
        }
      }
    });
  }
});

describe('the lists the build keeps parsed', () => {
  it('are the lists in the files, each with the hash of its file', async () => {
    const { createHash } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const { writeDictionaryCache } = await import('../../src/dictionaries.js');
    const target = join(tempDir('kefu-dict-'), 'dictionaries.json');
    writeDictionaryCache(target);
    const cache = JSON.parse(readFileSync(target, 'utf8')) as { lists: Record<string, { sha1: string; dictionary: unknown }> };
    expect(Object.keys(cache.lists)).toEqual(dictionaries.map((d) => d.name).sort());
    files.forEach((file, index) => {
      const kept = cache.lists[dictionaries[index].name];
      expect(kept.dictionary).toEqual(dictionaries[index]);
      expect(kept.sha1).toBe(createHash('sha1').update(readFileSync(join(DICTIONARY_DIR, file), 'utf8')).digest('hex'));
    });
  });
});
