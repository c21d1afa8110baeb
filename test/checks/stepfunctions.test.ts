import { describe, it } from 'vitest';
import { runCase } from './cases.js';
import { stepfunctionsCases } from './stepfunctions.cases.js';

describe('Step Functions checks', () => {
  for (const [id, cases] of Object.entries(stepfunctionsCases)) {
    describe(id, () => {
      for (const c of cases) it(`${c.expect.status}: ${c.name}`, () => void runCase(id, c));
    });
  }
});
