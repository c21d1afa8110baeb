import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  daysUntil,
  newestRuntimeByFamily,
  parseRuntime,
  runtimeDeprecations,
} from '../../checks/runtimes.js';

describe('runtime deprecation table', () => {
  it('holds valid calendar dates', () => {
    for (const [id, date] of Object.entries(runtimeDeprecations)) {
      expect(date, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10), id).toBe(date);
    }
  });

  it.each([
    ['nodejs18.x', '2025-09-01'],
    ['python3.9', '2025-12-15'],
    ['dotnet6', '2024-11-12'],
    ['java8', '2024-01-08'],
    ['go1.x', '2024-01-08'],
    ['provided', '2024-01-08'],
    ['nodejs4.3-edge', '2020-03-05'],
    ['nodejs', '2016-10-31'],
    ['ruby3.2', '2026-03-31'],
    ['nodejs20.x', '2026-04-30'],
    ['java17', '2026-06-30'],
    ['provided.al2', '2026-06-30'],
    ['dotnet8', '2026-11-10'],
    ['nodejs22.x', '2027-04-30'],
    ['python3.12', '2028-10-31'],
    ['dotnet10', '2028-11-14'],
    ['python3.14', '2029-06-30'],
  ])('dates %s on %s as in catalog §4', (id, date) => {
    expect(runtimeDeprecations[id]).toBe(date);
  });

  it('names a newest runtime for each family that parses and is newer than every listed runtime of it', () => {
    for (const [family, newest] of Object.entries(newestRuntimeByFamily)) {
      const n = parseRuntime(newest);
      expect(n?.family, newest).toBe(family);
      expect(runtimeDeprecations[newest], newest).toBeDefined();
      for (const id of Object.keys(runtimeDeprecations)) {
        const r = parseRuntime(id);
        if (r?.family === family) expect(compareVersions(r.version, n!.version), id).toBeLessThanOrEqual(0);
      }
    }
  });
});

describe('parseRuntime', () => {
  it.each([
    ['nodejs22.x', 'nodejs', [22]],
    ['nodejs8.10', 'nodejs', [8, 10]],
    ['python3.9', 'python', [3, 9]],
    ['python3.14', 'python', [3, 14]],
    ['java8.al2', 'java', [8]],
    ['java25', 'java', [25]],
    ['dotnetcore3.1', 'dotnet', [3, 1]],
    ['dotnet10', 'dotnet', [10]],
    ['ruby3.4', 'ruby', [3, 4]],
    ['provided', 'provided', [1]],
    ['provided.al2023', 'provided', [2023]],
  ])('%s → %s %j', (id, family, version) => {
    expect(parseRuntime(id)).toEqual({ family, version });
  });

  it('leaves unknown identifiers alone', () => {
    expect(parseRuntime('cobol85')).toBeUndefined();
  });

  it('orders versions numerically, not as text', () => {
    expect(compareVersions([3, 9], [3, 14])).toBeLessThan(0);
    expect(compareVersions([22], [24])).toBeLessThan(0);
    expect(compareVersions([3, 14], [3, 14])).toBe(0);
  });
});

describe('daysUntil', () => {
  it('counts calendar days in UTC, whatever the hour', () => {
    expect(daysUntil('2026-12-01', Date.UTC(2026, 10, 28, 0, 0))).toBe(3);
    expect(daysUntil('2026-12-01', Date.UTC(2026, 10, 28, 23, 59))).toBe(3);
    expect(daysUntil('2026-11-28', Date.UTC(2026, 10, 28, 12))).toBe(0);
    expect(daysUntil('2026-11-27', Date.UTC(2026, 10, 28, 12))).toBe(-1);
  });
});
