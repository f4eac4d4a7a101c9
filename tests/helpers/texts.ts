/** Every dictionary example and every eval-corpus text: the texts properties are checked over. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readPhraseDictionary } from '../../src/dictionaries.js';
import { DICTIONARY_DIR } from '../../src/paths.js';
import { readCorpus } from '../../tools/eval/eval.js';

export function exampleAndEvalTexts(): string[] {
  const examples = readdirSync(DICTIONARY_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) => readPhraseDictionary(join(DICTIONARY_DIR, name)).entries.flatMap((entry) => [...entry.examples.hit, ...entry.examples.miss]));
  const corpora = ['tests/eval', 'tests/eval-holdout', 'tests/eval-blind'].flatMap((dir) => readCorpus([dir]).map((entry) => entry.text));
  return [...new Set([...examples, ...corpora])];
}
