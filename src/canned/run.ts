/**
 * The command line's path for canned-reply libraries: each file gets the linter
 * of its resolved config (one per distinct config), is read by its format's
 * reader, and with --fix is fixed in place (or shown as a diff).
 */
import { basename } from 'node:path';
import { ConfigResolver, type CliSettings } from '../config.js';
import { readInput, STDIN } from '../inputs.js';
import { fixDiff, fixText, writeFileAtomic } from '../fix.js';
import type { LinterOptions } from '../linter.js';
import type { FileResult } from '../results.js';
import { lintLibraryText } from './lint.js';
import { isCannedCsv, libraryFormat, type LibraryFormat } from './readers.js';

/** Extensions the command line looks for in folders. */
import { PARALLEL_THRESHOLD } from '../parallel.js';

export const LIBRARY_EXTENSIONS = ['txt', 'yaml', 'yml', 'json', 'csv', 'md'] as const;

/** Files in a folder that configure tools rather than hold replies. */
const NOT_LIBRARIES = /^(?:kefu-lint\.config\.(?:json|ya?ml)|package(?:-lock)?\.json|tsconfig(?:\..*)?\.json|\.?[\w.-]*rc\.json)$/;

export interface LibraryRunOptions {
  /** Resolves each file's config; built from `configPath` and `cli` when not given. */
  resolver?: ConfigResolver;
  configPath?: string;
  cli: CliSettings;
  fix?: boolean;
  fixDryRun?: boolean;
  write: (text: string) => void;
  reportError: (error: unknown) => void;
  /** Extra linter options for library callers (e.g. plugin rules, which a config file cannot hold). */
  linterOptions?: Partial<LinterOptions>;
}

export interface LibraryRun {
  results: FileResult[];
  /** Files this path does not handle (stdin, transcripts, other formats), in input order. */
  rest: string[];
}

/** The library format kefu-lint reads a file with, or undefined for other inputs. */
export function libraryFormatOf(file: string, text?: string): LibraryFormat | undefined {
  if (file === STDIN) return undefined;
  const format = libraryFormat(file);
  // A CSV with a role column is a conversation transcript, not a library.
  if (format === 'csv' && text !== undefined && !isCannedCsv(text)) return undefined;
  return format;
}

function isLargePlainList(text: string): boolean {
  if (text.includes('kefu-lint-disable')) return false;
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0 && lines < PARALLEL_THRESHOLD; at = text.indexOf('\n', at + 1)) lines++;
  return lines >= PARALLEL_THRESHOLD;
}

export async function runLibraries(files: readonly string[], options: LibraryRunOptions): Promise<LibraryRun> {
  const rest: string[] = [];
  const results: FileResult[] = [];
  let resolver: ConfigResolver;
  try {
    resolver = options.resolver ?? new ConfigResolver({ configPath: options.configPath, cli: options.cli, linterOptions: options.linterOptions });
  } catch (error) {
    options.reportError(error);
    return { results, rest: [] };
  }
  for (const file of files) {
    if (file !== STDIN && NOT_LIBRARIES.test(basename(file))) continue;
    if (libraryFormatOf(file) === undefined) {
      rest.push(file);
      continue;
    }
    try {
      const text = await readInput(file);
      const format = libraryFormatOf(file, text);
      if (!format) {
        rest.push(file);
        continue;
      }
      if (format === 'text' && isLargePlainList(text) && !options.fix && !options.fixDryRun && !resolver.configFor(file)) {
        // A large plain list with no config and no inline exemptions is linted
        // like any other reply list, spread over worker threads.
        rest.push(file);
        continue;
      }
      const configured = await resolver.linterFor(file);
      if (!configured) continue;
      const lintText = (source: string) => lintLibraryText(source, file, format, (reply) => configured.lint(reply));
      if (!options.fix && !options.fixDryRun) {
        results.push({ path: file, messages: lintText(text) });
        continue;
      }
      const outcome = fixText(text, lintText);
      if (options.fixDryRun) options.write(fixDiff(file, text, outcome.output));
      else if (outcome.changed) writeFileAtomic(file, outcome.output);
      results.push({ path: file, messages: outcome.findings });
    } catch (error) {
      options.reportError(error);
    }
  }
  return { results, rest };
}
