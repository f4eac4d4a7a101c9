/**
 * Headless Chromium for the browser tests (Debian's chromium package, driven by
 * playwright-core). Without /usr/bin/chromium the tests are skipped and say why;
 * with CI set, a missing browser is a failure instead.
 */
import { existsSync } from 'node:fs';
import { describe } from 'vitest';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const SKIP_REASON = `跳过浏览器测试：没有找到 ${CHROMIUM}。请安装 chromium 和中文字体（apt-get install -y chromium fonts-wqy-microhei）。`;
if (!available && !process.env.CI) console.warn(SKIP_REASON);

/** `describe` for tests that need Chromium: skipped (saying why) when it is missing outside CI. */
export function describeBrowser(name: string, body: () => void): void {
  if (available || process.env.CI) describe(name, body);
  else describe.skip(`${name} (${SKIP_REASON})`, body);
}

export async function launchChromium(): Promise<Browser> {
  if (!available) throw new Error(`没有找到 ${CHROMIUM}：CI 中必须安装 chromium（apt-get install -y chromium）。`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}
