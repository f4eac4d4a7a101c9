/**
 * `kefu-lint serve`: the linter over HTTP for chat tools that are not written in
 * JavaScript, and the playground at `/`. node:http is enough: the body limit,
 * the timeouts and the drain on SIGTERM are a few lines each.
 *
 *   POST /v1/lint          { text, history?, standalone?, preset?, rules? } → { findings, emotion? }
 *   POST /v1/fix           { text, standalone?, preset?, rules? }            → { text, changed }
 *   POST /v1/conversation  { messages, preset?, rules? }                      → { messages, conversationFindings }
 *   GET  /v1/rules, GET /healthz, GET / (the playground)
 */
import cluster from 'node:cluster';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigResolver, type ResolvedSettings } from '../config/resolve.js';
import { isKefuLintError } from '../engine/errors.js';
import { playgroundPage } from '../playground/page.js';
import { ApiError, conversationAnswer, ConversationRequest, fixAnswer, FixRequest, linterFor, lintAnswer, LintRequest, parseRequest } from './api.js';

export interface ServeOptions {
  host: string;
  port: number;
  /** The settings every request starts from (the config found for the working folder, or --config). */
  settings: ResolvedSettings;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** A request (headers and body) must arrive within this many milliseconds. */
  requestTimeoutMs: number;
}

export const DEFAULT_MAX_BODY = 64 * 1024;
export const DEFAULT_REQUEST_TIMEOUT = 10_000;

type Route = (body: unknown) => unknown;

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (declared > limit) {
      reject(new ApiError(413, 'body-too-large', `请求体有 ${declared} 字节，超过上限 ${limit} 字节。请缩短文本，或用 --max-body 调大上限。`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new ApiError(413, 'body-too-large', `请求体超过上限 ${limit} 字节。请缩短文本，或用 --max-body 调大上限。`));
        request.removeAllListeners('data');
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}

function sendError(response: ServerResponse, error: unknown): void {
  if (error instanceof ApiError) return send(response, error.status, { error: { code: error.code, message: error.message } });
  if (isKefuLintError(error)) return send(response, 400, { error: { code: error.code, message: error.message } });
  send(response, 500, { error: { code: 'internal', message: `内部错误：${(error as Error).message}。请把请求内容报告给维护者。` } });
}

export function createApp(options: ServeOptions): Server {
  const resolver = new ConfigResolver();
  const linter = (request: Parameters<typeof linterFor>[2]) => linterFor(resolver, options.settings, request);
  const posts: Record<string, Route> = {
    '/v1/lint': (body) => {
      const request = parseRequest(LintRequest, body);
      return lintAnswer(linter(request), request);
    },
    '/v1/fix': (body) => {
      const request = parseRequest(FixRequest, body);
      return fixAnswer(linter(request), request);
    },
    '/v1/conversation': (body) => {
      const request = parseRequest(ConversationRequest, body);
      return conversationAnswer(linter(request), request);
    },
  };
  const page = playgroundPage({ mode: 'server' });
  // Slow clients are checked often enough that the request timeout holds to within a quarter.
  const connectionsCheckingInterval = Math.max(50, Math.min(1_000, Math.floor(options.requestTimeoutMs / 4)));
  const server = createServer({ connectionsCheckingInterval }, async (request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    try {
      if (request.method === 'GET' || request.method === 'HEAD') {
        if (path === '/healthz') return send(response, 200, { status: 'ok' });
        if (path === '/v1/rules') return send(response, 200, { rules: linter({}).rules });
        if (path === '/' || path === '/index.html') return send(response, 200, page, 'text/html; charset=utf-8');
        throw new ApiError(posts[path] ? 405 : 404, posts[path] ? 'method-not-allowed' : 'not-found', posts[path] ? `${path} 只接受 POST。` : `没有 ${path} 这个地址。可用：POST /v1/lint、/v1/fix、/v1/conversation，GET /v1/rules、/healthz、/。`);
      }
      const route = posts[path];
      if (!route) throw new ApiError(path === '/v1/rules' || path === '/healthz' ? 405 : 404, 'not-found', `没有 ${request.method} ${path}。可用：POST /v1/lint、/v1/fix、/v1/conversation。`);
      if (request.method !== 'POST') throw new ApiError(405, 'method-not-allowed', `${path} 只接受 POST。`);
      const type = request.headers['content-type'] ?? '';
      if (!/^application\/json\b/i.test(type)) throw new ApiError(415, 'unsupported-media-type', `请求体应是 JSON（Content-Type: application/json），收到「${type || '无'}」。`);
      const text = await readBody(request, options.maxBodyBytes);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new ApiError(400, 'invalid-json', '请求体不是有效的 JSON。');
      }
      send(response, 200, route(body));
    } catch (error) {
      if (!response.headersSent) sendError(response, error);
      // An oversized body is not read to its end: close the connection instead.
      if (error instanceof ApiError && error.status === 413) response.on('finish', () => request.socket.destroy());
    }
  });
  server.requestTimeout = options.requestTimeoutMs;
  server.headersTimeout = Math.min(options.requestTimeoutMs, 60_000);
  server.keepAliveTimeout = 5_000;
  return server;
}

/**
 * Start serving; on SIGTERM or SIGINT stop taking connections, finish the requests
 * in flight and exit. With `workers` > 1, that many processes share the port (each
 * with its own jieba, about 100 MB); the first one started says where it listens.
 */
export async function serve(options: ServeOptions & { workers?: number }, log: (line: string) => void): Promise<Server | undefined> {
  const workers = options.workers ?? 1;
  if (workers > 1 && cluster.isPrimary) {
    for (let i = 0; i < workers; i++) cluster.fork();
    const stop = (signal: NodeJS.Signals) => {
      log('kefu-lint 服务正在停止：不再接受新连接，处理完进行中的请求后退出。');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGTERM'));
    await new Promise<void>((resolve) => cluster.on('exit', () => Object.keys(cluster.workers ?? {}).length === 0 && resolve()));
    return undefined;
  }
  const server = createApp(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const quiet = cluster.isWorker && cluster.worker?.id !== 1;
  if (!quiet) log(`kefu-lint 服务已启动：http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/（${workers > 1 ? `${workers} 个进程；` : ''}Ctrl+C 或 SIGTERM 停止）`);
  const stop = () => {
    if (!cluster.isWorker) log('kefu-lint 服务正在停止：不再接受新连接，处理完进行中的请求后退出。');
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Requests still running after the timeout are cut.
    setTimeout(() => process.exit(0), options.requestTimeoutMs).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return server;
}
