/**
 * Transcripts as CSV with a header row (column names in ../columns.ts): one
 * message per record; quoted cells may hold commas and line breaks.
 */
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { KefuLintError } from '../../engine/errors.js';
import { CSV_COLUMNS, findColumn } from '../columns.js';
import { toEvent, type ReaderEvent, type ReaderOptions } from './messages.js';

type Field = 'conversation' | 'role' | 'text' | 'time' | 'agent';

export async function* readCsv(chunks: AsyncIterable<string>, name: string, options: ReaderOptions): AsyncGenerator<ReaderEvent> {
  const parser = parseCsv({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  const source = Readable.from(chunks);
  // pipe() does not forward errors: a decoding error must end the parse.
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let columns: Record<Field, number> | undefined;
  let overcount = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // csv-parse gives the line a record ends on, and inside quoted cells it counts
      // \r and \n of a CRLF as two lines; count the line breaks of the cells instead.
      const breaks = lineBreaks(record);
      overcount += breaks.crlf;
      const line = info.lines - overcount - breaks.count;
      if (!columns) {
        columns = csvColumns(record, name, options.columns ?? {}, line);
        continue;
      }
      const cell = (field: Field) => (columns![field] >= 0 ? record[columns![field]] : undefined);
      if (record.length <= Math.max(columns.conversation, columns.role, columns.text)) {
        yield { type: 'problem', line, reason: `这一行只有 ${record.length} 列，缺少会话 id、角色或内容，已跳过。` };
        continue;
      }
      yield toEvent(line, { conversation: cell('conversation'), role: cell('role'), text: cell('text'), time: cell('time'), agent: cell('agent') }, options.timeZone);
    }
  } catch (error) {
    if (error instanceof KefuLintError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    const e = error as Error & { lines?: number };
    yield { type: 'problem', line: e.lines !== undefined ? Math.max(1, e.lines - overcount) : 0, reason: `CSV 格式错误（${e.message}），从这里到文件末尾无法读取。请检查引号是否成对。` };
  }
}

/** Line breaks inside a record's cells (CRLF, CR or LF each count once), and how many were CRLF. */
function lineBreaks(record: readonly string[]): { count: number; crlf: number } {
  let count = 0;
  let crlf = 0;
  for (const cell of record) {
    if (!cell.includes('\n') && !cell.includes('\r')) continue;
    for (const match of cell.matchAll(/\r\n|\r|\n/g)) {
      count++;
      if (match[0].length === 2) crlf++;
    }
  }
  return { count, crlf };
}

function csvColumns(header: string[], name: string, overrides: Partial<Record<Field, string>>, line: number): Record<Field, number> {
  const find = (field: Field) => findColumn(header, field, overrides[field]);
  const columns = { conversation: find('conversation'), role: find('role'), text: find('text'), time: find('time'), agent: find('agent') };
  const missing = (['conversation', 'role', 'text'] as const).filter((field) => columns[field] < 0);
  if (missing.length > 0) {
    const names = missing.map((field) => `${field}（可用列名：${(overrides[field] ? [overrides[field]] : CSV_COLUMNS[field]).join('、')}）`);
    throw new KefuLintError('input', `CSV 表头缺少必需的列：${names.join('；')}。这不是会话记录，或请在第一行写上表头。`, { file: name, line });
  }
  return columns;
}
