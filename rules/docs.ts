/**
 * Where a built-in rule's documentation page is: rules/<id>.md in the package
 * (whether this module runs from the sources or from dist/rules/), and `<id>.md`
 * beside the bundle in the browser build. No Node.js here: the rules run in a
 * browser too. Where a module has no URL of its own (a classic script), the path
 * is relative: rules/<id>.md.
 */
export function docsUrl(id: string): string {
  try {
    const here = import.meta.url;
    return new URL(here.includes('/dist/rules/') ? `../../rules/${id}.md` : `./${id}.md`, here).href;
  } catch {
    return `rules/${id}.md`;
  }
}
