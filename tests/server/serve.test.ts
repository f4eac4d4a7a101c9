/**
 * `kefu-lint serve`: the answers a chat tool builds on (findings with stable ids,
 * the emotion score, fixes, conversations), the errors it must be able to show
 * (JSON, Chinese, the right 4xx), the limits (body size, slow clients) and a clean
 * stop on SIGTERM.
 */
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeSettings } from '../../src/config/resolve.js';
import { createApp } from '../../src/server/serve.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createApp({ host: '127.0.0.1', port: 0, settings: mergeSettings(undefined, []), maxBodyBytes: 4096, requestTimeoutMs: 1_000 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function post(path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await fetch(base + path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

describe('answers', () => {
  it('POST /v1/lint: the library’s findings with stable ids, and the emotion score when there is history', async () => {
    const { status, body } = await post('/v1/lint', { text: '你的订单明天一定送到', history: [{ role: 'customer', text: '都三天了还没发货，你们怎么回事？！' }] });
    expect(status).toBe(200);
    const honorific = body.findings.find((f: { ruleId: string }) => f.ruleId === 'prefer-honorific');
    expect(honorific).toMatchObject({ actual: '你', start: 0, end: 1, expected: ['您'], fix: { range: [0, 1], text: '您' } });
    expect(honorific.id).toMatch(/^prefer-honorific-[0-9a-f]{8}$/);
    expect(body.emotion.score).toBeGreaterThanOrEqual(30);
    expect(['不满', '愤怒']).toContain(body.emotion.level);
    const calm = await post('/v1/lint', { text: '好的' });
    expect(calm.body.emotion).toBeUndefined();
  });

  it('ids stay the same while the agent types in front of a finding, and tell repeats apart', async () => {
    const ids = async (text: string) => (await post('/v1/lint', { text })).body.findings.filter((f: { ruleId: string }) => f.ruleId === 'prefer-honorific').map((f: { id: string }) => f.id);
    const before = await ids('你的订单已发货');
    const after = await ids('亲，麻烦稍等，你的订单已发货');
    expect(after).toEqual(before);
    const twice = await ids('你的订单已发货，你的发票也开好了');
    expect(twice[0]).toBe(before[0]);
    expect(new Set(twice).size).toBe(2);
  });

  it('POST /v1/fix, /v1/conversation, GET /v1/rules and /healthz', async () => {
    expect(await post('/v1/fix', { text: '你的订单已发货！！！' })).toEqual({ status: 200, body: { text: '您的订单已发货！', changed: true } });
    const conversation = await post('/v1/conversation', {
      messages: [
        { role: 'customer', text: '在吗', time: 1714528800000 },
        { role: 'agent', text: '你好', time: 1714529400000 },
      ],
    });
    expect(conversation.status).toBe(200);
    expect(conversation.body.conversationFindings.map((f: { ruleId: string }) => f.ruleId)).toContain('response-time');
    expect(conversation.body.messages[1].findings[0].id).toMatch(/^[a-z-]+-[0-9a-f]{8}$/);
    const rules = (await (await fetch(`${base}/v1/rules`)).json()) as { rules: { id: string; title: string }[] };
    expect(rules.rules.find((r) => r.id === 'no-jargon')?.title).toBe('避免行业术语');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
  });

  it('per-request preset and rules; the page at /', async () => {
    const off = await post('/v1/lint', { text: '你的订单', rules: { 'prefer-honorific': 'off' } });
    expect(off.body.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('prefer-honorific');
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('data-mode="server"');
  });
});

describe('errors are JSON, in Chinese, with the right status', () => {
  const cases: [string, () => Promise<{ status: number; body: any }>, number, RegExp][] = [
    ['a field of the wrong type', () => post('/v1/lint', { text: 42 }), 400, /请求字段 text 无效/],
    ['an unknown field', () => post('/v1/lint', { text: 'a', txt: 'b' }), 400, /txt/],
    ['a history turn with a bad role', () => post('/v1/lint', { text: 'a', history: [{ role: 'bot', text: 'x' }] }), 400, /history\[0\]\.role/],
    ['an unknown rule', () => post('/v1/lint', { text: 'a', rules: { 'no-jargn': 'off' } }), 400, /未知规则「no-jargn」。是否想写「no-jargon」/],
    ['bad JSON', () => post('/v1/lint', '{"text":'), 400, /不是有效的 JSON/],
    ['not JSON at all', () => post('/v1/lint', 'text=hi', { 'content-type': 'application/x-www-form-urlencoded' }), 415, /Content-Type: application\/json/],
    ['a body over the limit', () => post('/v1/lint', { text: '您好'.repeat(2000) }), 413, /超过上限 4096 字节/],
    ['an unknown path', () => post('/v1/nope', {}), 404, /没有 POST \/v1\/nope/],
    ['GET on a POST route', async () => ({ status: (await fetch(`${base}/v1/lint`)).status, body: await (await fetch(`${base}/v1/lint`)).json() }), 405, /只接受 POST/],
  ];
  for (const [name, call, status, message] of cases) {
    it(name, async () => {
      const result = await call();
      expect(result.status).toBe(status);
      expect(result.body.error.message).toMatch(message);
    });
  }

  it('a client that sends its body too slowly is cut off, and the service still answers', async () => {
    const port = (server.address() as AddressInfo).port;
    const closed = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('POST /v1/lint HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"te');
      });
      let received = '';
      socket.on('data', (data) => (received += data.toString()));
      socket.on('close', () => resolve(received));
    });
    expect(closed).toMatch(/^HTTP\/1\.1 408|^$/);
    expect((await post('/v1/lint', { text: '您好' })).status).toBe(200);
  }, 10_000);
});

describe('the command', () => {
  it('listens on a free port, answers, and on SIGTERM finishes and exits 0', async () => {
    const child = spawn(process.execPath, ['bin/kefu-lint.js', 'serve', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (data) => {
        log += data.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(log);
        if (match) resolve(match[0]);
      });
      child.on('exit', () => reject(new Error(log)));
    });
    expect((await fetch(`${url}healthz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log).toContain('正在停止');
  }, 30_000);

  it('refuses a bad port with exit 2', async () => {
    const child = spawn(process.execPath, ['bin/kefu-lint.js', 'serve', '--port', '70000'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (data) => (log += data.toString()));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
    expect(log).toContain('--port 需要 0–65535 之间的整数');
  }, 30_000);
});
