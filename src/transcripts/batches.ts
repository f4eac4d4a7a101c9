/** Conversations linted as jobs on the queue, a batch at a time, and added up in the report. */
import type { Conversation } from '../inputs/transcript/messages.js';
import type { JobBase, TranscriptQueue } from './jobs.js';
import type { ReportBuilder } from './report.js';

/** Messages per job: enough to keep a worker busy, few enough to keep memory flat. */
export const BATCH_MESSAGES = 4_000;

/** Conversations read here, linted on the queue in batches. */
export async function lintOnPool(conversations: AsyncIterable<Conversation>, target: JobBase, pool: TranscriptQueue, builder: ReportBuilder): Promise<void> {
  const jobs: Promise<void>[] = [];
  let batch: Conversation[] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    // Two batches per thread, not the queue's depth: these conversations were read and
    // are held here until a thread takes them (four per thread: 14–21% faster on a
    // 38 MB UTF-16 transcript, but 300–305 MB at peak against 294–303 MB).
    await pool.whenBelow(2 * pool.size);
    jobs.push(lintConversations(pool, target, batch, builder));
    batch = [];
    size = 0;
  };
  for await (const conversation of conversations) {
    batch.push(conversation);
    size += conversation.messages.length;
    if (size >= BATCH_MESSAGES) await flush();
  }
  await flush();
  await awaitAll(jobs);
}

/** Lint conversations as one job and add them up; a failure is kept for `awaitAll` instead of going unhandled. */
export function lintConversations(pool: TranscriptQueue, target: JobBase, conversations: Conversation[], builder: ReportBuilder): Promise<void> {
  const done = pool.run({ type: 'conversations', ...target, conversations }).then((result) => builder.merge(target.file, result.partial));
  done.catch(() => {});
  return done;
}

export async function awaitAll(jobs: readonly Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(jobs);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}
