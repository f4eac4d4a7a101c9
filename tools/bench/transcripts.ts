/**
 * Transcript benchmark: writes a JSON Lines transcript of the given size, lints
 * it as the command line would for `--format summary`, and reports messages per
 * second and the peak resident memory of the process (main thread and workers
 * share it), beside a process that only parses the same file and cuts the agents'
 * messages with jieba. Usage: node dist/tools/bench/transcripts.js --size 100 [--workers 2]
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultThreads } from '../../src/workers/pool.js';
import { lintTranscripts } from '../../src/transcripts/run.js';
import { runMeasured } from './process.js';
import { transcriptLines } from './transcript-corpus.js';

const TOKENIZE_ONLY = fileURLToPath(new URL('./tokenize-only.js', import.meta.url));

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
  const { values } = parseArgs({ options: { size: { type: 'string', default: '100' }, workers: { type: 'string' } } });
  const megabytes = Number(values.size);
  const workers = values.workers === undefined ? defaultThreads() : Number(values.workers);
  if (!(megabytes > 0) || !(workers >= 0)) {
    process.stderr.write('用法：node dist/tools/bench/transcripts.js --size <MB> [--workers <n>]\n');
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
    const seconds = (performance.now() - started) / 1000;
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    const rate = report.messages / seconds;
    const peak = process.resourceUsage().maxRSS / 1024;
    const result = {
      inputMB: Math.round((size / 1048576) * 10) / 10,
      messages: report.messages,
      generated,
      conversations: report.conversations,
      workers,
      seconds: Math.round(seconds * 10) / 10,
      messagesPerSecond: Math.round(rate),
      peakRssMB: Math.round(peak),
      extrapolated1GBSeconds: Math.round((1024 / (size / 1048576)) * seconds),
      tokenizeOnly: tokenizeOnly(file, report.messages),
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor: a process that parses every line and cuts the agents' messages, nothing else. */
function tokenizeOnly(file: string, messages: number) {
  const floor = runMeasured([TOKENIZE_ONLY, '--jsonl', file]);
  return {
    seconds: Math.round(floor.seconds * 10) / 10,
    messagesPerSecond: Math.round(messages / floor.seconds),
    peakRssMB: floor.peakMB,
    exit: floor.status,
  };
}

await main();
