/**
 * Rebuilds the local real-text development set from the two public research corpora
 * (see tests/real/README.md): JDDC 2018 agent turns as single replies, and the
 * E-commerce Dialogue Corpus sample as whole sessions. The corpus text is written only
 * under tests/real/.corpus/ (ignored by git); what the project keeps are ids and labels.
 *
 *   node dist/tools/real/corpus.js --jddc <clone of JDDC-Baseline-Seq2Seq> --ecd <clone of DeepUtteranceAggregation>
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REAL_CORPUS_DIR, type RealReply, type RealSession } from './data.js';

/** Read a file of a clone (work tree) or, when there is none, from its git objects. */
function readRepoFile(repo: string, path: string): string {
  const plain = join(repo, path);
  if (existsSync(plain)) return readFileSync(plain, 'utf8');
  const gitDir = existsSync(join(repo, '.git')) ? join(repo, '.git') : repo;
  return execFileSync('git', ['--git-dir', gitDir, 'show', `HEAD:${path}`], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

function lines(text: string): string[] {
  const all = text.split('\n');
  if (all.at(-1) === '') all.pop();
  return all.map((line) => line.replace(/\r$/, ''));
}

/** A JDDC turn is its messages joined by ","; the export ends every turn with one more. */
function jddcText(line: string): string {
  return line.replace(/,$/, '');
}

/** ECD text is word-segmented with spaces: join the words back as they were written. */
function unsegment(line: string): string {
  return line
    .trim()
    .split(/\s+/)
    .reduce((text, word) => (text && /[A-Za-z0-9]$/.test(text) && /^[A-Za-z0-9]/.test(word) ? `${text} ${word}` : text + word), '');
}

function readJddc(repo: string): RealReply[] {
  const replies: RealReply[] = [];
  for (const split of ['train', 'test'] as const) {
    const turns = lines(readRepoFile(repo, `data/${split}.dec`));
    const contexts = lines(readRepoFile(repo, `data/${split}.enc`));
    turns.forEach((line, index) => {
      const number = String(index + 1).padStart(5, '0');
      replies.push({ id: `jddc18-${split}-${number}`, text: jddcText(line), context: jddcText(contexts[index] ?? '') });
    });
  }
  return replies;
}

function readEcd(repo: string): RealSession[] {
  const sessions: RealSession[] = [];
  // The sample's valid split repeats sessions of its train split: keep each session once.
  const seen = new Set<string>();
  for (const split of ['train', 'valid', 'test'] as const) {
    lines(readRepoFile(repo, `ECD_sample/${split}`)).forEach((line, index) => {
      const [label, ...utterances] = line.split('\t');
      if (label !== '1') return; // other rows pair the same context with a random response
      // Utterances alternate customer/agent and end with the customer; the response is the agent's.
      const turns = utterances.map((text, i) => ({
        role: (utterances.length - 1 - i) % 2 === 0 ? ('agent' as const) : ('customer' as const),
        text: unsegment(text),
      }));
      const key = JSON.stringify(turns);
      if (seen.has(key)) return;
      seen.add(key);
      sessions.push({ id: `ecd-${split}-${String(index + 1).padStart(4, '0')}`, turns });
    });
  }
  return sessions;
}

function option(name: string, env: string): string {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? process.argv[index + 1] : process.env[env];
  if (!value || !existsSync(value)) {
    console.error(
      `缺少语料仓库（${name} 或环境变量 ${env}）。请先下载：\n` +
        '  git clone https://github.com/SimonJYang/JDDC-Baseline-Seq2Seq\n' +
        '  git clone https://github.com/cooelf/DeepUtteranceAggregation\n' +
        '然后运行：npm run real:corpus -- --jddc <JDDC 目录> --ecd <DeepUtteranceAggregation 目录>',
    );
    process.exit(2);
  }
  return value;
}

function main(): void {
  const replies = readJddc(option('--jddc', 'KEFU_REAL_JDDC'));
  const sessions = readEcd(option('--ecd', 'KEFU_REAL_ECD'));
  mkdirSync(REAL_CORPUS_DIR, { recursive: true });
  writeFileSync(join(REAL_CORPUS_DIR, 'replies.jsonl'), replies.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(join(REAL_CORPUS_DIR, 'sessions.jsonl'), sessions.map((s) => JSON.stringify(s)).join('\n') + '\n');
  console.log(`已写入 ${REAL_CORPUS_DIR}：${replies.length} 条客服回复，${sessions.length} 段会话。`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
