/**
 * Where a built-in rule's documentation page is: `<id>.md` next to this module —
 * rules/ in the sources, dist/rules/ once built (the build copies the pages there),
 * and beside the bundle in the browser build. No Node.js here: the rules run in a
 * browser too. Where a module has no URL of its own (a classic script), the path
 * is relative: rules/<id>.md.
 */
export function docsUrl(id: string): string {
  try {
    return new URL(`./${id}.md`, import.meta.url).href;
  } catch {
    return `rules/${id}.md`;
  }
}
