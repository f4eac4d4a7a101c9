/**
 * Linting a canned-reply library file: read its replies with their places, lint
 * each one as a stand-alone reply, place the findings in the file, then honour
 * the file's disable comments.
 */
import type { Finding } from '../linter.js';
import type { FileFinding } from '../results.js';
import { PositionMap } from '../tree.js';
import { readLibrary, type LibraryFormat } from './readers.js';
import { applyDisables, placeCannedFindings } from './source.js';

export type LintReply = (text: string) => Finding[];

export function lintLibraryText(text: string, file: string, format: LibraryFormat, lint: LintReply): FileFinding[] {
  const library = readLibrary(text, file, format);
  const positions = new PositionMap(text);
  const placed = library.replies.map((reply) => placeCannedFindings(text, positions, reply, lint(reply.text)));
  return applyDisables(library.replies, placed, library.disables);
}
