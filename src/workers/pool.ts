/**
 * The one worker pool for large inputs (long reply lists and large transcripts).
 * Each worker thread runs the jobs sent to it (see ../worker.ts), loading jieba
 * only if it tokenizes (see SplitPools and segmenting.ts); it keeps at most a
 * few jobs (two unless told), so a slow worker never holds up the others; jobs
 * beyond that wait here, and the reader waits (`whenBelow(depth)`) before adding more.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { KefuLintError, type ErrorCode } from '../engine/errors.js';

/** Inputs with at least this much text to lint are spread over worker threads. */
export const PARALLEL_MIN_BYTES = 1024 * 1024;

/** One thread per core, at most eight. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/** A thread count as given on the command line (`--threads 2`), or undefined when it is not a positive whole number. */
export function threadCount(value: string): number | undefined {
  return /^[1-9]\d*$/.test(value) ? Number(value) : undefined;
}

/** Where jobs run: worker threads, or this thread. */
export interface JobQueue<Job, Result> {
  readonly size: number;
  /** Jobs in flight that keep every thread busy: a reader adds more once fewer are (`whenBelow(depth)`). */
  readonly depth: number;
  /** True when jobs run elsewhere (their buffers are moved, so pass copies). */
  readonly threaded: boolean;
  run(job: Job, transfer?: ArrayBuffer[]): Promise<Result>;
  whenBelow(limit: number): Promise<void>;
  close(): Promise<void>;
}

/** Jobs run right here, one at a time, when called. */
export class LocalJobs<Job, Result> implements JobQueue<Job, Result> {
  readonly size = 1;
  readonly depth = 1;
  readonly threaded = false;

  constructor(private readonly runJob: (job: Job) => Result) {}

