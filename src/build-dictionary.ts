/** Build step: write jieba's dictionary in compact form next to the compiled code (see jieba.ts). */
import { COMPACT_DICTIONARY } from './paths.js';
import { buildCompactDictionary } from './jieba.js';

buildCompactDictionary(COMPACT_DICTIONARY);
