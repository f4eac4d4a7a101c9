/**
 * Tokens made on one thread for rule threads that load no jieba: the thread with
 * jieba serves a port per rule thread (`serveTokens`); a rule thread asks through
 * its end (`TokenLine`) and goes on with other work until the tokens come back.
 */
import type { MessagePort } from 'node:worker_threads';
import { linterForSpec, type LinterSpec } from '../config/resolve.js';
import { packedBuffers, packInSteps, type PackedTokens } from '../engine/packed.js';
import { fromJobError, toJobError, type JobError } from './pool.js';

/** Texts tokenized per step: one step's token objects die young (measured on the bench corpus). */
const SEGMENT_STEP = 64;

interface TokenRequest {
  id: number;
  spec: LinterSpec;
  texts: string[];
}

type TokenResponse = { id: number; tokens: PackedTokens } | { id: number; error: JobError };

/** The tokens of `texts` by the spec's linter (its own words included), packed. */
export function segmentTexts(spec: LinterSpec, texts: readonly string[]): PackedTokens {
  const linter = linterForSpec(spec);
  return packInSteps(texts, (part) => linter.tokenizePacked(part), SEGMENT_STEP);
}

/** Answer every request on `port` with packed tokens, moved (not copied). */
export function serveTokens(port: MessagePort): void {
  port.on('message', ({ id, spec, texts }: TokenRequest) => {
    try {
      const tokens = segmentTexts(spec, texts);
      port.postMessage({ id, tokens } satisfies TokenResponse, packedBuffers(tokens));
    } catch (error) {
      port.postMessage({ id, error: toJobError(error) } satisfies TokenResponse);
    }
  });
}

/** A rule thread's end of the line: asks for tokens and is answered in any order. */
export class TokenLine {
  private readonly waiting = new Map<number, { resolve: (tokens: PackedTokens) => void; reject: (error: Error) => void }>();
  private next = 0;

  constructor(private readonly port: MessagePort) {
    port.on('message', (response: TokenResponse) => {
      const pending = this.waiting.get(response.id);
      this.waiting.delete(response.id);
      if ('error' in response) pending?.reject(fromJobError(response.error));
      else pending?.resolve(response.tokens);
    });
  }

  tokenize(spec: LinterSpec, texts: string[]): Promise<PackedTokens> {
    return new Promise((resolve, reject) => {
      const id = this.next++;
      this.waiting.set(id, { resolve, reject });
      this.port.postMessage({ id, spec, texts } satisfies TokenRequest);
    });
  }
}
