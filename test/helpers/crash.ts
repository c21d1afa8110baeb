import { processDeath } from '../../src/errors.js';

/** Thrown by test hooks to stop work at a chosen point, as a killed process would. */
export class CrashForTest extends Error {
  readonly [processDeath] = true;
  constructor(message: string) {
    super(message);
    this.name = 'CrashForTest';
  }
}
