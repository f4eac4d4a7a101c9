/** Output formats for per-file results. Each takes the results and returns the text to print. */
import type { FileResult } from '../inputs/placed.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish, type FormatOptions } from './stylish.js';

export type { FormatOptions } from './stylish.js';

export type Formatter = (results: readonly FileResult[], options: FormatOptions) => string;

export const formatters: Record<string, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};
