/**
 * The floor the CLI is measured against: a process that only loads nodejieba (with
 * the same dictionaries) and cuts every line of a file, nothing else.
 *   node dist/tools/bench/tokenize-only.js <file>
 */
import { readFileSync } from 'node:fs';
import { builtinWords } from '../../src/dictionaries.js';
import { getJiebaTokenizer } from '../../src/jieba.js';

const tokenizer = getJiebaTokenizer(builtinWords());
let tokens = 0;
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) tokens += tokenizer.tokenize(line).length;
process.stdout.write(`${tokens}\n`);
