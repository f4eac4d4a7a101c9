/**
 * `npm run bench`: tokenization alone vs the full lint on the same corpus, per
 * rule timings, and the CLI end to end on a 100,000-reply file beside a process
 * that only tokenizes the same lines (time, CPU time and peak memory of each).
 * Options: --replies N (default 20000), --cli-replies N (default 100000), --no-cli,
 * --process-rounds N (each process run N times in turn, the fastest kept; default 7),
 * --growth (10k / 100k / 1M replies; --growth-rounds N, default 5), --textlint (textlint + prh on the same file).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRules } from '../../rules/index.js';
import { builtinDictionaries } from '../../src/dictionaries.js';
import { createLinter } from '../../src/linter.js';
import { defaultThreads } from '../../src/workers/pool.js';
import { BIN, medianRound, perRound, runMeasured, summarize, TOKENIZE_ONLY, type Measured, type Summary } from './process.js';
import { generateReplies } from './corpus.js';

/** Replies timed at a time, tokenizing then linting, in the in-process comparison. */
const CHUNK = 1000;

function argValue(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

function pad(value: string, width: number): string {
  return value.padStart(width);
}

async function main(): Promise<void> {
  const count = argValue('--replies', 20_000);
  const cliCount = argValue('--cli-replies', 100_000);
  const replies = generateReplies(count, 42);
  const chars = replies.reduce((sum, r) => sum + r.length, 0);

  let started = performance.now();
  const linter = await createLinter({ profile: true });
  const loadMs = performance.now() - started;
  const plain = await createLinter();

  // Warm up both paths so the JIT does not favour whichever runs second.
  for (let i = 0; i < 2000; i++) {
    plain.tokenize(replies[i % count]);
    plain.lint(replies[i % count]);
  }

  // The two are timed in turns a thousand replies at a time, so both see the machine in the
  // same state (on a shared machine its speed changes from one second to the next); each
  // round gives one ratio, and the median round is reported with the range.
  const rounds = 7;
  const measured: { tokenizeMs: number; lintMs: number }[] = [];
  let findings = 0;
  for (let round = 0; round < rounds; round++) {
    let tokenizeMs = 0;
    let lintMs = 0;
    findings = 0;
    for (let from = 0; from < count; from += CHUNK) {
      const chunk = replies.slice(from, from + CHUNK);
      started = performance.now();
      for (const reply of chunk) plain.tokenize(reply);
      tokenizeMs += performance.now() - started;
      started = performance.now();
      for (const reply of chunk) findings += plain.lint(reply).length;
      lintMs += performance.now() - started;
    }
    measured.push({ tokenizeMs, lintMs });
  }
  for (const reply of replies) linter.lint(reply);

  const rounded = medianRound(measured.map((m) => m.lintMs / m.tokenizeMs));
  const { tokenizeMs, lintMs } = measured[rounded.index];
  const perTokenize = (tokenizeMs * 1000) / count;
  const perLint = (lintMs * 1000) / count;
  const out: string[] = [];
  out.push(`kefu-lint benchmark — ${count} replies, ${(chars / count).toFixed(1)} characters on average, ${findings} findings`);
  out.push(`linter created in ${loadMs.toFixed(0)} ms (jieba dictionaries, word lists, matchers)`);
  out.push('');
  out.push(`${'phase'.padEnd(26)}${pad('µs/reply', 10)}${pad('replies/s', 12)}`);
  out.push(`${'tokenize only'.padEnd(26)}${pad(perTokenize.toFixed(2), 10)}${pad(Math.round(count / (tokenizeMs / 1000)).toString(), 12)}`);
  out.push(`${'full lint, all rules'.padEnd(26)}${pad(perLint.toFixed(2), 10)}${pad(Math.round(count / (lintMs / 1000)).toString(), 12)}`);
  out.push(`full lint / tokenize: ${(perLint / perTokenize).toFixed(2)}× (median of ${rounds} rounds, ${rounded.low.toFixed(2)}–${rounded.high.toFixed(2)}×; target ≤ 1.3×)`);
  out.push('');
  // Each rule is timed with performance.now(): on some machines (virtual clocks) that
  // call alone costs a microsecond, which the table would otherwise hide.
  const clockStarted = performance.now();
  for (let i = 0; i < 100_000; i++) performance.now();
  const clockCost = ((performance.now() - clockStarted) * 1000) / 100_000;
  out.push(`time per rule (one profiled pass; each figure includes two clock reads of ${clockCost.toFixed(2)} µs each):`);
  const timings = Object.entries(linter.timings()).sort((a, b) => b[1] - a[1]);
  for (const [rule, ms] of timings) out.push(`  ${rule.padEnd(28)}${pad(((ms * 1000) / count).toFixed(3), 8)} µs/reply`);
  console.log(out.join('\n'));

  if (process.argv.includes('--no-cli')) return;
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-'));
  try {
    const input = join(dir, 'replies.txt');
    writeFileSync(input, generateReplies(cliCount, 7).join('\n') + '\n');
    console.log('');
    console.log(processTable(input, cliCount, dir, argValue('--process-rounds', 7)));
    if (process.argv.includes('--growth')) console.log('\n' + growthTable(dir, argValue('--growth-rounds', 5)));
    if (process.argv.includes('--textlint')) console.log('\n' + textlintComparison(input, cliCount, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The CLI end to end beside a process that only loads nodejieba and cuts the same lines. */
function processTable(input: string, count: number, dir: string, rounds: number): string {
  const output = join(dir, 'out.json');
  // The three run in turn, `rounds` times: a machine whose speed drifts slows all three alike.
  const runs: Measured[][] = [[], [], []];
  for (let round = 0; round < rounds; round++) {
    runs[0].push(runMeasured([TOKENIZE_ONLY, input]));
    runs[1].push(runMeasured([BIN, '--format', 'json', input], { stdout: output }));
    runs[2].push(runMeasured([BIN, '--format', 'json', '--threads', '1', input], { stdout: output }));
  }
  const [floor, cli, single] = runs.map(summarize);
  const row = (name: string, m: Summary) =>
    `  ${name.padEnd(40)}${m.seconds.toFixed(2).padStart(8)} s${m.cpuSeconds.toFixed(2).padStart(8)} s CPU${String(m.peakMB).padStart(8)} MB   exit ${m.status}${rounds > 1 ? `   (${m.slowest.toFixed(2)} s slowest)` : ''}`;
  return [
    `processes, ${count} replies, start to exit (CLI: JSON written, ${(statSync(output).size / 1e6).toFixed(1)} MB); fastest of ${rounds} runs each, highest peak:`,
    row('tokenize only (nodejieba, same words)', floor),
    row(`kefu-lint -f json (threads: ${defaultThreads()})`, cli),
    row('kefu-lint -f json --threads 1', single),
    `  CLI ÷ tokenize-only: ${(cli.seconds / floor.seconds).toFixed(2)}× (fastest runs; ${perRound(runs[1], runs[0])}; target ≤ 1.5×); peak ${cli.peakMB} MB (target ≤ 300 MB)`,
  ].join('\n');
}

/**
 * Time per reply from 10,000 to 1,000,000 replies: the CLI should grow linearly.
 * Start-up (an empty file: modules, dictionaries, jieba, workers) is measured on
 * its own and taken out, so the per-reply figures compare the work that grows.
 * The four sizes run in turn, `rounds` times, and each size keeps its fastest run:
 * a machine whose speed drifts from one minute to the next would otherwise make a
 * straight line look bent. The same figures in CPU time follow (each size's least).
 */
function growthTable(dir: string, rounds: number): string {
  const counts = [0, 10_000, 100_000, 1_000_000];
  const inputs = counts.map((count) => {
    const input = join(dir, `growth-${count}.txt`);
    writeFileSync(input, count === 0 ? '\n' : generateReplies(count, 13).join('\n') + '\n');
    return input;
  });
  const runs: Measured[][] = counts.map(() => []);
  for (let round = 0; round < rounds; round++) {
    inputs.forEach((input, i) => runs[i].push(runMeasured([BIN, '--format', 'json', input], { stdout: join(dir, 'growth.json') })));
  }
  for (const input of inputs) rmSync(input);
  const [start, ...sized] = runs.map(summarize);
  const lines = [`growth, CLI -f json (each size run ${rounds} times in turn with the others; fastest run kept):`, `  start-up (empty file) ${start.seconds.toFixed(2)} s (least CPU ${start.leastCpuSeconds.toFixed(2)} s), peak ${start.peakMB} MB`];
  sized.forEach((m, i) => {
    const count = counts[i + 1];
    const perReply = ((m.seconds - start.seconds) * 1e6) / count;
    lines.push(`  ${String(count).padStart(9)} replies ${m.seconds.toFixed(2).padStart(8)} s (least CPU ${m.leastCpuSeconds.toFixed(2)} s)  ${perReply.toFixed(1).padStart(7)} µs/reply after start-up  peak ${m.peakMB} MB  exit ${m.status}`);
  });
  // What each added reply costs, from one size to the next: fixed costs (start-up, the JIT
  // warming up, threads starting) cancel out, so this is the figure that shows whether time grows linearly.
  const addedCost = (seconds: readonly number[]) =>
    seconds.slice(2).map((s, i) => ((s - seconds[i + 1]) * 1e6) / (counts[i + 2] - counts[i + 1]));
  const apart = (added: readonly number[]) => Math.max(...added) / Math.min(...added) - 1;
  const added = addedCost([start, ...sized].map((m) => m.seconds));
  const label = (count: number) => (count >= 1e6 ? `${count / 1e6}M` : `${count / 1e3}k`);
  lines.push(
    `  each added reply: ${added.map((us, i) => `${label(counts[i + 1])} → ${label(counts[i + 2])} ${us.toFixed(1)} µs`).join(', ')}; apart ${(apart(added) * 100).toFixed(0)}% (target within 10%)`,
  );
  if (rounds > 1) {
    const perRoundApart = runs[0].map((_, round) => apart(addedCost(runs.map((sizeRuns) => sizeRuns[round].seconds))) * 100);
    lines.push(`  apart within each round: ${perRoundApart.map((p) => `${p.toFixed(0)}%`).join(', ')}`);
  }
  // The same in CPU time (all threads; each size's least): time the machine gives to other
  // work while a run waits does not count, so a short run's lucky moment weighs less.
  const addedCpu = addedCost([start, ...sized].map((m) => m.leastCpuSeconds));
  lines.push(
    `  each added reply in CPU time (all threads, each size's least): ${addedCpu.map((us, i) => `${label(counts[i + 1])} → ${label(counts[i + 2])} ${us.toFixed(1)} µs`).join(', ')}; the last step ÷ the first: ${(addedCpu[addedCpu.length - 1] / addedCpu[0]).toFixed(2)}×`,
  );
  return lines.join('\n');
}

/** textlint with prh and 40 of kefu-lint's phrase rules (phrase → rewrite) on the same file. */
function textlintComparison(input: string, count: number, dir: string): string {
  const rules = [...builtinDictionaries(['negative-phrasing', 'slang', 'jargon', 'honorific', 'forbidden-words', 'absolute-claims', 'blaming', 'buck-passing']).values()]
    .flatMap((dictionary) => dictionary.entries)
    .filter((entry) => entry.rewrites.length > 0)
    .slice(0, 40)
    .map((entry) => `  - expected: ${JSON.stringify(entry.rewrites[0])}\n    pattern: ${JSON.stringify(entry.phrase)}`);
  writeFileSync(join(dir, 'prh.yml'), `version: 1\nrules:\n${rules.join('\n')}\n`);
  writeFileSync(join(dir, '.textlintrc.json'), JSON.stringify({ rules: { prh: { rulePaths: [join(dir, 'prh.yml')] } } }));
  const textlint = fileURLToPath(new URL('../../../node_modules/textlint/bin/textlint.js', import.meta.url));
  const other = runMeasured([textlint, '--config', join(dir, '.textlintrc.json'), '--format', 'json', '--output-file', join(dir, 'textlint.json'), input]);
  const ours = runMeasured([BIN, '--format', 'json', input], { stdout: join(dir, 'ours.json') });
  return [
    `textlint + prh (${rules.length} phrase rules) on the same ${count} replies:`,
    `  textlint ${other.seconds.toFixed(1)} s (peak ${other.peakMB} MB, exit ${other.status}); kefu-lint, all ${builtinRules.length} rules, ${ours.seconds.toFixed(1)} s`,
    `  kefu-lint is ${(other.seconds / ours.seconds).toFixed(1)}× faster (target ≥ 60×)`,
  ].join('\n');
}

await main();
