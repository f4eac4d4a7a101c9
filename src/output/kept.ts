/**
 * Findings for the per-file formats (json, stylish, github), kept as their JSON
 * text in a temporary file instead of as objects: a finding object costs about
 * 2.6 KB of heap, so a transcript or reply list with millions of findings would
 * not fit in memory (nor its stylish text in one string), while its text here
 * costs the disk and 24 bytes of keys. A transcript's findings come in the order
 * its conversations were linted and are read back in line order (then column,
 * then message), as the report orders them; a reply file's are read back as they
 * came, or by place. Without a usable temporary directory the text is kept in
 * memory instead.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KefuLintError } from '../engine/errors.js';
import type { FileFinding } from '../inputs/placed.js';
import { messageJson } from './json.js';

/** A finding as it is read back: the JSON output's fields (no offsets, link or fix). */
export type KeptFinding = Omit<FileFinding, 'start' | 'end' | 'url' | 'fix'>;

/** Bytes gathered before a write to the file, and read back at most at a time. */
const BLOCK = 1 << 20;

/** Where the findings' text lives: appended in order, read back by byte range. */
interface TextStore {
  /** Append `text`; returns where it ends (where the next piece starts). */
  append(text: string): number;
  /** The pieces in [start, end), joined by commas. */
  read(start: number, end: number): string;
  dispose(): void;
}

/** Sort keys of one file's findings, in the order they came, in growing typed arrays. */
class Keys {
  size = 0;
  line = new Int32Array(256);
  column = new Int32Array(256);
  message = new Int32Array(256);
  start = new Float64Array(256);
  end = new Float64Array(256);

  /** `arrival`: read back in the order they came (a reply file's, for json and github). */
  constructor(private readonly arrival: boolean) {}

  push(line: number, column: number, message: number, start: number, end: number): void {
    if (this.size === this.line.length) this.grow();
    const at = this.size++;
    this.line[at] = line;
    this.column[at] = column;
    this.message[at] = message;
    this.start[at] = start;
    this.end[at] = end;
  }

  /** Indices in line, column, message order; equal keys keep the order they came in. */
  order(): Uint32Array {
    const order = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i++) order[i] = i;
    if (this.arrival) return order;
    let sorted = true;
    for (let i = 1; i < this.size && sorted; i++) sorted = this.compare(i - 1, i) <= 0;
    return sorted ? order : order.sort((a, b) => this.compare(a, b) || a - b);
  }

  private compare(a: number, b: number): number {
    return this.line[a] - this.line[b] || this.column[a] - this.column[b] || this.message[a] - this.message[b];
  }

  private grow(): void {
    const size = this.line.length * 2;
    const grown = <T extends Int32Array | Float64Array>(from: T): T => {
      const to = new (from.constructor as new (length: number) => T)(size);
      to.set(from);
      return to;
    };
    this.line = grown(this.line);
    this.column = grown(this.column);
    this.message = grown(this.message);
    this.start = grown(this.start);
    this.end = grown(this.end);
  }
}

export class KeptFindings {
  private readonly store: TextStore;
  private stored = 0;
  private readonly files = new Map<string, Keys>();

  /**
   * `keep`: which findings are shown (--quiet shows errors only). `at`: the file to
   * keep them in instead of a new one in the temporary directory.
   */
  constructor(
    private readonly keep: (finding: FileFinding) => boolean = () => true,
    at?: string,
  ) {
    this.store = openTextStore(at);
  }

  /**
   * Add findings of `file`, in any order. `order`: how they are read back, by
   * place (line, column, message) or in the order they came (set by the first call for a file).
   */
  add(file: string, findings: readonly FileFinding[], order: 'line' | 'arrival' = 'line'): void {
    let keys = this.files.get(file);
    if (!keys) this.files.set(file, (keys = new Keys(order === 'arrival')));
    for (const finding of findings) {
      if (!this.keep(finding)) continue;
      const start = this.stored;
      this.stored = this.store.append(messageJson(finding));
      keys.push(finding.line, finding.column, finding.messageIndex ?? 0, start, this.stored);
    }
  }

  /** Were findings of `file` given here (even if none was kept)? */
  has(file: string): boolean {
    return this.files.has(file);
  }

