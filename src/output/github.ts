/**
 * GitHub Actions workflow commands: one annotation per finding, shown on the
 * changed lines of a pull request.
 * `::warning file=a.yaml,line=3,col=5,endLine=3,endColumn=7,title=no-jargon::…`
 */
import type { FileResult } from '../inputs/placed.js';
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
  let out = '';
  for (const result of results) {
    for (const message of result.messages) {
      const properties = [
        `file=${escapeProperty(result.path)}`,
        `line=${message.line}`,
        `col=${message.column}`,
        `endLine=${message.endLine}`,
        `endColumn=${message.endColumn}`,
        `title=${escapeProperty(`kefu-lint(${message.ruleId})`)}`,
      ].join(',');
      out += `::${COMMANDS[message.severity]} ${properties}::${escapeData(shownReason(message))}\n`;
    }
  }
  return out;
}
