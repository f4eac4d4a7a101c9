#!/bin/sh
# Rebuild src/browser/wasm/cppjieba.mjs: cppjieba from nodejieba's own sources
# (node_modules/nodejieba/submodules/cppjieba), compiled with Emscripten
# (Debian: apt-get install -y emscripten). The output is committed, so installing
# and testing kefu-lint never needs Emscripten; run this after upgrading nodejieba.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
jieba="$root/node_modules/nodejieba/submodules/cppjieba"
out="$root/src/browser/wasm"
mkdir -p "$out"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
em++ -O3 -std=c++14 -fexceptions \
  -DLOGGING_LEVEL=LL_WARNING \
  -I"$jieba/include" -I"$jieba/deps/limonp/include" \
  "$root/tools/wasm/kefu_jieba.cpp" \
  -s MODULARIZE=1 -s EXPORT_ES6=1 -s EXPORT_NAME=createCppjieba \
  -s SINGLE_FILE=1 -s ENVIRONMENT=web,worker \
  -s ALLOW_MEMORY_GROWTH=1 -s FORCE_FILESYSTEM=1 \
  -s EXPORTED_FUNCTIONS=_kefu_jieba_load,_kefu_jieba_cut,_kefu_jieba_spans,_malloc,_free \
  -s EXPORTED_RUNTIME_METHODS=FS,HEAPU8,HEAPU32,stringToUTF8,lengthBytesUTF8 \
  -o "$out/cppjieba.mjs"
echo "wrote $out/cppjieba.mjs ($(wc -c < "$out/cppjieba.mjs") bytes)"
