import { describe, it } from 'vitest';
import { runCase } from './cases.js';
import { logsCases } from './logs.cases.js';

describe('CloudWatch Logs checks', () => {
  for (const [id, cases] of Object.entries(logsCases)) {
    describe(id, () => {
      for (const c of cases) it(`${c.expect.status}: ${c.name}`, () => void runCase(id, c));
    });
  }
});
