/**
 * Build step: write jieba's dictionary in compact form next to the compiled code
 * (see jieba.ts), and the shipped phrase lists parsed and checked (see dictionaries.ts).
 */
import { writeDictionaryCache } from './dictionaries.js';
import { COMPACT_DICTIONARY, DICTIONARY_CACHE } from './paths.js';
import { buildCompactDictionary } from './jieba.js';

buildCompactDictionary(COMPACT_DICTIONARY);
writeDictionaryCache(DICTIONARY_CACHE);
