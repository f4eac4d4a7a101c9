/**
 * GitHub Actions workflow commands: one annotation per finding, shown on the
 * changed lines of a pull request.
 * `::warning file=a.yaml,line=3,col=5,endLine=3,endColumn=7,title=no-jargon::…`
 */
import type { FileResult } from '../inputs/placed.js';
import type { KeptFinding } from './kept.js';
import { shownReason } from './text.js';

const COMMANDS = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Message text: `%`, CR and LF would end or corrupt the command. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values: additionally `:` and `,`, which separate properties. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(results: readonly FileResult[]): string {
  return [...githubChunks(results)].join('');
}

/** Output gathered before it is handed on (characters). */
const CHUNK = 1 << 20;

/** The annotations in pieces of about a megabyte; `kept`: the findings a result keeps outside its messages (see KeptFindings). */
export function* githubChunks(results: readonly FileResult[], kept?: (result: FileResult) => Iterable<KeptFinding> | undefined): Generator<string> {
  let out = '';
  for (const result of results) {
    for (const message of kept?.(result) ?? result.messages) {
      const properties = [
        `file=${escapeProperty(result.path)}`,
        `line=${message.line}`,
        `col=${message.column}`,
        `endLine=${message.endLine}`,
        `endColumn=${message.endColumn}`,
        `title=${escapeProperty(`kefu-lint(${message.ruleId})`)}`,
      ].join(',');
      out += `::${COMMANDS[message.severity]} ${properties}::${escapeData(shownReason(message))}\n`;
      if (out.length >= CHUNK) {
        yield out;
        out = '';
      }
    }
  }
  if (out.length > 0) yield out;
}
