/**
 * jieba in WebAssembly behind the engine's `Tokenizer`: cppjieba, the very C++
 * code nodejieba compiles, built with Emscripten (tools/wasm/build.sh), loaded
 * with the same compact dictionary, HMM model and user words. It segments exactly
 * as the Node build does (a test compares them on every example and eval corpus).
 */
import { cutInChunks, piecesToTokens, type Tokenizer } from '../engine/tokens.js';
import createCppjieba, { type CppjiebaModule } from './wasm/cppjieba.mjs';

/** What jieba loads: file contents, as the Node build writes them for nodejieba. */
export interface JiebaData {
  /** The compact dictionary (dist/jieba.dict.utf8). */
  dictionary: string;
  /** cppjieba's HMM model (hmm_model.utf8). */
  hmmModel: string;
  /** The user dictionary, one word per line as nodejieba is given it. */
  userDictionary: string;
}

function withString<T>(module: CppjiebaModule, text: string, use: (pointer: number, bytes: number) => T): T {
  const bytes = module.lengthBytesUTF8(text);
  const pointer = module._malloc(bytes + 1);
  try {
    module.stringToUTF8(text, pointer, bytes + 1);
    return use(pointer, bytes);
  } finally {
    module._free(pointer);
  }
}

/** The words cppjieba cut `text` into, as strings (code-point spans turned into UTF-16 slices). */
function cut(module: CppjiebaModule, text: string): string[] {
  const count = withString(module, text, (pointer, bytes) => module._kefu_jieba_cut(pointer, bytes));
  const spans = module._kefu_jieba_spans() >> 2;
  const heap = module.HEAPU32;
  const pieces: string[] = new Array(Math.max(count, 0));
  // Walk the text once, code point by code point, to turn code-point offsets into UTF-16 ones.
  let codePoint = 0;
  let unit = 0;
  const advance = (to: number) => {
    while (codePoint < to && unit < text.length) {
      const code = text.charCodeAt(unit);
      unit += code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length ? 2 : 1;
      codePoint++;
    }
  };
  for (let i = 0; i < count; i++) {
    advance(heap[spans + 2 * i]);
    const start = unit;
    advance(heap[spans + 2 * i] + heap[spans + 2 * i + 1]);
    pieces[i] = text.slice(start, unit);
  }
  return pieces;
}

export async function createWasmTokenizer(data: JiebaData): Promise<Tokenizer> {
  const module = await createCppjieba();
  module.FS.writeFile('/jieba.dict.utf8', data.dictionary);
  module.FS.writeFile('/hmm_model.utf8', data.hmmModel);
  module.FS.writeFile('/user.dict.utf8', data.userDictionary);
  const loaded = withString(module, '/jieba.dict.utf8', (dict) =>
    withString(module, '/hmm_model.utf8', (hmm) => withString(module, '/user.dict.utf8', (user) => module._kefu_jieba_load(dict, hmm, user))),
  );
  if (loaded !== 1) throw new Error('kefu-lint: jieba (WebAssembly) could not load its dictionary');
  // The dictionary now lives in the module's memory; the file copies are not needed.
  for (const file of ['/jieba.dict.utf8', '/hmm_model.utf8', '/user.dict.utf8']) module.FS.unlink(file);
  return {
    tokenize(text) {
      const clean = text.isWellFormed() ? text : text.toWellFormed();
      return piecesToTokens(clean, cutInChunks(clean, (piece) => cut(module, piece)));
    },
  };
}
