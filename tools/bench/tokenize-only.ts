/**
 * The floor the CLI is measured against: a process that only loads nodejieba (with
 * the same dictionaries) and cuts the text of a file, nothing else.
 *   node dist/tools/bench/tokenize-only.js <file>          every line
 *   node dist/tools/bench/tokenize-only.js --jsonl <file>  JSON Lines: each line parsed,
 *                                                          the agents' messages cut
 * Prints the number of tokens and of lines read.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { builtinWords } from '../../src/dictionaries.js';
import { getJiebaTokenizer } from '../../src/jieba.js';

const tokenizer = getJiebaTokenizer(builtinWords());
const jsonl = process.argv[2] === '--jsonl';
const file = process.argv[jsonl ? 3 : 2];
let tokens = 0;
let lines = 0;
if (jsonl) {
  // Read as a stream, as the transcript reader does: a large file is never one string.
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    lines++;
    if (line.trim() === '') continue;
    const message = JSON.parse(line) as { role?: string; text?: string };
    if (message.role === 'agent' && typeof message.text === 'string') tokens += tokenizer.tokenize(message.text).length;
  }
} else {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    lines++;
    tokens += tokenizer.tokenize(line).length;
  }
}
process.stdout.write(`${tokens} ${lines}\n`);
