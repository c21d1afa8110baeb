import { describe, it } from 'vitest';
import { runCase } from './cases.js';
import { sqsCases } from './sqs.cases.js';

describe('SQS checks', () => {
  for (const [id, cases] of Object.entries(sqsCases)) {
    describe(id, () => {
      for (const c of cases) it(`${c.expect.status}: ${c.name}`, () => void runCase(id, c));
    });
  }
});
