/**
 * Worker threads for transcript jobs. Each worker loads its own jieba and keeps
 * at most two jobs, so a slow worker never holds up the others; jobs beyond that
 * wait in a queue, and the reader waits (`whenBelow`) before adding more.
 */
import { Worker } from 'node:worker_threads';
import { fromJobError, JobRunner, type ConversationsJob, type JobResponse, type JobResult, type JobSettings, type SliceJob, type TranscriptJob } from './jobs.js';

export type Job = Omit<SliceJob, 'id'> | Omit<ConversationsJob, 'id'>;

/** Where transcript jobs run: worker threads, or this thread. */
export interface JobQueue {
  readonly size: number;
  /** True when jobs run elsewhere (their buffers are moved, so pass copies). */
  readonly threaded: boolean;
  run(job: Job, transfer?: ArrayBuffer[]): Promise<JobResult>;
  whenBelow(limit: number): Promise<void>;
  close(): Promise<void>;
}

/** Jobs run right here, one at a time, when called. */
export class LocalJobs implements JobQueue {
  readonly size = 1;
  readonly threaded = false;
  private readonly runner: JobRunner;
  private nextId = 0;

  constructor(settings: JobSettings) {
    this.runner = new JobRunner(settings);
  }

  run(job: Job): Promise<JobResult> {
    try {
      return Promise.resolve(this.runner.run({ ...job, id: this.nextId++ } as TranscriptJob));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async whenBelow(): Promise<void> {}

  async close(): Promise<void> {}
}

interface Queued {
  job: Job;
  transfer: ArrayBuffer[];
  resolve: (result: JobResult) => void;
  reject: (error: Error) => void;
}

const PER_WORKER = 2;

/** A worker thread died: the input is not at fault, the machine may be short of memory. */
export class WorkerFailure extends Error {}
const WORKER_OLD_SPACE_MB = 96;
const WORKER_YOUNG_SPACE_MB = 8;

export class JobPool implements JobQueue {
  readonly threaded = true;
  private readonly workers: Worker[];
  private readonly load: number[];
  private readonly queue: Queued[] = [];
  private readonly running = new Map<number, Queued & { worker: number }>();
  private waiters: (() => void)[] = [];
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;

  constructor(count: number, settings: JobSettings) {
    this.workers = Array.from(
      { length: count },
      // A worker's heap holds its linter and one slice at a time: capped, V8 collects
      // sooner instead of growing each worker's heap by hundreds of megabytes.
      () => new Worker(new URL('./worker.js', import.meta.url), { workerData: settings, resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_SPACE_MB } }),
    );
    this.load = this.workers.map(() => 0);
    this.workers.forEach((worker, index) => {
      worker.on('message', (response: JobResponse) => {
        const job = this.running.get(response.id);
        if (!job) return;
        this.running.delete(response.id);
        this.load[index]--;
        if ('error' in response) job.reject(fromJobError(response.error));
        else job.resolve(response);
        this.pump();
        this.wake();
      });
      worker.on('error', (error) => this.fail(new WorkerFailure(`检查线程出错（${error.message}）`)));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closing) this.fail(new WorkerFailure(`检查线程意外退出（退出码 ${code}），可能是内存不足`));
      });
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Jobs queued or running. */
  get pending(): number {
    return this.queue.length + this.running.size;
  }

  /** Run a job on the least busy worker; `transfer` moves buffers instead of copying them. */
  run(job: Job, transfer: ArrayBuffer[] = []): Promise<JobResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ job, transfer, resolve, reject });
      this.pump();
    });
  }

  /** Resolves once fewer than `limit` jobs are queued or running. */
  async whenBelow(limit: number): Promise<void> {
    while (this.pending >= limit && !this.failure) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const index = this.load.indexOf(Math.min(...this.load));
      if (this.load[index] >= PER_WORKER) return;
      const queued = this.queue.shift()!;
      const id = this.nextId++;
      this.load[index]++;
      this.running.set(id, { ...queued, worker: index });
      this.workers[index].postMessage({ ...queued.job, id }, queued.transfer);
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const job of [...this.queue, ...this.running.values()]) job.reject(error);
    this.queue.length = 0;
    this.running.clear();
    this.wake();
  }
}
