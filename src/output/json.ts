/** `--format json`: one entry per file with its findings; fields in a fixed order, offsets and links left out. */
import type { FileResult } from '../inputs/placed.js';

const FIRST_FIELDS = ['ruleId', 'severity', 'reason', 'line', 'column', 'endLine', 'endColumn', 'actual', 'expected'] as const;
const LEFT_OUT = new Set<string>([...FIRST_FIELDS, 'start', 'end', 'url']);

export function formatJson(results: readonly FileResult[]): string {
  return (
    JSON.stringify(
      results.map((result) => ({
        path: result.path,
        messages: result.messages.map((message) => {
          const out: Record<string, unknown> = {};
          for (const field of FIRST_FIELDS) out[field] = message[field];
          for (const [key, value] of Object.entries(message)) if (!LEFT_OUT.has(key) && value !== undefined) out[key] = value;
          return out;
        }),
        ...(result.output !== undefined ? { output: result.output } : {}),
      })),
    ) + '\n'
  );
}
