/** The local real-text set: where it lives and its shape. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../random.js';

export const REAL_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'tests', 'real');
export const REAL_CORPUS_DIR = join(REAL_DIR, '.corpus');

export interface RealReply {
  /** jddc18-<split>-<1-based line of data/<split>.dec, five digits> */
  id: string;
  text: string;
  /** The context window before the turn (roles not marked). */
  context: string;
}

export interface RealSession {
  /** ecd-<split>-<1-based line of ECD_sample/<split>, four digits> */
  id: string;
  turns: { role: 'customer' | 'agent'; text: string }[];
}

function readJsonl<T>(name: string): T[] {
  const file = join(REAL_CORPUS_DIR, name);
  if (!existsSync(file)) {
    console.error(`没有找到本地真实语料 ${file}。\n请先按 tests/real/README.md 下载两个语料仓库，再运行 npm run real:corpus -- --jddc <目录> --ecd <目录>。`);
    process.exit(2);
  }
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);
}

export const readRealReplies = (): RealReply[] => readJsonl<RealReply>('replies.jsonl');
export const readRealSessions = (): RealSession[] => readJsonl<RealSession>('sessions.jsonl');

/** `count` distinct items drawn uniformly at random (seeded), in drawn order. */
export function sample<T>(items: readonly T[], count: number, seed: number): T[] {
  const random = seededRandom(seed);
  const pool = [...items];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}
