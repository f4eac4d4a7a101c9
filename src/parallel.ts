/**
 * Large inputs are spread over worker threads, one per core. Each worker builds
 * its own linter (jieba is per thread) and lints batches of replies in turn.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Finding, LinterOptions } from './linter.js';
import type { LintContext } from './rule.js';

/** Below this many replies, starting workers costs more than it saves. */
export const PARALLEL_THRESHOLD = 20_000;
const BATCH = 2_000;

export interface WorkerRequest {
  id: number;
  texts: string[];
  context: LintContext;
}

export type WorkerResponse = { id: number; findings: Finding[][] } | { id: number; error: string };

export function workerCount(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/** Lint many replies on worker threads; results come back in input order. */
export async function lintInParallel(
  replies: readonly { text: string }[],
  options: Omit<LinterOptions, 'plugins' | 'tokenizer'>,
  context: LintContext = { standalone: true },
  threads = workerCount(),
): Promise<Finding[][]> {
  const results: Finding[][] = new Array(replies.length);
  const batches: { id: number; start: number; texts: string[] }[] = [];
  for (let start = 0; start < replies.length; start += BATCH) {
    batches.push({ id: batches.length, start, texts: replies.slice(start, start + BATCH).map((r) => r.text) });
  }
  const count = Math.max(1, Math.min(threads, batches.length));
  const workers = Array.from({ length: count }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData: options }));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              const batch = batches[next++];
              if (!batch) return resolve();
              worker.postMessage({ id: batch.id, texts: batch.texts, context } satisfies WorkerRequest);
            };
            worker.on('message', (response: WorkerResponse) => {
              if ('error' in response) return reject(new Error(response.error));
              const batch = batches[response.id];
              response.findings.forEach((findings, i) => (results[batch.start + i] = findings));
              send();
            });
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
