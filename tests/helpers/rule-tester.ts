/** The project's rule tests run on the exported RuleTester, under vitest. */
import { describe, it } from 'vitest';
import { RuleTester, type InvalidCase, type ValidCase } from '../../src/testing.js';

export { onlyRule } from '../../src/testing.js';

RuleTester.describe = describe;
RuleTester.it = it;

export function testRule(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  new RuleTester().run(ruleId, cases);
}
