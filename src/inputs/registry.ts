/**
 * The one place that decides what an input is: a canned-reply library (YAML,
 * JSON, CSV, Markdown, plain text; a plain reply list is a text library), or a
 * transcript (JSON Lines, CSV, chat log). The extension decides where it can; a
 * CSV's header row and a .txt file's first line decide the rest.
 */
import { basename, extname } from 'node:path';
import { KefuLintError } from '../engine/errors.js';
import { readHead } from '../text/decode.js';
import { csvKind, unknownCsvHeader } from './columns.js';
import type { LibraryFormat } from './library/readers.js';
import { isChatLogLine } from './transcript/chatlog.js';
import type { TranscriptFormat } from './transcript/messages.js';

export type InputKind = { kind: 'library'; format: LibraryFormat } | { kind: 'transcript'; format: TranscriptFormat } | { kind: 'skip' };

/** Extensions looked for in folders. */
export const INPUT_EXTENSIONS = ['txt', 'yaml', 'yml', 'json', 'csv', 'md', 'jsonl', 'log'] as const;

export const STDIN = '-';
export const STDIN_NAME = '<stdin>';

/** Files in a folder that configure tools rather than hold replies. */
const NOT_INPUTS = /^(?:kefu-lint\.config\.(?:json|ya?ml)|package(?:-lock)?\.json|tsconfig(?:\..*)?\.json|\.?[\w.-]*rc\.json)$/;

const LIBRARY_EXTENSIONS: Record<string, LibraryFormat> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json', '.md': 'markdown', '.markdown': 'markdown', '.txt': 'text' };
const TRANSCRIPT_EXTENSIONS: Record<string, TranscriptFormat> = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.log': 'chatlog', '.csv': 'csv' };

function firstLine(head: string): string | undefined {
  return head.split(/\r?\n/).find((line) => line.trim() !== '')?.trim();
}

/**
 * The transcript format of a file: from its extension, or, given the start of the
 * text, from its first line (a JSON object, a chat-log line, or a CSV header
 * naming a role and a text column).
 */
export function transcriptFormat(file: string, head?: string): TranscriptFormat | undefined {
  if (head === undefined) return TRANSCRIPT_EXTENSIONS[extname(file).toLowerCase()];
  const first = firstLine(head);
  if (!first) return undefined;
  if (first.startsWith('{')) return 'jsonl';
  if (isChatLogLine(first)) return 'chatlog';
  return csvKind(first.split(',')) === 'transcript' ? 'csv' : undefined;
}

/** What an input is; `transcriptFormat` forces every input to be a transcript of that format. */
export function classifyInput(file: string, options: { transcriptFormat?: TranscriptFormat } = {}): InputKind {
  if (file !== STDIN && NOT_INPUTS.test(basename(file))) return { kind: 'skip' };
  if (options.transcriptFormat) return { kind: 'transcript', format: options.transcriptFormat };
  if (file === STDIN) return { kind: 'library', format: 'text' };
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') {
    const first = firstLine(readHead(file));
    if (first === undefined) return { kind: 'library', format: 'text' };
    const kind = csvKind(first.split(','));
    if (kind === 'transcript') return { kind, format: 'csv' };
    if (kind === 'library') return { kind, format: 'csv' };
    throw new KefuLintError('input', unknownCsvHeader(), { file, line: 1 });
  }
  const transcript = TRANSCRIPT_EXTENSIONS[ext];
  if (transcript) return { kind: 'transcript', format: transcript };
  if (ext === '.txt' && transcriptFormat(file, readHead(file)) === 'chatlog') return { kind: 'transcript', format: 'chatlog' };
  return { kind: 'library', format: LIBRARY_EXTENSIONS[ext] ?? 'text' };
}
