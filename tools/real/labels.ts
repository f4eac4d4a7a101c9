/**
 * Labels of the real set, as committed under tests/real/labels: one file per
 * annotator (`<kind>.a.tsv`, `<kind>.b.tsv`), rows keyed by id, no corpus text.
 * Two annotators' labels are merged here: a rule both put in `expect` is expected;
 * a rule only one of them flagged, or either called borderline, is not scored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REAL_DIR } from './data.js';

export const LABEL_DIR = join(REAL_DIR, 'labels');

export interface RuleLabel {
  expect: Set<string>;
  dontcare: Set<string>;
}

function rows(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}

const ids = (cell: string | undefined): Set<string> =>
  new Set(cell && cell !== '-' ? cell.split(',').map((id) => id.trim()).filter(Boolean) : []);

/** `id<TAB>expect<TAB>dontcare` rows. */
export function readRuleLabels(file: string): Map<string, RuleLabel> {
  return new Map(rows(file).map(([id, expect, dontcare]) => [id, { expect: ids(expect), dontcare: ids(dontcare) }]));
}

/** `id<TAB>label` rows (emotion: upset / calm / unsure; warnings: right / wrong / borderline). */
export function readVerdicts(file: string): Map<string, string> {
  return new Map(rows(file).map(([id, label]) => [id, label.trim()]));
}

export function labelFile(name: string): string {
  return join(LABEL_DIR, name);
}

export function hasLabels(name: string): boolean {
  return existsSync(labelFile(name));
}

export interface Agreement {
  /** Item × rule decisions where both said expect, only one did, or neither. */
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
  /** Cohen's kappa of the expect decision over items × rules. */
  kappa: number;
  /** Items where A flagged something and B called the item clean (and the other way). */
  flaggedVsClean: number;
}

/** Merge two annotators over the ids both labelled; `rules` are the rules in scope. */
export function mergeRuleLabels(a: Map<string, RuleLabel>, b: Map<string, RuleLabel>, rules: readonly string[]): { merged: Map<string, RuleLabel>; agreement: Agreement } {
  const merged = new Map<string, RuleLabel>();
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  let neither = 0;
  let flaggedVsClean = 0;
  for (const [id, la] of a) {
    const lb = b.get(id);
    if (!lb) continue;
    const expect = new Set<string>();
    const dontcare = new Set<string>();
    for (const rule of rules) {
      const inA = la.expect.has(rule);
      const inB = lb.expect.has(rule);
      if (inA && inB) {
        both++;
        expect.add(rule);
      } else {
        if (inA) onlyA++;
        else if (inB) onlyB++;
        else neither++;
        if (inA || inB || la.dontcare.has(rule) || lb.dontcare.has(rule)) dontcare.add(rule);
      }
    }
    const cleanA = la.expect.size === 0 && la.dontcare.size === 0;
    const cleanB = lb.expect.size === 0 && lb.dontcare.size === 0;
    if ((la.expect.size > 0 && cleanB) || (lb.expect.size > 0 && cleanA)) flaggedVsClean++;
    merged.set(id, { expect, dontcare });
  }
  const total = both + onlyA + onlyB + neither;
  const observed = (both + neither) / total;
  const pa = (both + onlyA) / total;
  const pb = (both + onlyB) / total;
  const chance = pa * pb + (1 - pa) * (1 - pb);
  const kappa = chance === 1 ? 1 : (observed - chance) / (1 - chance);
  return { merged, agreement: { both, onlyA, onlyB, neither, kappa, flaggedVsClean } };
}

/** Two annotators' verdicts on the same ids: agreed ones, and how often they agreed. */
export function mergeVerdicts(a: Map<string, string>, b: Map<string, string>): { agreed: Map<string, string>; pairs: [string, string, string][]; agreement: number } {
  const agreed = new Map<string, string>();
  const pairs: [string, string, string][] = [];
  let same = 0;
  for (const [id, va] of a) {
    const vb = b.get(id);
    if (vb === undefined) continue;
    pairs.push([id, va, vb]);
    if (va === vb) {
      same++;
      agreed.set(id, va);
    }
  }
  return { agreed, pairs, agreement: pairs.length > 0 ? same / pairs.length : 0 };
}
