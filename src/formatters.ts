/** Output formats. Each takes the per-file results and returns the text to print. */
import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import type { FileFinding, FileResult } from './results.js';
import { formatGithub } from './formatters/github.js';
import { formatSarif } from './formatters/sarif.js';

export interface FormatOptions {
  color?: boolean;
  quiet?: boolean;
}

export type Formatter = (results: readonly FileResult[], options: FormatOptions) => string;

const JSON_FIELDS = ['ruleId', 'severity', 'reason', 'line', 'column', 'endLine', 'endColumn', 'actual', 'expected'] as const;

export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify(
    results.map((result) => ({
      path: result.path,
      messages: result.messages.map((message) => {
        const out: Record<string, unknown> = {};
        for (const field of JSON_FIELDS) out[field] = message[field];
        for (const [key, value] of Object.entries(message)) {
          if (!(key in out) && value !== undefined && key !== 'url') out[key] = value;
        }
        return out;
      }),
    })),
  ) + '\n';
}

export function formatStylish(results: readonly FileResult[], options: FormatOptions): string {
  const files = results.map((result) => {
    const file = new VFile({ path: result.path });
    for (const message of result.messages) addMessage(file, message);
    return file;
  });
  const report = reporter(files, { color: options.color ?? false, quiet: options.quiet ?? false });
  return report ? report + '\n' : '';
}

function addMessage(file: VFile, finding: FileFinding): void {
  const suggestion = finding.expected.length > 0 ? `（建议：${finding.expected.join(' / ')}）` : '';
  const message = file.message(`${finding.reason}${suggestion}`, {
    place: {
      start: { line: finding.line, column: finding.column },
      end: { line: finding.endLine, column: finding.endColumn },
    },
    ruleId: finding.ruleId,
    source: 'kefu-lint',
  });
  message.fatal = finding.severity === 'error' ? true : finding.severity === 'warning' ? false : undefined;
}

export const formatters: Record<string, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};
