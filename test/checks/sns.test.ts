import { describe, it } from 'vitest';
import { runCase } from './cases.js';
import { snsCases } from './sns.cases.js';

describe('SNS checks', () => {
  for (const [id, cases] of Object.entries(snsCases)) {
    describe(id, () => {
      for (const c of cases) it(`${c.expect.status}: ${c.name}`, () => void runCase(id, c));
    });
  }
});
