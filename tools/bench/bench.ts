/**
 * `npm run bench`: tokenization alone vs the full lint on the same corpus, per
 * rule timings, and the CLI end to end on a 100,000-reply file.
 * Options: --replies N (default 20000), --cli-replies N (default 100000), --no-cli.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from '../../src/linter.js';
import { generateReplies } from './corpus.js';

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

  const rounds = 3;
  let tokenizeMs = Infinity;
  let lintMs = Infinity;
  let findings = 0;
  for (let round = 0; round < rounds; round++) {
    started = performance.now();
    for (const reply of replies) plain.tokenize(reply);
    tokenizeMs = Math.min(tokenizeMs, performance.now() - started);
    started = performance.now();
    findings = 0;
    for (const reply of replies) findings += plain.lint(reply).length;
    lintMs = Math.min(lintMs, performance.now() - started);
  }
  for (const reply of replies) linter.lint(reply);

  const perTokenize = (tokenizeMs * 1000) / count;
  const perLint = (lintMs * 1000) / count;
  const out: string[] = [];
  out.push(`kefu-lint benchmark — ${count} replies, ${(chars / count).toFixed(1)} characters on average, ${findings} findings`);
  out.push(`linter created in ${loadMs.toFixed(0)} ms (jieba dictionaries, word lists, matchers)`);
  out.push('');
  out.push(`${'phase'.padEnd(26)}${pad('µs/reply', 10)}${pad('replies/s', 12)}`);
  out.push(`${'tokenize only'.padEnd(26)}${pad(perTokenize.toFixed(2), 10)}${pad(Math.round(count / (tokenizeMs / 1000)).toString(), 12)}`);
  out.push(`${'full lint, all rules'.padEnd(26)}${pad(perLint.toFixed(2), 10)}${pad(Math.round(count / (lintMs / 1000)).toString(), 12)}`);
  out.push(`full lint / tokenize: ${(perLint / perTokenize).toFixed(2)}× (target ≤ 2×)`);
  out.push('');
  out.push('time per rule (one profiled pass):');
  const timings = Object.entries(linter.timings()).sort((a, b) => b[1] - a[1]);
  for (const [rule, ms] of timings) out.push(`  ${rule.padEnd(28)}${pad(((ms * 1000) / count).toFixed(3), 8)} µs/reply`);
  console.log(out.join('\n'));

  if (process.argv.includes('--no-cli')) return;
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-'));
  try {
    const input = join(dir, 'replies.txt');
    const output = join(dir, 'out.json');
    writeFileSync(input, generateReplies(cliCount, 7).join('\n') + '\n');
    const bin = fileURLToPath(new URL('../../../bin/kefu-lint.js', import.meta.url));
    started = performance.now();
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" --format json "${input}" > "${output}"`], { stdio: 'inherit' });
    const wall = (performance.now() - started) / 1000;
    console.log('');
    console.log(
      `CLI end to end: ${cliCount} replies, process start to JSON written: ${wall.toFixed(2)} s ` +
        `(exit ${run.status}, ${(statSync(output).size / 1e6).toFixed(1)} MB of JSON; target < 3 s)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
