import { describe, it } from 'vitest';
import { apigatewayCases } from './apigateway.cases.js';
import { runCase } from './cases.js';

describe('API Gateway checks', () => {
  for (const [id, cases] of Object.entries(apigatewayCases)) {
    describe(id, () => {
      for (const c of cases) it(`${c.expect.status}: ${c.name}`, () => void runCase(id, c));
    });
  }
});
