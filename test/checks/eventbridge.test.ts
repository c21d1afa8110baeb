import { describe, it } from 'vitest';
import { runCase } from './cases.js';
import { eventbridgeCases } from './eventbridge.cases.js';

describe('EventBridge checks', () => {
  for (const [id, cases] of Object.entries(eventbridgeCases)) {
    describe(id, () => {
      for (const c of cases) it(`${c.expect.status}: ${c.name}`, () => void runCase(id, c));
    });
  }
});
