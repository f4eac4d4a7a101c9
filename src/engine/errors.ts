/**
 * Errors a user can see. Every message says what happened, where, and what to do;
 * the CLI prints `message` as one line and exits with status 2.
 */
export type ErrorCode =
  | 'dictionary'
  | 'config'
  | 'options'
  | 'input'
  | 'usage'
  | 'tokenizer';

export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
}

export class KefuLintError extends Error {
  override readonly name = 'KefuLintError';
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(code: ErrorCode, message: string, location: ErrorLocation = {}) {
    super(withLocation(message, location));
    this.code = code;
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
  }
}

function withLocation(message: string, location: ErrorLocation): string {
  if (!location.file) return message;
  let where = location.file;
  if (location.line !== undefined) where += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) where += `:${location.column}`;
  return `${where}: ${message}`;
}

export function isKefuLintError(error: unknown): error is KefuLintError {
  return error instanceof KefuLintError;
}
