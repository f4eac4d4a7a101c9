/**
 * SARIF 2.1.0 for code-scanning tools: the rules run (id, names, descriptions,
 * the rule's documentation as help text, default level) and every finding with its region and, where the
 * rule offers one, its safe fix.
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type * as Sarif from 'sarif';
import { builtinRules } from '../../rules/index.js';
import { PACKAGE_ROOT } from '../paths.js';
import { SHOP_PHRASES_RULE, shopPhrasesRule } from '../config/shop-phrases.js';
import type { FileFinding, FileResult } from '../inputs/placed.js';
import { shownReason } from './text.js';
import type { Severity, SeverityOrOff } from '../engine/severity.js';

const LEVELS: Record<SeverityOrOff, Sarif.ReportingConfiguration.level> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  off: 'none',
};

/** Findings that do not come from a rule module still need a rule entry. */
const EXTRA_RULES: Record<string, { title: string; description: string; severity: Severity }> = {
  [SHOP_PHRASES_RULE]: shopPhrasesRule([]).meta as { title: string; description: string; severity: Severity },
  'unused-disable': {
    title: '多余的屏蔽注释',
    description: 'kefu-lint-disable-next-line 注释没有屏蔽任何问题，应删除或改正规则 id。',
    severity: 'warning',
  },
};

/** A built-in rule's documentation page (rules/<id>.md, shipped with the package). */
function rulePage(id: string): string | undefined {
  try {
    return readFileSync(join(PACKAGE_ROOT, 'rules', `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** A relative URI with forward slashes, as code-scanning expects for files in the repository. */
function artifactUri(path: string): string {
  const rel = path.startsWith('<') ? path : relative(process.cwd(), path) || path;
  return encodeURI(rel.split(sep).join('/'));
}

function toRule(id: string, url: string): Sarif.ReportingDescriptor {
  const builtin = builtinRules.find((rule) => rule.id === id);
  const meta = builtin?.meta ?? EXTRA_RULES[id] ?? { title: id, description: id, severity: 'warning' as const };
  const rule: Sarif.ReportingDescriptor = {
    id,
    name: id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    defaultConfiguration: { level: LEVELS[meta.severity] },
  };
  // A link only where a browser can follow it (not a file:// path into the installed
  // package); a built-in rule carries its documentation page itself.
  const link = builtin?.meta.docs ?? url;
  if (link && /^https?:\/\//.test(link)) rule.helpUri = link;
  const page = builtin ? rulePage(id) : undefined;
  if (page) rule.help = { text: page, markdown: page };
  return rule;
}

function toResult(path: string, message: FileFinding, ruleIndex: number): Sarif.Result {
  const uri = artifactUri(path);
  const result: Sarif.Result = {
    ruleId: message.ruleId,
    ruleIndex,
    level: LEVELS[message.severity],
    message: { text: shownReason(message) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri },
          region: {
            startLine: message.line,
            startColumn: message.column,
            endLine: message.endLine,
            endColumn: Math.max(message.endColumn, message.endLine === message.line ? message.column + 1 : 1),
          },
        },
      },
    ],
  };
  const fix = message.fix as { range: [number, number]; text: string } | undefined;
  if (fix) {
    result.fixes = [
      {
        description: { text: `把「${message.actual}」改为「${fix.text}」` },
        artifactChanges: [
          {
            artifactLocation: { uri },
            replacements: [
              {
                deletedRegion: { charOffset: fix.range[0], charLength: fix.range[1] - fix.range[0] },
                insertedContent: { text: fix.text },
              },
            ],
          },
        ],
      },
    ];
  }
  return result;
}

export function formatSarif(results: readonly FileResult[]): string {
  const ids = new Map<string, string>();
  for (const rule of builtinRules) ids.set(rule.id, rule.meta.docs);
  for (const result of results) for (const message of result.messages) if (!ids.has(message.ruleId)) ids.set(message.ruleId, message.url);
  const index = new Map([...ids.keys()].map((id, i) => [id, i]));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kefu-lint',
            version: packageVersion(),
            informationUri: 'https://www.npmjs.com/package/kefu-lint',
            rules: [...ids].map(([id, url]) => toRule(id, url)),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((result) => result.messages.map((message) => toResult(result.path, message, index.get(message.ruleId)!))),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
