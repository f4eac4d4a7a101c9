import { describe, expect, it } from 'vitest';
import { formatters } from '../../src/output/formatters.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/output/github.js';

describe('--format github', () => {
  it('is registered as a format', () => {
    expect(formatters.github).toBe(formatGithub);
  });

  it('escapes %, CR and LF in messages, and also , and : in properties', () => {
    expect(escapeData('100%\r\n好')).toBe('100%25%0D%0A好');
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
  });

  it('writes one workflow command per finding, by severity', () => {
    const out = formatGithub([
      {
        path: 'shop,a:b/replies.yaml',
        messages: [
          { ruleId: 'no-jargon', severity: 'error', reason: '「工单」是内部用语：100%\n换个说法', line: 3, column: 5, endLine: 3, endColumn: 7, actual: '工单', expected: ['售后申请'], url: '' },
          { ruleId: 'no-vague', severity: 'warning', reason: '含糊', line: 4, column: 1, endLine: 5, endColumn: 2, actual: '', expected: [], url: '' },
          { ruleId: 'courtesy', severity: 'info', reason: '提示', line: 6, column: 1, endLine: 6, endColumn: 3, actual: '', expected: [], url: '' },
        ],
      },
      { path: 'clean.txt', messages: [] },
    ]);
    expect(out.split('\n')).toEqual([
      '::error file=shop%2Ca%3Ab/replies.yaml,line=3,col=5,endLine=3,endColumn=7,title=kefu-lint(no-jargon)::「工单」是内部用语：100%25%0A换个说法（建议：售后申请）',
      '::warning file=shop%2Ca%3Ab/replies.yaml,line=4,col=1,endLine=5,endColumn=2,title=kefu-lint(no-vague)::含糊',
      '::notice file=shop%2Ca%3Ab/replies.yaml,line=6,col=1,endLine=6,endColumn=3,title=kefu-lint(courtesy)::提示',
      '',
    ]);
  });
});
