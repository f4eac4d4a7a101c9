/**
 * `npm run bench:limits`: inputs that once took the process down, run through the
 * command line in a child process, with wall time, exit status and peak resident
 * memory (main thread and workers):
 *
 * - a JSON Lines transcript with one 50-million-character message (150 MB on one line);
 * - the same with a 5-million-character message (15 MB, read and reported as too long);
 * - a reply list whose one line is 10 MB;
 * - endless zero bytes on standard input (/dev/zero).
 */
import { mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMeasured, type Measured } from './process.js';

const BIN = fileURLToPath(new URL('../../../bin/kefu-lint.js', import.meta.url));

interface Outcome extends Measured {
  case: string;
}

function run(name: string, args: string[], stdin?: string): Outcome {
  return { case: name, ...runMeasured([BIN, ...args], { stdin }) };
}

function writeTranscript(file: string, characters: number): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, JSON.stringify({ conversation: 'c1', role: 'customer', text: '在吗' }) + '\n');
    writeSync(fd, '{"conversation":"c1","role":"agent","text":"');
    const block = '这个不行。'.repeat(200_000);
    for (let written = 0; written < characters; written += block.length) writeSync(fd, block);
    writeSync(fd, '"}\n');
    writeSync(fd, JSON.stringify({ conversation: 'c2', role: 'customer', text: '在吗' }) + '\n');
    writeSync(fd, JSON.stringify({ conversation: 'c2', role: 'agent', text: '你好' }) + '\n');
  } finally {
    closeSync(fd);
  }
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-limits-'));
  try {
    const huge = join(dir, 'huge.jsonl');
    writeTranscript(huge, 50_000_000);
    const large = join(dir, 'large.jsonl');
    writeTranscript(large, 5_000_000);
    const line = join(dir, 'line.txt');
    writeFileSync(line, '您好，这个不行。'.repeat(1_250_000) + '\n您好，已经发货了\n');
    // Replies just under the length limit, each with 12,000 refusals in 24,000 clauses
    // (looking up each phrase's clause one by one made this 18 s).
    // One reply of 180k characters with 20,000 quotations (each token was checked against every span: 27 s).
    const quoted = join(dir, 'quoted.txt');
    writeFileSync(quoted, '「好的」这个不行，'.repeat(20_000) + '\n');
    // One sentence of 12,000 addresses, and one reply of 45,000 questions (each looked back
    // to the reply's start, or at every question phrase: 60 s and 10 s).
    const addresses = join(dir, 'addresses.txt');
    writeFileSync(addresses, '地址是北京市朝阳区建国路1号，'.repeat(12_000) + '\n');
    const questions = join(dir, 'questions.txt');
    writeFileSync(questions, '可以吗？'.repeat(45_000) + '\n');
    const dense = join(dir, 'dense.txt');
    writeFileSync(dense, Array.from({ length: 6 }, (_, i) => `${i}${'亲，这个我们做不到，'.repeat(12_000)}`).join('\n') + '\n');
    const outcomes = [
      run('JSONL, one 50M-character message (150 MB line)', ['-f', 'json', huge]),
      run('JSONL, one 5M-character message (15 MB line)', ['-f', 'json', large]),
      run('reply list, one 10M-character line', ['-f', 'json', line]),
      run('reply list, 6 replies of 120k chars, 72k findings', ['-f', 'json', dense]),
      run('one reply of 180k chars, 20k quotations', ['-f', 'json', quoted]),
      run('one reply of 180k chars, 12k addresses', ['-f', 'json', addresses]),
      run('one reply of 180k chars, 45k questions', ['-f', 'json', questions]),
      run('reply list on stdin from /dev/zero', ['-f', 'json', '-'], '/dev/zero'),
    ];
    console.log('kefu-lint limits — inputs that once crashed the process\n');
    console.log(`${'case'.padEnd(50)}${'seconds'.padStart(9)}${'exit'.padStart(6)}${'peak MB'.padStart(9)}  first line of stderr`);
    for (const o of outcomes) {
      console.log(`${o.case.padEnd(50)}${o.seconds.toFixed(2).padStart(9)}${String(o.status).padStart(6)}${String(o.peakMB).padStart(9)}  ${o.stderr.slice(0, 80)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
