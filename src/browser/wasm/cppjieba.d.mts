/** The Emscripten module built by tools/wasm/build.sh from cppjieba (see tools/wasm/kefu_jieba.cpp). */
export interface CppjiebaModule {
  FS: { writeFile(path: string, data: string | Uint8Array): void; unlink(path: string): void };
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  lengthBytesUTF8(text: string): number;
  stringToUTF8(text: string, pointer: number, maxBytes: number): number;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  _kefu_jieba_load(dict: number, hmm: number, user: number): number;
  _kefu_jieba_cut(text: number, length: number): number;
  _kefu_jieba_spans(): number;
}

export default function createCppjieba(options?: Record<string, unknown>): Promise<CppjiebaModule>;
