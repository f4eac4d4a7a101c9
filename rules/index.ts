/** The built-in rules, in the order they are documented and run. */
import type { Rule } from '../src/engine/rule.js';
import noNegativePhrasing from './no-negative-phrasing.js';
import courtesyRequired from './courtesy-required.js';
import noFirstPersonOveruse from './no-first-person-overuse.js';
import noJargon from './no-jargon.js';
import noUnfulfillablePromise from './no-unfulfillable-promise.js';
import greetingRequired from './greeting-required.js';
import farewellRequired from './farewell-required.js';
import responseTime from './response-time.js';
import empathyRequired from './empathy-required.js';
import noRepeatedReply from './no-repeated-reply.js';
import noBuckPassing from './no-buck-passing.js';
import noBlaming from './no-blaming.js';
import preferHonorific from './prefer-honorific.js';
import noSlang from './no-slang.js';
import noShouting from './no-shouting.js';
import noVagueAnswer from './no-vague-answer.js';
import noPrivacyLeak from './no-privacy-leak.js';
import noAbsoluteClaims from './no-absolute-claims.js';
import noRapidFireQuestions from './no-rapid-fire-questions.js';
import noForbiddenWords from './no-forbidden-words.js';
import maxReplyLength from './max-reply-length.js';

export const builtinRules: readonly Rule<any>[] = [
  // Reply rules, in the order of the domain description.
  noNegativePhrasing,
  courtesyRequired,
  noFirstPersonOveruse,
  noJargon,
  noUnfulfillablePromise,
  noBuckPassing,
  noBlaming,
  preferHonorific,
  noSlang,
  noShouting,
  noVagueAnswer,
  noPrivacyLeak,
  noAbsoluteClaims,
  noRapidFireQuestions,
  noForbiddenWords,
  maxReplyLength,
  // Conversation rules: they need the turns before the reply.
  greetingRequired,
  farewellRequired,
  responseTime,
  empathyRequired,
  noRepeatedReply,
];
