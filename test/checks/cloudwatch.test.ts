import { describe, it } from 'vitest';
import { runCase } from './cases.js';
import { cloudwatchCases } from './cloudwatch.cases.js';

describe('checks that read CloudWatch alarms', () => {
  for (const [id, cases] of Object.entries(cloudwatchCases)) {
    describe(id, () => {
      for (const c of cases) it(`${c.expect.status}: ${c.name}`, () => void runCase(id, c));
    });
  }
});
