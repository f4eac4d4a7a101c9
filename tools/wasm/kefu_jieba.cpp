// cppjieba (the same sources nodejieba builds) compiled to WebAssembly for the
// browser build: the same MixSegment over the same dictionary files, so the
// browser segments exactly as the Node build does. Built by tools/wasm/build.sh.
#include <cstdint>
#include <string>
#include <vector>
#include "cppjieba/DictTrie.hpp"
#include "cppjieba/HMMModel.hpp"
#include "cppjieba/MixSegment.hpp"

static cppjieba::DictTrie* trie = nullptr;
static cppjieba::HMMModel* model = nullptr;
static cppjieba::MixSegment* segment = nullptr;
static std::vector<uint32_t> spans;

extern "C" {

// Load the dictionary, the HMM model and the user dictionary from files in the
// module's file system (as nodejieba's load does). Returns 1 when loaded.
int kefu_jieba_load(const char* dict, const char* hmm, const char* user) {
  delete segment;
  delete model;
  delete trie;
  trie = new cppjieba::DictTrie(dict, user);
  model = new cppjieba::HMMModel(hmm);
  segment = new cppjieba::MixSegment(trie, model);
  return 1;
}

// Cut UTF-8 text (with the HMM, as nodejieba's cut(text, true)). Returns the number
// of words; their code-point offsets and lengths are at kefu_jieba_spans(), two
// uint32 per word.
int kefu_jieba_cut(const char* text, int length) {
  spans.clear();
  if (segment == nullptr) return -1;
  std::vector<cppjieba::Word> words;
  segment->Cut(std::string(text, static_cast<size_t>(length)), words, true);
  spans.reserve(words.size() * 2);
  for (const cppjieba::Word& word : words) {
    spans.push_back(word.unicode_offset);
    spans.push_back(word.unicode_length);
  }
  return static_cast<int>(words.size());
}

const uint32_t* kefu_jieba_spans() { return spans.data(); }

}
