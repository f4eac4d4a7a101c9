/**
 * `kefu-lint playground --out DIR`: the playground as a static site that runs
 * entirely in the page — index.html with the browser build inline, and the rule
 * pages its links point to. Open it from the folder or put it on any web server.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KefuLintError } from '../engine/errors.js';
import { BROWSER_DIR, BROWSER_SCRIPT } from '../paths.js';
import { writeFileAtomic } from '../text/write.js';
import { playgroundPage } from './page.js';

export function writeStaticPlayground(dir: string): string {
  if (!existsSync(BROWSER_SCRIPT)) {
    throw new KefuLintError('usage', `没有找到浏览器版本（${BROWSER_SCRIPT}）。请先运行 npm run build。`);
  }
  mkdirSync(join(dir, 'rules'), { recursive: true });
  const page = join(dir, 'index.html');
  writeFileAtomic(page, playgroundPage({ mode: 'static', script: readFileSync(BROWSER_SCRIPT, 'utf8') }));
  for (const name of readdirSync(BROWSER_DIR)) if (name.endsWith('.md')) copyFileSync(join(BROWSER_DIR, name), join(dir, 'rules', name));
  return page;
}
