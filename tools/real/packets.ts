/**
 * Writes what two annotators need to label the real set, into a folder of their own:
 * the sampled replies (with the context window before each) and the sessions, one
 * numbered turn a line. The sample is seeded, so the same ids come out on any machine.
 *
 *   node dist/tools/real/packets.js <out-dir>
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REAL_DIR, readRealReplies, readRealSessions, sample } from './data.js';

const REPLY_SAMPLE_SEED = 20261201;
const REPLY_SAMPLE_SIZE = 640;

/** The shared calibration sample's ids, kept out of the new sample so the two stay separate. */
function calibrationIds(): Set<string> {
  const text = readFileSync(join(REAL_DIR, 'labels', 'jddc2018-sample.tsv'), 'utf8');
  return new Set(text.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split('\t')[0]));
}

function sampledReplyIds(): string[] {
  const skip = calibrationIds();
  const ids = readRealReplies().map((reply) => reply.id).filter((id) => !skip.has(id));
  return sample(ids, REPLY_SAMPLE_SIZE, REPLY_SAMPLE_SEED);
}

function oneLine(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}

function main(): void {
  const out = process.argv[2];
  if (!out) {
    console.error('用法：node dist/tools/real/packets.js <输出目录>');
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  const byId = new Map(readRealReplies().map((reply) => [reply.id, reply]));
  const replies = sampledReplyIds().map((id) => byId.get(id)!);
  writeFileSync(
    join(out, 'replies.txt'),
    replies.map((r) => `## ${r.id}\n上文: ${oneLine(r.context) || '（无）'}\n回复: ${oneLine(r.text)}\n`).join('\n'),
  );
  const sessions = readRealSessions();
  writeFileSync(
    join(out, 'sessions.txt'),
    sessions
      .map((s) => `## ${s.id}\n` + s.turns.map((t, i) => `${s.id}#${i}\t${t.role === 'agent' ? '客服' : '顾客'}\t${oneLine(t.text)}`).join('\n') + '\n')
      .join('\n'),
  );
  console.log(`${replies.length} replies, ${sessions.length} sessions -> ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
