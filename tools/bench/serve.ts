/**
 * `npm run bench:serve`: `kefu-lint serve` under load on loopback (autocannon,
 * bounded in time): requests/s and latency at 1, 10 and 50 connections for
 * POST /v1/lint with a reply and the customer's message. Then a malformed-load
 * run — oversized bodies, bad JSON, wrong types, slow clients — after which the
 * service must still answer correctly, with its memory back near where it was.
 * Target: ≥ 5,000 lint requests/s with p99 < 20 ms at 50 connections. autocannon runs
 * on the same machine; the service's own CPU time per request is printed beside
 * each run, the capacity a core gives when the load comes from elsewhere.
 *
 *   node dist/tools/bench/serve.js [--seconds 5] [--workers N]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

interface Result {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const BIN = fileURLToPath(new URL('../../../bin/kefu-lint.js', import.meta.url));
const argument = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const SECONDS = argument('--seconds', 5);
const WORKERS = argument('--workers', 2);

const LINT_BODY = JSON.stringify({
  text: '亲，非常抱歉让您久等了，您的订单已经在仓库打包了，预计明天发出，这边帮您备注加急处理，有问题随时联系我们哦',
  history: [{ role: 'customer', text: '都三天了还没发货，你们怎么回事？' }],
});

async function start(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--workers', String(WORKERS)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (data) => {
      log += data.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(log);
      if (match) resolve(match[0]);
    });
    child.on('exit', () => reject(new Error(`serve exited: ${log}`)));
  });
  return { child, url };
}

const children = (id: number): number[] => {
  try {
    return readFileSync(`/proc/${id}/task/${id}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

/** Resident memory of a process and its children (the workers), in MB (Linux). */
function rssMB(pid: number): number {
  const rss = (id: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round([pid, ...children(pid)].reduce((sum, id) => sum + rss(id), 0) / 1024);
}

/** CPU seconds used so far by a process and its children (user + system; Linux clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const ticks = (id: number) => {
    const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  return [pid, ...children(pid)].reduce((sum, id) => sum + ticks(id), 0) / 100;
}

function line(label: string, result: Result): string {
  return `${label.padEnd(28)} ${Math.round(result.requests.average).toString().padStart(7)} req/s   p50 ${String(result.latency.p50).padStart(3)} ms   p99 ${String(result.latency.p99).padStart(3)} ms   max ${String(result.latency.max).padStart(4)} ms   non-2xx ${result.non2xx}  errors ${result.errors}`;
}

function slowClients(url: string, count: number, holdMs: number): Promise<void> {
  const { hostname, port } = new URL(url);
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve) => {
          const socket = connect(Number(port), hostname, () => socket.write('POST /v1/lint HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"text":"'));
          socket.on('error', () => resolve());
          socket.on('close', () => resolve());
          setTimeout(() => socket.destroy(), holdMs);
        }),
    ),
  ).then(() => undefined);
}

async function main(): Promise<void> {
  const { child, url } = await start();
  try {
    const lint = { url: `${url}v1/lint`, method: 'POST', headers: { 'content-type': 'application/json' }, body: LINT_BODY, duration: SECONDS };
    await autocannon({ ...lint, connections: 10, duration: 2 }); // warm-up
    console.log(`kefu-lint serve under load — loopback, --workers ${WORKERS}, ${SECONDS} s per run, POST /v1/lint (${Buffer.byteLength(LINT_BODY)}-byte body); autocannon runs on the same 2 cores\n`);
    for (const connections of [1, 10, 50]) {
      const cpu = cpuSeconds(child.pid!);
      const result = await autocannon({ ...lint, connections });
      const perRequest = ((cpuSeconds(child.pid!) - cpu) / result.requests.total) * 1e6;
      console.log(`${line(`${connections} connection${connections > 1 ? 's' : ''}`, result)}   service CPU ${perRequest.toFixed(0)} µs/request`);
    }
    const before = rssMB(child.pid!);
    const oversized = JSON.stringify({ text: '您好'.repeat(40_000) });
    const malformed = [
      { ...lint, body: oversized, connections: 10 },
      { ...lint, body: '{"text":', connections: 10 },
      { ...lint, body: JSON.stringify({ text: 42, history: 'x' }), connections: 10 },
      { ...lint, body: JSON.stringify({ text: '你好', rules: { nope: 'off' } }), connections: 10 },
    ];
    const runs = await Promise.all([...malformed.map((options) => autocannon(options)), slowClients(url, 200, SECONDS * 1000)]);
    const bad = runs.slice(0, 4) as Result[];
    console.log(`\nmalformed load (${SECONDS} s, at once): oversized ${Math.round(bad[0].requests.total)}, bad JSON ${Math.round(bad[1].requests.total)}, wrong types ${Math.round(bad[2].requests.total)}, unknown rule ${Math.round(bad[3].requests.total)} requests, 200 slow clients`);
    console.log(`  answered with 2xx: ${bad.reduce((n, r) => n + (r.requests.total - r.non2xx), 0)} (all should be 4xx)`);
    const check = await fetch(`${url}v1/lint`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '你的订单已发货' }) });
    const answer = (await check.json()) as { findings: { ruleId: string }[] };
    const after = await autocannon({ ...lint, connections: 10, duration: 2 });
    console.log(`  afterwards: POST /v1/lint → ${check.status}, finds ${answer.findings.map((f) => f.ruleId).join(', ')}; ${Math.round(after.requests.average)} req/s at 10 connections`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    console.log(`  memory: ${before} MB before the malformed load, ${rssMB(child.pid!)} MB two seconds after`);
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
