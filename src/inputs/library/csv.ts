/**
 * Canned replies in CSV: one reply per row, from the text column (see
 * ../columns.ts); an optional title and tags column. Every character of a cell
 * keeps its place in the file, so findings and fixes land exactly.
 */
import { KefuLintError } from '../../engine/errors.js';
import { PositionMap } from '../../engine/tree.js';
import { CSV_COLUMNS, findColumn } from '../columns.js';
import type { CannedLibrary, CannedReply } from './source.js';

interface CsvCell {
  value: string;
  /** File offset of each character of `value`, plus the end. */
  map: number[];
  line: number;
  column: number;
}

/**
 * A CSV scanner that keeps each cell's character offsets (csv-parse reports
 * records and byte counts, not the place of every character in a cell).
 * RFC 4180: quoted cells may hold commas, "" and line breaks.
 */
export function scanCsv(text: string): CsvCell[][] {
  const rows: CsvCell[][] = [];
  let row: CsvCell[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const atRowEnd = () => i >= text.length || text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n');
  while (i <= text.length) {
    const cellLine = line;
    const cellColumn = i - lineStart + 1;
    let value = '';
    const map: number[] = [];
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) break;
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            map.push(i);
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (text[i] === '\n') {
          line++;
          lineStart = i + 1;
        }
        map.push(i);
        value += text[i++];
      }
      // Anything between the closing quote and the separator is kept, as csv-parse's relax mode would.
      while (i < text.length && text[i] !== ',' && !atRowEnd()) {
        map.push(i);
        value += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && !atRowEnd()) {
        map.push(i);
        value += text[i++];
      }
    }
    map.push(map.length > 0 ? map[map.length - 1] + 1 : i);
    row.push({ value, map, line: cellLine, column: cellColumn });
    if (text[i] === ',') {
      i++;
      continue;
    }
    rows.push(row);
    row = [];
    if (i >= text.length) break;
    i += text[i] === '\r' ? 2 : 1;
    line++;
    lineStart = i;
    if (i >= text.length) break;
  }
  return rows.filter((cells) => !(cells.length === 1 && cells[0].value.trim() === ''));
}

export function readCsvLibrary(text: string, file: string): CannedLibrary {
  const rows = scanCsv(text);
  const header = (rows[0] ?? []).map((cell) => cell.value);
  const textColumn = findColumn(header, 'text');
  if (textColumn < 0) {
    throw new KefuLintError('input', `CSV 表头里没有话术列。请把话术所在的列命名为 ${CSV_COLUMNS.text.join('、')} 之一。`, { file, line: 1 });
  }
  const titleColumn = findColumn(header, 'title');
  const tagColumn = findColumn(header, 'tags');
  const replies: CannedReply[] = [];
  const positions = new PositionMap(text);
  for (const row of rows.slice(1)) {
    const cell = row[textColumn];
    if (!cell || cell.value.trim() === '') continue;
    const start = positions.point(cell.map[0]);
    const reply: CannedReply = {
      text: cell.value,
      line: start.line,
      column: start.column,
      offset: cell.map[0],
      sourceOffsets: cell.map,
      anchorLines: [row[0].line],
    };
    if (titleColumn >= 0 && row[titleColumn]?.value) reply.title = row[titleColumn].value;
    if (tagColumn >= 0 && row[tagColumn]?.value) reply.tags = row[tagColumn].value.split(/[,，;；|]/).map((t) => t.trim()).filter(Boolean);
    replies.push(reply);
  }
  return { replies, disables: [] };
}
