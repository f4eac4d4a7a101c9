/**
 * Large plain-text reply lists read a megabyte at a time: which files may be read
 * so, and their lines exactly as a whole read splits them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileLines, isPlainUtf8 } from '../../src/text/lines.js';
import { decodeInput } from '../../src/text/read.js';

const MB = 1 << 20;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-lines-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** Chinese lines, CRLF and blank lines, running past the 1 MB reads so characters and \r\n are cut there. */
function longText(): string {
  const lines: string[] = [];
  for (let i = 0, bytes = 0; bytes < 2.5 * MB; i++) {
    const line = i % 7 === 0 ? '' : `第${i}条：您好，亲，这个我们做不到😊${'哦'.repeat(i % 13)}${i % 5 === 0 ? '\r' : ''}`;
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
  }
  return lines.join('\n');
}

describe('reading a reply list a megabyte at a time', () => {
  it('gives the lines a whole read splits, byte order mark dropped, characters cut by the reads kept whole', () => {
    const text = longText();
    for (const [name, bytes] of [
      ['plain.txt', Buffer.from(text)],
      ['bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text + '\n')])],
    ] as const) {
      const file = write(name, bytes);
      expect(isPlainUtf8(file, 'kefu-lint-disable')).toBe(true);
      expect([...fileLines(file)], name).toEqual(decodeInput(bytes, file).text.split('\n'));
    }
  });

  it('is not used for what a whole read must judge: other encodings, NUL bytes, bad UTF-8, two byte order marks, disable comments', () => {
    const text = longText();
    const cases: [string, Buffer][] = [
      ['utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['nul.txt', Buffer.concat([Buffer.from(text), Buffer.from([0]), Buffer.from('好的')])],
      ['bad.txt', Buffer.concat([Buffer.from(text), Buffer.from([0xe4, 0xbd]), Buffer.from('\n好的')])],
      ['two-boms.txt', Buffer.from('\ufeff\ufeff' + text)],
    ];
    // A disable comment cut in two by the first read.
    const head = Buffer.from(text).subarray(0, MB - 5);
    cases.push(['disable.txt', Buffer.concat([head, Buffer.from('\n# kefu-lint-disable-next-line\n这个不行\n')])]);
    for (const [name, bytes] of cases) expect(isPlainUtf8(write(name, bytes), 'kefu-lint-disable'), name).toBe(false);
  });
});
