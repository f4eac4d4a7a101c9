/**
 * A large plain UTF-8 file line by line, read a megabyte at a time, so a reply
 * list of any size is never held whole: first a pass that says whether the file
 * can be read so (`isPlainUtf8`), then the lines (`fileLines`).
 */
import { closeSync, openSync, readSync } from 'node:fs';

const READ_BYTES = 1 << 20;
const BOM = [0xef, 0xbb, 0xbf];

/** Each `READ_BYTES` of the file in turn, in one reused buffer (valid until the next one is read). */
function* fileChunks(file: string): Generator<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    const buffer = new Uint8Array(READ_BYTES);
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) yield buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Is the file UTF-8 (with at most one byte order mark) with no NUL byte and without
 * `marker` anywhere? Anything else goes the way of a whole read, which says what is wrong.
 */
export function isPlainUtf8(file: string, marker: string): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const needle = Buffer.from(marker);
  let carry = new Uint8Array(0);
  let first = true;
  try {
    for (const chunk of fileChunks(file)) {
      if (first) {
        first = false;
        const start = chunk[0] === BOM[0] && chunk[1] === BOM[1] && chunk[2] === BOM[2] ? 3 : 0;
        // Two marks, or UTF-16: not plain.
        if ((start === 3 && chunk[3] === BOM[0] && chunk[4] === BOM[1]) || (chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) return false;
      }
      if (chunk.includes(0)) return false;
      decoder.decode(chunk, { stream: true });
      // The marker may straddle two reads.
      const seam = Buffer.concat([carry, chunk.subarray(0, needle.length)]);
      if (seam.includes(needle) || Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).includes(needle)) return false;
      carry = chunk.slice(Math.max(0, chunk.length - needle.length));
    }
    decoder.decode();
  } catch {
    return false;
  }
  return true;
}

/**
 * The file's lines, decoded, without their \n (a \r before it stays, as
 * `text.split('\n')` leaves it), the byte order mark dropped; the last line is
 * whatever follows the last \n, even if empty. Call only when `isPlainUtf8` said yes.
 */
export function* fileLines(file: string): Generator<string> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  let rest = '';
  for (const chunk of fileChunks(file)) {
    const text = rest + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      yield text.slice(start, end);
      start = end + 1;
    }
    rest = text.slice(start);
  }
  yield rest + decoder.decode();
}
