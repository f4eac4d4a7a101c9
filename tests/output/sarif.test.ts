import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../src/index.js';
import { formatters } from '../../src/output/formatters.js';
import { formatSarif } from '../../src/output/sarif.js';
import type { FileResult } from '../../src/inputs/placed.js';

/**
 * No registry package ships the official sarif-schema-2.1.0.json, so this checks
 * what SARIF 2.1.0 requires and what code-scanning consumers read: version, runs,
 * tool.driver.name, rule ids and descriptions, result messages, levels, and
 * physical locations with a relative URI and a 1-based region.
 */
const text = { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 } } };
const region = {
  type: 'object',
  required: ['startLine', 'startColumn', 'endLine', 'endColumn'],
  properties: {
    startLine: { type: 'integer', minimum: 1 },
    startColumn: { type: 'integer', minimum: 1 },
    endLine: { type: 'integer', minimum: 1 },
    endColumn: { type: 'integer', minimum: 1 },
  },
};
const schema = {
  type: 'object',
  required: ['version', 'runs', '$schema'],
  properties: {
    version: { const: '2.1.0' },
    $schema: { type: 'string', format: 'uri' },
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['tool', 'results'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name', 'rules'],
                properties: {
                  name: { const: 'kefu-lint' },
                  version: { type: 'string' },
                  informationUri: { type: 'string', format: 'uri' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id', 'name', 'shortDescription', 'fullDescription', 'defaultConfiguration'],
                      properties: {
                        id: { type: 'string', minLength: 1 },
                        name: { type: 'string', pattern: '^[A-Z][A-Za-z]*$' },
                        shortDescription: text,
                        fullDescription: text,
                        helpUri: { type: 'string', format: 'uri' },
                        defaultConfiguration: {
                          type: 'object',
                          required: ['level'],
                          properties: { level: { enum: ['none', 'note', 'warning', 'error'] } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['ruleId', 'ruleIndex', 'level', 'message', 'locations'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: 0 },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message: text,
                locations: {
                  type: 'array',
                  minItems: 1,
                  items: {
                    type: 'object',
                    required: ['physicalLocation'],
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        required: ['artifactLocation', 'region'],
                        properties: {
                          artifactLocation: {
                            type: 'object',
                            required: ['uri'],
                            properties: { uri: { type: 'string', format: 'uri-reference', not: { pattern: '^/' } } },
                          },
                          region,
                        },
                      },
                    },
                  },
                },
                fixes: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['description', 'artifactChanges'],
                    properties: {
                      description: text,
                      artifactChanges: {
                        type: 'array',
                        minItems: 1,
                        items: {
                          type: 'object',
                          required: ['artifactLocation', 'replacements'],
                          properties: {
                            replacements: {
                              type: 'array',
                              minItems: 1,
                              items: {
                                type: 'object',
                                required: ['deletedRegion'],
                                properties: {
                                  deletedRegion: {
                                    type: 'object',
                                    required: ['charOffset', 'charLength'],
                                    properties: { charOffset: { type: 'integer', minimum: 0 }, charLength: { type: 'integer', minimum: 0 } },
                                  },
                                  insertedContent: text,
                                },
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const results: FileResult[] = [
  {
    path: '话术/replies.yaml',
    messages: [
      { ruleId: 'no-jargon', severity: 'warning', reason: '「工单」是内部用语。', line: 3, column: 5, endLine: 3, endColumn: 7, actual: '工单', expected: ['售后申请'], url: '' },
      { ruleId: 'shop-phrases', severity: 'error', reason: '本店不用“亲爱的”', line: 4, column: 3, endLine: 4, endColumn: 6, actual: '亲爱的', expected: [], url: '' },
      { ruleId: 'test-honorific', severity: 'info', reason: '用“您”', line: 5, column: 3, endLine: 5, endColumn: 4, actual: '你', expected: [], url: '', fix: { range: [40, 41], text: '您' } },
      { ruleId: 'unused-disable', severity: 'warning', reason: '没有屏蔽任何问题', line: 6, column: 1, endLine: 6, endColumn: 2, actual: 'x', expected: [], url: '' },
    ],
  },
  { path: 'clean.txt', messages: [] },
];

describe('--format sarif', () => {
  const log = JSON.parse(formatSarif(results));

  it('is registered as a format', () => {
    expect(formatters.sarif).toBe(formatSarif);
  });

  it('validates against the SARIF 2.1.0 properties code scanning requires', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    // The schema itself can fail: a result without a region is rejected.
    const broken = structuredClone(log);
    delete broken.runs[0].results[0].locations[0].physicalLocation.region;
    expect(validate(broken)).toBe(false);
  });

  it('describes every rule and links each result to its rule', () => {
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    for (const rule of builtinRules) expect(ids).toContain(rule.id);
    expect(ids).toEqual(expect.arrayContaining(['shop-phrases', 'test-honorific', 'unused-disable']));
    for (const result of run.results) expect(ids[result.ruleIndex]).toBe(result.ruleId);
    const jargon = run.tool.driver.rules.find((rule: { id: string }) => rule.id === 'no-jargon');
    expect(jargon).toMatchObject({ name: 'NoJargon', shortDescription: { text: '避免行业术语' }, defaultConfiguration: { level: 'warning' } });
    // No file:// link into the installed package: the rule's page is the help text itself.
    expect(JSON.stringify(log)).not.toContain('file://');
    expect(jargon.helpUri).toBeUndefined();
    expect(jargon.help.markdown).toContain('# no-jargon（避免行业术语）');
  });

  it('places results and carries fixes', () => {
    const [jargon, shop, fix] = log.runs[0].results;
    expect(jargon).toMatchObject({
      level: 'warning',
      message: { text: '「工单」是内部用语。（建议：售后申请）' },
      locations: [{ physicalLocation: { artifactLocation: { uri: '%E8%AF%9D%E6%9C%AF/replies.yaml' }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 7 } } }],
    });
    expect(shop.level).toBe('error');
    expect(fix.level).toBe('note');
    expect(fix.fixes[0].artifactChanges[0].replacements[0]).toEqual({ deletedRegion: { charOffset: 40, charLength: 1 }, insertedContent: { text: '您' } });
  });
});