  /**
   * The findings of `file` as JSON, in order: each piece one or more findings
   * joined by commas (findings that follow each other in the store are read together).
   */
  *json(file: string): Generator<string> {
    const keys = this.files.get(file);
    if (!keys) return;
    const order = keys.order();
    for (let i = 0; i < order.length; ) {
      const start = keys.start[order[i]];
      let end = keys.end[order[i++]];
      while (i < order.length && keys.start[order[i]] === end && keys.end[order[i]] - start <= BLOCK) end = keys.end[order[i++]];
      yield this.store.read(start, end);
    }
  }

  /** The findings of `file`, in order, read back from their JSON. */
  *findings(file: string): Generator<KeptFinding> {
    for (const piece of this.json(file)) yield* JSON.parse(`[${piece}]`) as KeptFinding[];
  }

  /** Remove the temporary file. */
  dispose(): void {
    this.store.dispose();
  }
}

function openTextStore(at: string | undefined): TextStore {
  let dir: string | undefined;
  try {
    if (!at) dir = mkdtempSync(join(tmpdir(), 'kefu-lint-'));
    const path = at ?? join(dir!, 'findings.json');
    return fileStore(path, openSync(path, 'w+'), dir);
  } catch {
    if (dir) rmSync(dir, { recursive: true, force: true });
    return memoryStore();
  }
}

/**
 * Each piece is stored with a comma after it, so a range of pieces read back is
 * already the JSON list they make (the last comma is dropped). `dir`: made for
 * the file, removed with it.
 */
function fileStore(path: string, fd: number, dir: string | undefined): TextStore {
  let block = Buffer.allocUnsafe(BLOCK);
  let used = 0;
  let written = 0;
  const failed = (error: unknown, doing: string) =>
    new KefuLintError(
      'usage',
      `无法${doing}存放逐条问题的临时文件（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）。请确认临时目录有足够的空间且可写（可用环境变量 TMPDIR 换一个目录），或改用 -f summary / -f html（只保留汇总）。`,
      { file: path },
    );
  const flush = () => {
    try {
      for (let done = 0; done < used; ) done += writeSync(fd, block, done, used - done, written + done);
    } catch (error) {
      throw failed(error, '写入');
    }
    written += used;
    used = 0;
  };
  // The open file is read and written through `fd` only: where the system allows it
  // (not Windows), its name is removed at once, so nothing is left behind even when
  // the run is killed (Ctrl-C) before it ends; otherwise it is removed when the run ends.
  if (dir) {
    try {
      unlinkSync(path);
      rmdirSync(dir);
      dir = undefined;
    } catch {
      // Removed at the end instead.
    }
  }
  const cleanUp = () => {
    try {
      closeSync(fd);
    } catch {
      // Already closed.
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  return {
    append(text) {
      const bytes = Buffer.byteLength(text) + 1;
      if (used + bytes > block.length) {
        flush();
        if (bytes > block.length) block = Buffer.allocUnsafe(bytes);
      }
      used += block.write(text, used);
      block[used++] = 0x2c;
      return written + used;
    },
    read(start, end) {
      flush();
      const length = end - start;
      const bytes = Buffer.allocUnsafe(length);
      for (let got = 0; got < length; ) {
        let n: number;
        try {
          n = readSync(fd, bytes, got, length - got, start + got);
        } catch (error) {
          throw failed(error, '读取');
        }
        if (n === 0) throw failed(new Error(`只读到 ${got} 字节，应有 ${length} 字节`), '读取');
        got += n;
      }
      // Without the comma after the last piece.
      return bytes.toString('utf8', 0, length - 1);
    },
    dispose() {
      process.removeListener('exit', cleanUp);
      cleanUp();
    },
  };
}

/** The same, in memory: the text of each piece by where it starts. */
function memoryStore(): TextStore {
  const pieces = new Map<number, string>();
  let size = 0;
  return {
    append(text) {
      pieces.set(size, text);
      size += Buffer.byteLength(text) + 1;
      return size;
    },
    read(start, end) {
      const out: string[] = [];
      for (let at = start; at < end; ) {
        const text = pieces.get(at)!;
        out.push(text);
        at += Buffer.byteLength(text) + 1;
      }
      return out.join(',');
    },
    dispose() {
      pieces.clear();
    },
  };
}
