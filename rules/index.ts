/** The built-in rules, in the order they are documented and run. */
import type { Rule } from '../src/rule.js';
import noNegativePhrasing from './no-negative-phrasing.js';
import courtesyRequired from './courtesy-required.js';
import noFirstPersonOveruse from './no-first-person-overuse.js';
import noJargon from './no-jargon.js';
import noUnfulfillablePromise from './no-unfulfillable-promise.js';

export const builtinRules: readonly Rule<any>[] = [
  noNegativePhrasing,
  courtesyRequired,
  noFirstPersonOveruse,
  noJargon,
  noUnfulfillablePromise,
];
