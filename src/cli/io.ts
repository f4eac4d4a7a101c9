/** Where the command line writes and reads: the process's streams, or a test's buffers. */
import type { Readable } from 'node:stream';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Where `-` reads from. */
  stdin?: Readable;
  /** Whether stdout is a terminal (colours are used only there). */
  tty?: boolean;
}
