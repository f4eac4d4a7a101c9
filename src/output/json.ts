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
/** Output kept between two batches at most (characters). */
const HELD_MAX = 1 << 16;

/** JSON of short strings that recur in every run (rule ids, reasons, phrases), made once each. */
const quoted = new Map<string, string>();
const QUOTED_MAX = 4096;
const QUOTED_LENGTH = 200;

function quote(value: string): string {
  if (value.length > QUOTED_LENGTH) return JSON.stringify(value);
  let json = quoted.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    if (quoted.size < QUOTED_MAX) quoted.set(value, json);
  }
  return json;
}

/**
 * One finding as JSON: the first fields in their order, then the rest in the
 * finding's own order; undefined values left out (as JSON.stringify leaves them).
 * Written field by field: no copy of the finding is made.
 */
export function messageJson(message: FileFinding): string {
  let json = '';
  const field = (key: string, value: unknown) => {
    const text = typeof value === 'string' ? quote(value) : (JSON.stringify(value) as string | undefined);
    if (text !== undefined) json += `${json.length === 0 ? '{' : ','}${quote(key)}:${text}`;
  };
  for (const key of FIRST_FIELDS) field(key, message[key]);
  for (const key in message) if (!LEFT_OUT.has(key)) field(key, message[key as keyof FileFinding]);
  return json.length === 0 ? '{}' : json + '}';
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
    // Written before the next batch is awaited: a chunk kept across batches outlives the
    // young generation, and a megabyte of it per chunk piled up as old garbage (40 MB).
    if (this.chunk.length >= HELD_MAX) this.flush();
  }

  /** Findings already written as JSON: one or more of them, joined by commas (see KeptFindings). */
  addJson(piece: string): void {
    this.chunk += (this.messages++ > 0 ? ',' : '') + piece;
    if (this.chunk.length >= CHUNK) this.flush();
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

/** `kept`: where a result's findings are kept as JSON instead of in its messages (see KeptFindings). */
export function* jsonChunks(results: readonly FileResult[], kept?: (result: FileResult) => Iterable<string> | undefined): Generator<string> {
  const chunks: string[] = [];
  const stream = new JsonStream((chunk) => chunks.push(chunk));
  for (const result of results) {
    stream.open(result.path);
    stream.add(result.messages);
    for (const piece of kept?.(result) ?? []) {
      stream.addJson(piece);
      yield* chunks.splice(0);
    }
    stream.close(result.output);
    yield* chunks.splice(0);
  }
  stream.end();
  yield* chunks;
}

export function formatJson(results: readonly FileResult[]): string {
  return [...jsonChunks(results)].join('');
}
