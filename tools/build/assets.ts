/**
 * Build step after tsc (`npm run build`): the files the compiled code needs next
 * to it, and the browser build.
 *
 * - src/browser/wasm/cppjieba.mjs → dist/src/browser/wasm/ (tsc does not copy it);
 * - dist/browser/kefu-lint.js: the engine, the rules, jieba in WebAssembly and
 *   every dictionary in one ES module (esbuild), with the rule pages beside it.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { builtinRules } from '../../rules/index.js';
import type { BrowserData } from '../../src/browser/index.js';
import { builtinDictionaries, builtinWords } from '../../src/dictionaries.js';
import { EMOTION_DICTIONARY } from '../../src/engine/linter.js';
import { jiebaHmmModel, jiebaUserDictionary } from '../../src/jieba.js';
import { BROWSER_BUNDLE, BROWSER_DIR, BROWSER_SCRIPT, COMPACT_DICTIONARY, PACKAGE_ROOT } from '../../src/paths.js';

const DIST = join(PACKAGE_ROOT, 'dist');

function copyRulePages(target: string): void {
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(join(PACKAGE_ROOT, 'rules'))) {
    if (name.endsWith('.md')) copyFileSync(join(PACKAGE_ROOT, 'rules', name), join(target, name));
  }
}

/** The data the browser build carries: the same files the Node build reads, validated the same way. */
export function browserData(): BrowserData {
  const names = [...new Set([...builtinRules.flatMap((rule) => rule.dictionaries ?? []), EMOTION_DICTIONARY])];
  const dictionaries = [...builtinDictionaries(names).values()].map((dictionary) => ({
    ...dictionary,
    // Paths of the machine that built it mean nothing in a browser.
    file: `dictionaries/${dictionary.name}.yaml`,
    entries: dictionary.entries.map(({ file: _file, ...entry }) => entry),
  }));
  return {
    jieba: {
      dictionary: readFileSync(COMPACT_DICTIONARY, 'utf8'),
      hmmModel: jiebaHmmModel(),
      userDictionary: jiebaUserDictionary(builtinWords()),
    },
    dictionaries,
  };
}

/** The public face of the bundle: one kit per page, made on first use. */
const ENTRY = `
import { loadKit } from './src/browser/index.js';
import data from 'kefu-lint:data';
let kit;
const ready = () => (kit ??= loadKit(data));
/** A linter (jieba is instantiated on the first call, about a second). */
export async function createLinter(options) { return (await ready()).createLinter(options); }
/** The customer's emotion score; call after createLinter or await ready(). */
export async function scoreEmotion(text, previous) { return (await ready()).scoreEmotion(text, previous); }
export { withStableIds, emotionLevel, KefuLintError, isKefuLintError } from './src/browser/index.js';
`;

async function bundle(): Promise<void> {
  const data = JSON.stringify(browserData());
  // An ES module for apps, and a classic script (global `kefuLint`) that a page
  // can carry inline, so the static playground works opened from a file.
  for (const [format, outfile] of [
    ['esm', BROWSER_BUNDLE],
    ['iife', BROWSER_SCRIPT],
  ] as const) {
    await esbuild.build({
      stdin: {
        contents: ENTRY,
        resolveDir: DIST,
        sourcefile: 'kefu-lint-browser.js',
        loader: 'js',
      },
      bundle: true,
      format,
      globalName: format === 'iife' ? 'kefuLint' : undefined,
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'eof',
      outfile,
      // import.meta is empty in a classic script; docsUrl falls back to relative links.
      logLevel: 'error',
      plugins: [
        {
          name: 'kefu-lint-data',
          setup(build) {
            build.onResolve({ filter: /^kefu-lint:data$/ }, () => ({
              path: 'data',
              namespace: 'kefu-lint',
            }));
            build.onLoad({ filter: /.*/, namespace: 'kefu-lint' }, () => ({
              contents: data,
              loader: 'json',
            }));
          },
        },
      ],
    });
  }
  copyRulePages(BROWSER_DIR);
  writeFileSync(join(BROWSER_DIR, 'kefu-lint.d.ts'), BROWSER_TYPES);
}

const BROWSER_TYPES = `import type { EmotionScore, Linter, LinterOptions } from '../src/browser/index.js';
export declare function createLinter(options?: LinterOptions): Promise<Linter>;
export declare function scoreEmotion(text: string, previous?: EmotionScore): Promise<EmotionScore>;
export { withStableIds, emotionLevel, KefuLintError, isKefuLintError } from '../src/browser/index.js';
export type * from '../src/browser/index.js';
`;

mkdirSync(join(DIST, 'src/browser/wasm'), { recursive: true });
copyFileSync(join(PACKAGE_ROOT, 'src/browser/wasm/cppjieba.mjs'), join(DIST, 'src/browser/wasm/cppjieba.mjs'));
await bundle();
