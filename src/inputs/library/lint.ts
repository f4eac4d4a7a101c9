/**
 * Linting a canned-reply library file: read its replies with their places, lint
 * each one as a stand-alone reply, place the findings in the file, then honour
 * the file's disable comments.
 */
import type { Finding } from '../../engine/finding.js';
import { PositionMap } from '../../engine/tree.js';
import { placeFindings, type FileFinding } from '../placed.js';
import { readLibrary, type LibraryFormat } from './readers.js';
import { disableSettler, type CannedLibrary } from './source.js';

/** A library's findings in file coordinates, given the findings of each of its replies. */
export function placeLibraryFindings(text: string, library: CannedLibrary, findings: readonly Finding[][]): FileFinding[] {
  const placer = libraryPlacer(text, library);
  return placer.settle(0, placer.place(0, findings), true);
}

/**
 * A library's findings placed batch by batch, so a large file's findings need not
 * all be held: `place` moves a batch to file coordinates as it comes (in any
 * order); `settle` applies the disable comments to the batches in file order.
 */
export function libraryPlacer(text: string, library: CannedLibrary) {
  const positions = new PositionMap(text);
  return {
    /** The findings of the replies from index `first` on, in file coordinates. */
    place: (first: number, findings: readonly Finding[][]): FileFinding[][] =>
      findings.map((list, index) => placeFindings(library.replies[first + index], list, positions, text)),
    /** The kept findings of a placed batch, sorted; batches in order, `last` for the final one. */
    settle: disableSettler(library.replies, library.disables, positions),
  };
}

/** Read, lint and place a library's findings in one go (what `--fix` does on every pass). */
export function lintLibraryText(text: string, file: string, format: LibraryFormat, lintMany: (texts: readonly string[]) => Finding[][]): FileFinding[] {
  const library = readLibrary(text, file, format);
  return placeLibraryFindings(text, library, lintMany(library.replies.map((reply) => reply.text)));
}
