/** `--fix-dry-run`: the change `--fix` would make, as a unified diff (empty when nothing changes). */
import { createTwoFilesPatch } from 'diff';

export function fixDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  // The ==== separator line is not part of a git-style patch; `patch` and `git apply` read it either way.
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
}
