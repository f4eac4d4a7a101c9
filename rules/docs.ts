/** Where a built-in rule's documentation page is: `rules/<id>.md`, shipped with the package. */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../src/paths.js';

export function docsUrl(id: string): string {
  return pathToFileURL(join(PACKAGE_ROOT, 'rules', `${id}.md`)).href;
}
