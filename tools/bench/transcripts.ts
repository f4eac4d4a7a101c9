/**
 * Transcript benchmark: writes a JSON Lines transcript of the given size, lints it
 * in this process once (the messages and conversations it counts), then runs the
 * command line on it (`--format summary`) and a process that only parses the same
 * file and cuts the agents' messages with jieba, in turn, `--rounds` times (default
 * 3): each keeps its fastest run and highest peak resident memory (main thread and
 * workers share it), and the ratio of the two is given round by round, so a machine
 * whose speed drifts slows both alike. The CPU time of each, spread over every
 * core, gives the most the command line could do on this machine with the work it
 * does now (`ceiling`): a goal above it needs less work, not a better use of the cores.
 * Usage: node dist/tools/bench/transcripts.js --size 100 [--workers 2] [--rounds 3]
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { defaultThreads } from '../../src/workers/pool.js';
import { lintTranscripts } from '../../src/transcripts/run.js';
import { BIN, medianRound, runMeasured, summarize, TOKENIZE_ONLY, type Measured, type Summary } from './process.js';
import { transcriptLines } from './transcript-corpus.js';

async function writeTranscript(file: string, bytes: number): Promise<number> {
  const out = createWriteStream(file);
  let written = 0;
  let messages = 0;
  let chunk = '';
  for (const line of transcriptLines(Number.MAX_SAFE_INTEGER)) {
    chunk += line + '\n';
    messages++;
    if (chunk.length < 65536) continue;
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
    if (written >= bytes) break;
  }
  out.end(chunk);
  await once(out, 'finish');
  return messages;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: 'string', default: '100' }, workers: { type: 'string' }, rounds: { type: 'string', default: '3' } } });
  const megabytes = Number(values.size);
  const workers = values.workers === undefined ? defaultThreads() : Number(values.workers);
  const rounds = Number(values.rounds);
  if (!(megabytes > 0) || !(workers >= 0) || !Number.isInteger(rounds) || rounds < 1) {
    process.stderr.write('用法：node dist/tools/bench/transcripts.js --size <MB> [--workers <n>] [--rounds <n>]\n');
    process.exitCode = 2;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-'));
  const file = join(dir, 'transcript.jsonl');
  try {
    const generated = await writeTranscript(file, megabytes * 1024 * 1024);
    const size = statSync(file).size;
    const started = performance.now();
    const report = await lintTranscripts([{ name: file, input: file }], {
      workers,
      onProgress: process.stderr.isTTY
        ? (read, total) => process.stderr.write(`\r${((read / (total ?? read)) * 100).toFixed(0)}% ${(read / 1048576).toFixed(0)} MB`)
        : undefined,
    });
    const inProcess = (performance.now() - started) / 1000;
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    // The command line and the floor in turn; --threads 1 is the main thread alone, as workers 0 is here.
    const runs: Measured[][] = [[], []];
    for (let round = 0; round < rounds; round++) {
      runs[0].push(runMeasured([TOKENIZE_ONLY, '--jsonl', file]));
      runs[1].push(runMeasured([BIN, '--format', 'summary', '--threads', String(Math.max(1, workers)), file], { stdout: join(dir, 'summary.txt') }));
    }
    const [floor, cli] = runs.map(summarize);
    const ratios = medianRound(runs[1].map((run, i) => run.seconds / runs[0][i].seconds));
    const result = {
      inputMB: Math.round((size / 1048576) * 10) / 10,
      messages: report.messages,
      generated,
      conversations: report.conversations,
      workers,
      rounds,
      seconds: round1(cli.seconds),
      messagesPerSecond: Math.round(report.messages / cli.seconds),
      peakRssMB: cli.peakMB,
      exit: cli.status,
      cpuSeconds: round1(cli.cpuSeconds),
      coresBusy: round2(cli.cpuSeconds / cli.seconds),
      slowestSeconds: round1(cli.slowest),
      extrapolated1GBSeconds: Math.round((1024 / (size / 1048576)) * cli.seconds),
      inProcessSeconds: round1(inProcess),
      tokenizeOnly: rates(floor, report.messages),
      ratioToTokenizeOnly: { fastest: round2(cli.seconds / floor.seconds), medianRound: round2(ratios.median), low: round2(ratios.low), high: round2(ratios.high) },
      ceiling: ceiling(cli, floor, report.messages),
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor: a process that parses every line and cuts the agents' messages, nothing else. */
function rates(floor: Summary, messages: number) {
  return { seconds: round1(floor.seconds), messagesPerSecond: Math.round(messages / floor.seconds), peakRssMB: floor.peakMB, exit: floor.status, slowestSeconds: round1(floor.slowest) };
}

/**
 * Every core busy with the command line's work from start to exit: its least CPU
 * time of the rounds, divided by the cores. No division of the work between
 * threads can beat it; only less work can.
 */
function ceiling(cli: Summary, floor: Summary, messages: number) {
  const cores = availableParallelism();
  const seconds = cli.leastCpuSeconds / cores;
  return { cores, cpuSeconds: round1(cli.leastCpuSeconds), tokenizeOnlyCpuSeconds: round1(floor.leastCpuSeconds), seconds: round1(seconds), messagesPerSecond: Math.round(messages / seconds), ratioToTokenizeOnly: round2(seconds / floor.seconds) };
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

await main();
