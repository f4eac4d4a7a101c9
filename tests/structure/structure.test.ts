/**
 * The shape of the code, checked on every run: layers point one way (see
 * ARCHITECTURE.md), no two files import each other in a loop, the engine uses
 * nothing of Node.js or of the layers above it, and files and functions stay small
 * enough to read.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Layers, lowest first: a file may import its own layer and the ones below. */
const LAYERS: [string, RegExp][] = [
  ['engine', /^src\/engine\//],
  ['paths', /^src\/paths\.ts$/],
  ['rules', /^rules\//],
  ['browser build', /^src\/browser\//],
  ['node library', /^src\/(text\/|jieba\.ts|dictionaries\.ts|linter\.ts|testing\.ts|build-dictionary\.ts)/],
  ['config', /^src\/config\//],
  ['inputs', /^src\/inputs\//],
  ['worker pool', /^src\/workers\//],
  ['transcripts', /^src\/transcripts\//],
  ['worker thread', /^src\/worker\.ts$/],
  ['output', /^src\/(output|playground)\//],
  ['server', /^src\/server\//],
  ['cli', /^src\/cli\//],
  ['public api', /^src\/index\.ts$/],
  ['tools', /^tools\//],
];
/** Packages the engine may use: it must also run in a browser. */
const ENGINE_PACKAGES = new Set(['zod', 'nlcst', 'unist', 'unified', 'vfile']);
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

const files = ['src', 'rules', 'tools'].flatMap(sourceFiles);
const sources = new Map(files.map((file) => [file, ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true)]));

function layerOf(file: string): number {
  const index = LAYERS.findIndex(([, pattern]) => pattern.test(file));
  if (index < 0) throw new Error(`${file} is in no layer: add it to LAYERS and ARCHITECTURE.md`);
  return index;
}

/** Every module a file imports (static, dynamic and `export … from`). */
function importsOf(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0])) found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const graph = new Map<string, string[]>();
const packages = new Map<string, string[]>();
for (const [file, source] of sources) {
  const local: string[] = [];
  const external: string[] = [];
  for (const specifier of importsOf(source)) {
    if (specifier.startsWith('.')) local.push(relative(ROOT, resolve(ROOT, dirname(file), specifier)).replace(/\.js$/, '.ts'));
    else external.push(specifier);
  }
  graph.set(file, local);
  packages.set(file, external);
}

describe('the import graph', () => {
  it('resolves every relative import to a source file', () => {
    // A generated module (the WebAssembly build of jieba) is a file of its own, not a source.
    const missing = [...graph].flatMap(([file, targets]) => targets.filter((t) => !sources.has(t) && !(t.endsWith('.mjs') && existsSync(join(ROOT, t)))).map((t) => `${file} → ${t}`));
    expect(missing).toEqual([]);
  });

  it('has no import from a lower layer to a higher one', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => sources.has(target) && layerOf(target) > layerOf(file)).map((target) => `${file} (${LAYERS[layerOf(file)][0]}) → ${target} (${LAYERS[layerOf(target)][0]})`),
    );
    expect(upward).toEqual([]);
  });

  it('has no circle', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const target of graph.get(file) ?? []) {
        if (state.get(target) === 'open') circles.push([...stack.slice(stack.indexOf(target)), target].join(' → '));
        else if (!state.has(target) && sources.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(circles).toEqual([]);
  });

  it('keeps the engine, the rules and the browser build free of Node.js and of every package but their own few', () => {
    const browserSafe = new Set(['engine', 'rules', 'browser build']);
    const outside = [...packages]
      .filter(([file]) => browserSafe.has(LAYERS[layerOf(file)][0]))
      .flatMap(([file, names]) => names.filter((name) => !ENGINE_PACKAGES.has(name.split('/')[0])).map((name) => `${file} → ${name}`));
    expect(outside).toEqual([]);
  });
});

describe('sizes', () => {
  it(`no file over ${MAX_FILE_LINES} lines unless its opening comment says why`, () => {
    const long = [...sources]
      .filter(([, source]) => source.getLineAndCharacterOfPosition(source.end).line + 1 > MAX_FILE_LINES)
      .filter(([, source]) => !/^\/\*\*[^]*?Longer than \d+ lines because/.test(source.text))
      .map(([file]) => file);
    expect(long).toEqual([]);
  });

  it(`no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long: string[] = [];
    for (const [file, source] of sources) {
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const lines = source.getLineAndCharacterOfPosition(node.body.end).line - source.getLineAndCharacterOfPosition(node.body.getStart()).line + 1;
          if (lines > MAX_FUNCTION_LINES) long.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} (${lines} lines)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });
});
