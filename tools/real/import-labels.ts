/**
 * Takes an annotator's files (with notes, which may quote the corpus) and writes
 * the committed form: ids and labels only.
 *
 *   node dist/tools/real/import-labels.js <annotator folder> <a|b>
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRealSessions } from './data.js';
import { LABEL_DIR } from './labels.js';

const [folder, who] = process.argv.slice(2);
if (!folder || !['a', 'b'].includes(who)) {
  console.error('用法：node dist/tools/real/import-labels.js <标注者目录> <a|b>');
  process.exit(2);
}
// Sessions dropped as duplicates when the corpus was built are not labelled twice.
const sessions = new Set(readRealSessions().map((s) => s.id));
const files: [string, string, number][] = [
  ['replies.tsv', 'replies', 3],
  ['turns.tsv', 'turns', 3],
  ['emotion.tsv', 'emotion', 2],
  ['warnings.tsv', 'warnings', 2],
];
for (const [source, kind, fields] of files) {
  const path = join(folder, source);
  if (!existsSync(path)) continue;
  const out = [`# ${kind} labels, annotator ${who.toUpperCase()} (independent of the other annotator); see tests/real/README.md`];
  let count = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cells = line.split('\t');
    const id = cells[0].trim();
    if ((kind === 'turns' || kind === 'emotion') && !sessions.has(id.split('#')[0])) continue;
    out.push(cells.slice(0, fields).map((cell) => (cell ?? '-').trim() || '-').join('\t'));
    count++;
  }
  const target = join(LABEL_DIR, `${kind}.${who}.tsv`);
  writeFileSync(target, out.join('\n') + '\n');
  console.log(`${target}: ${count} rows`);
}
