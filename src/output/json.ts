/**
 * `--format json`: one entry per file with its findings; fields in a fixed order,
 * offsets and links left out. Made in chunks of about a megabyte, so a run with a
 * million findings never holds its whole output as one string.
 */
import type { FileResult } from '../inputs/placed.js';

const FIRST_FIELDS = ['ruleId', 'severity', 'reason', 'line', 'column', 'endLine', 'endColumn', 'actual', 'expected'] as const;
const LEFT_OUT = new Set<string>([...FIRST_FIELDS, 'start', 'end', 'url']);
const CHUNK = 1 << 20;

export function* jsonChunks(results: readonly FileResult[]): Generator<string> {
  let chunk = '[';
  for (let index = 0; index < results.length; index++) {
    const result = results[index];
    chunk += `${index > 0 ? ',' : ''}{"path":${JSON.stringify(result.path)},"messages":[`;
    for (let m = 0; m < result.messages.length; m++) {
      const message = result.messages[m];
      const out: Record<string, unknown> = {};
      for (const field of FIRST_FIELDS) out[field] = message[field];
      for (const [key, value] of Object.entries(message)) if (!LEFT_OUT.has(key) && value !== undefined) out[key] = value;
      chunk += (m > 0 ? ',' : '') + JSON.stringify(out);
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    chunk += ']' + (result.output !== undefined ? `,"output":${JSON.stringify(result.output)}` : '') + '}';
  }
  yield chunk + ']\n';
}

export function formatJson(results: readonly FileResult[]): string {
  return [...jsonChunks(results)].join('');
}
