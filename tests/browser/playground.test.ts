/**
 * The playground in headless Chromium, served by `kefu-lint serve` and as the
 * static site: type a reply, see the finding, click a suggestion, see the text
 * change and the finding go. And the browser build (jieba in WebAssembly) gives
 * exactly the Node build's findings on every dictionary example and eval text.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mergeSettings } from '../../src/config/resolve.js';
import { builtinRules, createLinter, type Finding, type LintContext, type RuleSetting } from '../../src/index.js';
import { writeStaticPlayground } from '../../src/playground/write.js';
import { createApp } from '../../src/server/serve.js';
import { describeBrowser, launchChromium } from '../helpers/chromium.js';
import { exampleAndEvalTexts } from '../helpers/texts.js';

describeBrowser('the playground in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-playground-'));
  let browser: Browser;
  let server: Server;
  let served: string;
  let staticPage: string;

  beforeAll(async () => {
    staticPage = pathToFileURL(writeStaticPlayground(dir)).href;
    server = createApp({ host: '127.0.0.1', port: 0, settings: mergeSettings(undefined, []), maxBodyBytes: 64 * 1024, requestTimeoutMs: 10_000 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    served = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  async function openPlayground(url: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    return { page, errors, requests };
  }

  async function typeFixAndCheck(url: string) {
    const { page, errors, requests } = await openPlayground(url);
    await page.locator('#customer').fill('都三天了还没发货，你们怎么回事？！');
    await page.locator('#reply').pressSequentially('你的订单已经发货了', { delay: 15 });
    const finding = page.locator('li.finding[data-rule="prefer-honorific"]');
    await finding.waitFor();
    // The span is underlined in the preview with its reason on hover.
    await expect(page.locator('#preview mark', { hasText: /^你$/ }).getAttribute('title')).resolves.toContain('您');
    // The customer's upset shows on the meter.
    await expect(page.locator('#emotion').textContent()).resolves.toMatch(/^\d+ · (不满|愤怒)$/);
    await finding.locator('button.suggestion', { hasText: /^您$/ }).click();
    await expect.poll(() => page.locator('#reply').inputValue()).toBe('您的订单已经发货了');
    await expect.poll(() => finding.count()).toBe(0);
    // Safe fixes: 你 → 您 and ！！！ → ！ in one click.
    await page.locator('#reply').fill('你好，你的订单已经发货了！！！');
    await page.locator('li.finding[data-rule="no-shouting"]').waitFor();
    await page.locator('#fix').click();
    await expect.poll(() => page.locator('#reply').inputValue()).toBe('您好，您的订单已经发货了！');
    expect(errors).toEqual([]);
    await page.close();
    return requests;
  }

  it('served by kefu-lint serve: type, see the finding, take the suggestion', async () => {
    const requests = await typeFixAndCheck(served);
    expect(requests.every((url) => url.startsWith(served))).toBe(true);
  }, 60_000);

  it('as a static site opened from a file: the same, with no request at all', async () => {
    const requests = await typeFixAndCheck(staticPage);
    expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([]);
  }, 60_000);

  it('the browser build finds exactly what the Node build finds, on every example and eval text', async () => {
    const texts = exampleAndEvalTexts();
    const rules: Record<string, RuleSetting> = Object.fromEntries(builtinRules.map((rule) => [rule.id, 'warning']));
    const contexts: LintContext[] = [{ standalone: true }, { history: [{ role: 'customer', text: '我的快递怎么还没到？都三天了' }] }];
    const strip = (findings: Finding[]) => findings.map(({ url: _url, ...finding }) => finding);
    const node = await createLinter({ rules });
    const expected = contexts.map((context) => texts.map((text) => strip(node.lint(text, context))));
    const { page } = await openPlayground(staticPage);
    const actual = await page.evaluate(
      async ({ texts, rules, contexts }) => {
        const kit = (globalThis as unknown as { kefuLint: { createLinter(o: unknown): Promise<{ lint(t: string, c: unknown): Finding[] }> } }).kefuLint;
        const linter = await kit.createLinter({ rules });
        return contexts.map((context) => texts.map((text) => linter.lint(text, context).map(({ url: _url, ...finding }) => finding)));
      },
      { texts, rules, contexts },
    );
    await page.close();
    expect(texts.length).toBeGreaterThan(1000);
    for (let c = 0; c < contexts.length; c++) {
      const differing = texts.filter((_, i) => JSON.stringify(actual[c][i]) !== JSON.stringify(expected[c][i]));
      expect(differing, `context ${c}`).toEqual([]);
    }
    expect(expected.flat(2).length).toBeGreaterThan(1000);
  }, 120_000);
});
