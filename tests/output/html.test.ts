import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { main } from '../../src/cli/main.js';
import { describeBrowser, launchChromium } from '../helpers/chromium.js';

describeBrowser('html report in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-report-'));
  const output = join(dir, 'report.html');
  let browser: Browser;
  let exitCode: number;

  beforeAll(async () => {
    exitCode = await main(['node', 'kefu-lint', 'examples/transcript.jsonl', 'tests/fixtures/transcripts/chat.crlf.log', '-f', 'html', '-o', output], {
      stdout: () => {},
      stderr: () => {},
    });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is one file that needs no network', () => {
    expect(exitCode).toBe(0);
    const html = readFileSync(output, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(html).toContain('Chart.js');
  });

  it('draws every chart and renders the tables', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(output).href);
    const canvases = await page.evaluate(() =>
      [...document.querySelectorAll('canvas')].map((canvas) => {
        const { width, height } = canvas;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
        return { id: canvas.id || canvas.className, width, height, painted };
      }),
    );
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(canvases.map((c) => c.id)).toEqual(expect.arrayContaining(['agent-scores', 'rule-counts', 'emotion-curve']));
    for (const canvas of canvases) {
      expect(canvas.width, canvas.id).toBeGreaterThan(0);
      expect(canvas.painted / (canvas.width * canvas.height), `${canvas.id} should be drawn`).toBeGreaterThan(0.002);
    }
    const agentRows = await page.locator('#agent-table tbody tr').allTextContents();
    expect(agentRows.some((row) => row.includes('小美') && row.includes('75.0'))).toBe(true);
    expect(await page.locator('#rule-table tbody tr').count()).toBeGreaterThan(3);
    const worst = page.locator('section.conversation').first();
    await expect(worst.locator('h3').textContent()).resolves.toContain('A1001');
    await expect(worst.locator('mark').first().getAttribute('title')).resolves.toMatch(/^[^：]+（[a-z-]+）：/);
    await page.close();
  });

  it('labels the rule chart with Chinese rule names and counts in whole numbers', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(output).href);
    const chart = await page.evaluate(() => {
      const instance = (window as unknown as { Chart: { getChart(c: Element): any } }).Chart.getChart(document.getElementById('rule-counts')!);
      return { labels: instance.data.labels as string[], ticks: (instance.scales.x.ticks as { value: number }[]).map((t) => t.value) };
    });
    expect(chart.labels.length).toBeGreaterThan(0);
    for (const label of chart.labels) expect(label).toMatch(/[\u4e00-\u9fff]/);
    expect(chart.labels).not.toContain('no-jargon');
    expect(chart.ticks.length).toBeGreaterThan(1);
    for (const tick of chart.ticks) expect(Number.isInteger(tick), String(tick)).toBe(true);
    await page.close();
  });
});
