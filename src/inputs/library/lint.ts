/**
 * Linting a canned-reply library file: read its replies with their places, lint
 * each one as a stand-alone reply, place the findings in the file, then honour
 * the file's disable comments.
 */
import type { Finding } from '../../engine/finding.js';
import { PositionMap } from '../../engine/tree.js';
import { placeFindings, type FileFinding } from '../placed.js';
import { readLibrary, type LibraryFormat } from './readers.js';
import { applyDisables, type CannedLibrary } from './source.js';

/** A library's findings in file coordinates, given the findings of each of its replies. */
export function placeLibraryFindings(text: string, library: CannedLibrary, findings: readonly Finding[][]): FileFinding[] {
  const positions = new PositionMap(text);
  const placed = library.replies.map((reply, index) => placeFindings(reply, findings[index], positions, text));
  return applyDisables(library.replies, placed, library.disables, positions);
}

/** Read, lint and place a library's findings in one go (what `--fix` does on every pass). */
export function lintLibraryText(text: string, file: string, format: LibraryFormat, lintMany: (texts: readonly string[]) => Finding[][]): FileFinding[] {
  const library = readLibrary(text, file, format);
  return placeLibraryFindings(text, library, lintMany(library.replies.map((reply) => reply.text)));
}