  run(job: Job): Promise<Result> {
    try {
      return Promise.resolve(this.runJob(job));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async whenBelow(): Promise<void> {}

  async close(): Promise<void> {}
}

/** An error from a job, as plain data a worker can send. */
export interface JobError {
  message: string;
  /** Set for errors a user can see (the message already names the file and line). */
  code?: ErrorCode;
}

export type JobResponse<Result> = { id: number; result: Result } | { id: number; error: JobError };

export function toJobError(error: unknown): JobError {
  if (error instanceof KefuLintError) return { message: error.message, code: error.code };
  return { message: (error as Error)?.message ?? String(error) };
}

export function fromJobError(error: JobError): Error {
  return error.code ? new KefuLintError(error.code, error.message) : new Error(error.message);
}

/** A worker thread died: the input is not at fault, the machine may be short of memory. */
export class WorkerFailure extends Error {}

export interface WorkerSettings {
  /** Young generation of each thread: threads that make many short-lived objects (the rules) collect less often with more. */
  youngSpaceMb?: number;
  /**
   * Jobs each thread holds at once. A job that waits on another thread (a
   * transcript slice waiting for its tokens) leaves its thread free for the
   * next one it holds.
   */
  perWorker?: number;
}

interface Queued<Job, Result> {
  job: Job;
  transfer: ArrayBuffer[];
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

/** Jobs a worker holds at once unless told otherwise. */
const PER_WORKER = 2;
const WORKER_OLD_SPACE_MB = 96;
const WORKER_YOUNG_SPACE_MB = 8;

export class JobPool<Job, Result> implements JobQueue<Job, Result> {
  readonly threaded = true;
  private readonly workers: Worker[];
  private readonly load: number[];
  private readonly queue: Queued<Job, Result>[] = [];
  private readonly running = new Map<number, Queued<Job, Result>>();
  private waiters: (() => void)[] = [];
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;
  private readonly dependents: JobPool<unknown, unknown>[] = [];

  private readonly perWorker: number;

  constructor(count: number, { youngSpaceMb = WORKER_YOUNG_SPACE_MB, perWorker = PER_WORKER }: WorkerSettings = {}) {
    this.perWorker = perWorker;
    this.workers = Array.from({ length: count }, () => takeReserved(youngSpaceMb) ?? spawnWorker(youngSpaceMb));
    this.load = this.workers.map(() => 0);
    this.workers.forEach((worker, index) => {
      worker.on('message', (response: JobResponse<Result>) => {
        const job = this.running.get(response.id);
        if (!job) return;
        this.running.delete(response.id);
        this.load[index]--;
        if ('error' in response) job.reject(fromJobError(response.error));
        else job.resolve(response.result);
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

  get depth(): number {
    return this.workers.length * this.perWorker;
  }

  /** Jobs queued or running. */
  get pending(): number {
    return this.queue.length + this.running.size;
  }

  /** Run a job on the least busy worker; `transfer` moves buffers instead of copying them. */
  run(job: Job, transfer: ArrayBuffer[] = []): Promise<Result> {
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

  /**
   * Give each of this pool's threads a line to a thread that tokenizes for it:
   * `serve(port, index)` is handed the other end of thread `index`'s line.
   */
  tokenLines(serve: (port: MessagePort, index: number) => void): void {
    this.workers.forEach((worker, index) => {
      const { port1, port2 } = new MessageChannel();
      serve(port1, index);
      worker.postMessage({ tokenLine: port2 } satisfies ControlMessage, [port2]);
    });
  }

  /** Make thread `index` answer token requests on `port` (see segmenting.ts). */
  serveTokens(index: number, port: MessagePort): void {
    this.workers[index].postMessage({ serveTokens: port } satisfies ControlMessage, [port]);
  }

  /** When this pool fails, `other` fails too (its threads wait on this one's). */
  failsWith(other: JobPool<unknown, unknown>): void {
    this.dependents.push(other);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const index = this.load.indexOf(Math.min(...this.load));
      if (this.load[index] >= this.perWorker) return;
      const queued = this.queue.shift()!;
      const id = this.nextId++;
      this.load[index]++;
      this.running.set(id, queued);
      this.workers[index].postMessage({ id, job: queued.job }, queued.transfer);
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
    for (const pool of this.dependents) pool.fail(error);
    for (const job of [...this.queue, ...this.running.values()]) job.reject(error);
    this.queue.length = 0;
    this.running.clear();
    this.wake();
  }
}

function spawnWorker(youngSpaceMb: number): Worker {
  // A worker's heap holds its linter and its few jobs: capped, V8 collects
  // sooner instead of growing each worker's heap by hundreds of megabytes.
  return new Worker(new URL('../worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB, maxYoungGenerationSizeMb: youngSpaceMb } });
}

/** Threads started before anything asked for them (see `reserveWorker`), by young generation. */
const reserved: { youngSpaceMb: number; worker: Worker }[] = [];

/**
 * Start a thread now, before the code that will use it is even loaded, and
 * send it `warmUp` (loading jieba, say) under an id no pool uses: the first
 * pool that wants a thread of these settings takes it over, started and warm.
 * One nobody takes never keeps the process alive; `releaseReserved` ends it.
 */
export function reserveWorker(warmUp: unknown, { youngSpaceMb = WORKER_YOUNG_SPACE_MB }: Pick<WorkerSettings, 'youngSpaceMb'> = {}): void {
  const worker = spawnWorker(youngSpaceMb);
  worker.unref();
  const entry = { youngSpaceMb, worker };
  // A thread that fails while reserved is simply not used: the pool starts its own.
  worker.on('error', () => {});
  worker.once('exit', () => {
    const at = reserved.indexOf(entry);
    if (at >= 0) reserved.splice(at, 1);
  });
  worker.postMessage({ id: -1, job: warmUp });
  reserved.push(entry);
}

function takeReserved(youngSpaceMb: number): Worker | undefined {
  const at = reserved.findIndex((entry) => entry.youngSpaceMb === youngSpaceMb);
  if (at < 0) return undefined;
  const [{ worker }] = reserved.splice(at, 1);
  worker.ref();
  worker.removeAllListeners('error');
  return worker;
}

/** Threads started early that no pool has taken yet. */
export function reservedThreads(): number {
  return reserved.length;
}

/** End the threads no pool took. */
export async function releaseReserved(): Promise<void> {
  const unused = reserved.splice(0);
  await Promise.all(unused.map(({ worker }) => worker.terminate()));
}

/**
 * Segmenting threads (each with its own jieba) and rule threads (none): the
 * process holds fewer dictionaries and the two halves of the work overlap.
 */
export class SplitPools<Job, Result> {
  readonly segment: JobPool<Job, Result>;
  readonly check: JobPool<Job, Result>;

  /** `check`: how the rule threads are set up. */
  constructor(segmenting: number, checking: number, check?: WorkerSettings) {
    this.segment = new JobPool(segmenting);
    this.check = new JobPool(checking, check);
    // A rule thread may wait on a segmenting thread: if one dies, the other pool fails too.
    this.segment.failsWith(this.check as JobPool<unknown, unknown>);
  }

  async close(): Promise<void> {
    await Promise.all([this.segment.close(), this.check.close()]);
  }
}

/** The message a worker receives. */
export interface JobMessage<Job> {
  id: number;
  job: Job;
}

/** Sent once to a thread: its end of a line to the thread that tokenizes for it, or a line to answer. */
export type ControlMessage = { tokenLine: MessagePort } | { serveTokens: MessagePort };
