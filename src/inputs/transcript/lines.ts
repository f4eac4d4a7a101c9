/** Text chunks into lines, for the line-oriented transcript readers. */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';

export async function* lines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  const input = Readable.from(chunks);
  const reader = createInterface({ input, crlfDelay: Infinity });
  try {
    yield* reader;
  } finally {
    // Stopping early (a file that is not a transcript) closes the source under
    // a pending read; that late error has no one left to tell.
    input.on('error', () => {});
    reader.close();
    input.destroy();
  }
}
