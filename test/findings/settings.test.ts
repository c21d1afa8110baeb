import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { thresholdsSetting } from '../../src/findings/scan.js';

const load = (yaml: string) => loadConfig({}, { readFile: () => yaml });

describe('the checks section of the settings', () => {
  it('takes thresholds nested or (the older form) at the top level, and suppressions', () => {
    const s = load(
      'checks:\n  memoryHeadroom: 0.8\n  thresholds:\n    timeoutRisk: 0.7\n  suppressions:\n    - check: lambda-arm64\n      resource: "legacy-*"\n      reason: vendor binary\n      expires: 2027-03-31\n',
    );
    expect(thresholdsSetting(s.checks)).toEqual({ memoryHeadroom: 0.8, timeoutRisk: 0.7 });
    expect(s.checks.suppressions).toEqual([
      { check: 'lambda-arm64', resource: 'legacy-*', reason: 'vendor binary', expires: '2027-03-31' },
    ]);
  });

  it('refuses a suppression without a reason or an expiry, naming the key', () => {
    let err: unknown;
    try {
      load('checks:\n  suppressions:\n    - check: lambda-arm64\n      reason: ""\n');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const text =
      (err as ConfigError).message + JSON.stringify((err as ConfigError & { problems?: string[] }).problems);
    expect(text).toMatch(/checks\.suppressions\.0\.reason/);
    expect(text).toMatch(/checks\.suppressions\.0\.expires/);
  });
});
