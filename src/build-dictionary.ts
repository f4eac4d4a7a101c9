/** Build step: write jieba's dictionary in compact form next to the compiled code (see tokenizer.ts). */
import { COMPACT_DICTIONARY } from './paths.js';
import { buildCompactDictionary } from './tokenizer.js';

buildCompactDictionary(COMPACT_DICTIONARY);
