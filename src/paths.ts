/** Where kefu-lint's own files are, whether running from `src/` or `dist/src/`. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'dictionaries'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('kefu-lint: cannot find the package root (dictionaries/ is missing)');
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
export const DICTIONARY_DIR = join(PACKAGE_ROOT, 'dictionaries');
/** jieba's dictionary in compact form, written by the build (`npm run build`). */
export const COMPACT_DICTIONARY = join(PACKAGE_ROOT, 'dist', 'jieba.dict.utf8');
/** The shipped phrase lists, parsed and checked once by the build (see dictionaries.ts). */
export const DICTIONARY_CACHE = join(PACKAGE_ROOT, 'dist', 'dictionaries.json');
/** The browser build (one ES module) and the rule pages beside it, written by the build. */
export const BROWSER_DIR = join(PACKAGE_ROOT, 'dist', 'browser');
export const BROWSER_BUNDLE = join(BROWSER_DIR, 'kefu-lint.js');
/** The same as a classic script defining the global `kefuLint` (the static playground carries it inline). */
export const BROWSER_SCRIPT = join(BROWSER_DIR, 'kefu-lint.iife.js');
