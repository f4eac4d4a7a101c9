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
