import { describe, it } from 'vitest';
import { runCase } from './cases.js';
import { kinesisCases } from './kinesis.cases.js';

describe('Kinesis checks', () => {
  for (const [id, cases] of Object.entries(kinesisCases)) {
    describe(id, () => {
      for (const c of cases) it(`${c.expect.status}: ${c.name}`, () => void runCase(id, c));
    });
  }
});
