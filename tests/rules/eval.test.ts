/**
 * The labelled evaluation corpus: every reply rule must reach the precision and
 * recall thresholds on tests/eval/*.yaml, and the corpus must stay large and
 * balanced enough for those numbers to mean something.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  REPLY_RULE_IDS,
  createEvalLinter,
  evaluateCorpus,
  readCorpus,
  type CorpusEntry,
  type EvalReport,
} from '../../tools/eval/eval.js';

const MIN_ENTRIES = 450;
const MIN_HITS = 12;
const MIN_LOOKALIKES = 12;
const MIN_CLEAN = 120;

let corpus: CorpusEntry[];
let report: EvalReport;

beforeAll(async () => {
  corpus = readCorpus();
  report = evaluateCorpus(await createEvalLinter(), corpus);
}, 60_000);

describe('evaluation corpus', () => {
  it(`has at least ${MIN_ENTRIES} entries`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(MIN_ENTRIES);
  });

  it(`has at least ${MIN_CLEAN} clean replies that no rule may flag`, () => {
    const clean = corpus.filter((entry) => entry.focus === undefined && entry.rules.length === 0 && entry.dontCare.length === 0);
    expect(clean.length).toBeGreaterThanOrEqual(MIN_CLEAN);
  });

  it.each(REPLY_RULE_IDS)(`%s has at least ${MIN_HITS} labelled hits and ${MIN_LOOKALIKES} silent look-alikes`, (ruleId) => {
    const score = report.rules.find((rule) => rule.ruleId === ruleId)!;
    expect(score.labelled, 'labelled hits').toBeGreaterThanOrEqual(MIN_HITS);
    expect(score.lookalikes, 'silent look-alikes').toBeGreaterThanOrEqual(MIN_LOOKALIKES);
  });
});

describe('precision and recall per rule', () => {
  it.each(REPLY_RULE_IDS)('%s', (ruleId) => {
    const score = report.rules.find((rule) => rule.ruleId === ruleId)!;
    const misses = report.misses
      .filter((miss) => miss.ruleId === ruleId)
      .map((miss) => `${miss.kind.toUpperCase()} ${miss.file.split('/').pop()}:${miss.line} 「${miss.text}」`)
      .join('\n');
    expect(score.status, `规则「${ruleId}」尚未注册`).not.toBe('missing');
    expect(score.precision ?? 1, `precision\n${misses}`).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.precision);
    expect(score.recall ?? 0, `recall\n${misses}`).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.recall);
  });
});
