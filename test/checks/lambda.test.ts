import { describe, it } from 'vitest';
import { runCase } from './cases.js';
import { lambdaCases } from './lambda.cases.js';

describe('Lambda checks', () => {
  for (const [id, cases] of Object.entries(lambdaCases)) {
    describe(id, () => {
      for (const c of cases) it(`${c.expect.status}: ${c.name}`, () => void runCase(id, c));
    });
  }
});
