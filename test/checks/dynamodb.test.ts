import { describe, it } from 'vitest';
import { runCase } from './cases.js';
import { dynamodbCases } from './dynamodb.cases.js';

describe('DynamoDB checks', () => {
  for (const [id, cases] of Object.entries(dynamodbCases)) {
    describe(id, () => {
      for (const c of cases) it(`${c.expect.status}: ${c.name}`, () => void runCase(id, c));
    });
  }
});
