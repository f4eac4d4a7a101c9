/**
 * Canned-reply libraries (话术库) in the formats shops keep them: YAML, JSON, CSV,
 * Markdown and plain text. Each reader returns the replies with the exact place
 * of every character in the file, and the disable comments the format allows.
 */
import { readCsvLibrary } from './csv.js';
import type { CannedLibrary } from './source.js';
import { readMarkdownLibrary, readTextLibrary } from './text.js';
import { readJsonLibrary, readYamlLibrary } from './yaml.js';

export type LibraryFormat = 'yaml' | 'json' | 'csv' | 'markdown' | 'text';

export function readLibrary(text: string, file: string, format: LibraryFormat): CannedLibrary {
  switch (format) {
    case 'yaml':
      return readYamlLibrary(text, file);
    case 'json':
      return readJsonLibrary(text, file);
    case 'csv':
      return readCsvLibrary(text, file);
    case 'markdown':
      return readMarkdownLibrary(text);
    case 'text':
      return readTextLibrary(text);
  }
}
