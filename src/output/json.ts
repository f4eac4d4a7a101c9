/**
 * `--format json`: one entry per file with its findings; fields in a fixed order,
 * offsets and links left out. Made in chunks of about a megabyte, so a run with a
 * million findings never holds its whole output as one string; `JsonStream`
 * writes it while the files are still being linted.
 */
import type { FileFinding, FileResult, ResultSink } from '../inputs/placed.js';

const FIRST_FIELDS = ['ruleId', 'severity', 'reason', 'line', 'column', 'endLine', 'endColumn', 'actual', 'expected'] as const;
const LEFT_OUT = new Set<string>([...FIRST_FIELDS, 'start', 'end', 'url']);
const CHUNK = 1 << 20;

function messageJson(message: FileFinding): string {
  const out: Record<string, unknown> = {};
  for (const field of FIRST_FIELDS) out[field] = message[field];
  for (const [key, value] of Object.entries(message)) if (!LEFT_OUT.has(key) && value !== undefined) out[key] = value;
  return JSON.stringify(out);
}

/** The JSON output written as results come: files in order, each file's findings in order, in pieces. */
export class JsonStream implements ResultSink {
  private chunk = '[';
  private files = 0;
  private messages = 0;

  constructor(private readonly write: (text: string) => void) {}

  open(path: string): void {
    this.chunk += `${this.files++ > 0 ? ',' : ''}{"path":${JSON.stringify(path)},"messages":[`;
    this.messages = 0;
  }

  add(messages: readonly FileFinding[]): void {
    for (const message of messages) {
      this.chunk += (this.messages++ > 0 ? ',' : '') + messageJson(message);
      if (this.chunk.length >= CHUNK) this.flush();
    }
  }

  close(output?: string): void {
    this.chunk += ']' + (output !== undefined ? `,"output":${JSON.stringify(output)}` : '') + '}';
  }

  /** Close the list and write what is left. */
  end(): void {
    this.chunk += ']\n';
    this.flush();
  }

  private flush(): void {
    if (this.chunk.length > 0) this.write(this.chunk);
    this.chunk = '';
  }
}

export function* jsonChunks(results: readonly FileResult[]): Generator<string> {
  const chunks: string[] = [];
  const stream = new JsonStream((chunk) => chunks.push(chunk));
  for (const result of results) {
    stream.open(result.path);
    stream.add(result.messages);
    stream.close(result.output);
    yield* chunks.splice(0);
  }
  stream.end();
  yield* chunks;
}

export function formatJson(results: readonly FileResult[]): string {
  return [...jsonChunks(results)].join('');
}
