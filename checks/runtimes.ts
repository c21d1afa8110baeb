/**
 * Lambda runtime identifiers and their deprecation dates (UTC, YYYY-MM-DD), from the AWS "Lambda
 * runtimes" page as mirrored by tflint-ruleset-aws and endoflife.date (checks catalog §4). AWS has
 * moved dates before, so re-check this table against that page before each release.
 */
export const runtimeDeprecations: Readonly<Record<string, string>> = {
  // Scheduled (some have already passed by now).
  'python3.14': '2029-06-30',
  'python3.13': '2029-06-30',
  java25: '2029-06-30',
  java21: '2029-06-30',
  'provided.al2023': '2029-06-30',
  dotnet10: '2028-11-14',
  'python3.12': '2028-10-31',
  'nodejs24.x': '2028-04-30',
  'ruby3.4': '2028-03-31',
  'nodejs22.x': '2027-04-30',
  'ruby3.3': '2027-03-31',
  dotnet8: '2026-11-10',
  'python3.11': '2026-06-30',
  'python3.10': '2026-06-30',
  java17: '2026-06-30',
  java11: '2026-06-30',
  'java8.al2': '2026-06-30',
  'provided.al2': '2026-06-30',
  'nodejs20.x': '2026-04-30',
  'ruby3.2': '2026-03-31',
  // Deprecated.
  'python3.9': '2025-12-15',
  'nodejs18.x': '2025-09-01',
  dotnet6: '2024-11-12',
  'python3.8': '2024-10-14',
  'nodejs16.x': '2024-06-12',
  dotnet7: '2024-05-14',
  java8: '2024-01-08',
  'go1.x': '2024-01-08',
  provided: '2024-01-08',
  'nodejs14.x': '2023-12-04',
  'python3.7': '2023-12-04',
  'ruby2.7': '2023-11-27',
  'dotnetcore3.1': '2023-04-03',
  'nodejs12.x': '2023-03-31',
  'python3.6': '2022-07-18',
  'dotnet5.0': '2022-05-10',
  'dotnetcore2.1': '2022-01-05',
  'nodejs10.x': '2021-07-30',
  'ruby2.5': '2021-07-30',
  'python2.7': '2021-07-15',
  'nodejs8.10': '2020-03-06',
  'nodejs4.3': '2020-03-05',
  'nodejs4.3-edge': '2020-03-05',
  'nodejs6.10': '2019-08-12',
  'dotnetcore1.0': '2019-07-27',
  'dotnetcore2.0': '2019-05-30',
  nodejs: '2016-10-31',
};

/** Newest identifier of each language family (for `lambda-runtime-not-latest`). */
export const newestRuntimeByFamily: Readonly<Record<string, string>> = {
  nodejs: 'nodejs24.x',
  python: 'python3.14',
  java: 'java25',
  dotnet: 'dotnet10',
  ruby: 'ruby3.4',
  provided: 'provided.al2023',
};

const DAY_MS = 86_400_000;

/** The UTC calendar date of an epoch-ms instant, as YYYY-MM-DD. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Whole days from the UTC date of `now` to `date` (YYYY-MM-DD): 0 on the day itself, negative once
 * it has passed. Calendar days, so the answer does not depend on the hour of the scan.
 */
export function daysUntil(date: string, now: number): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${utcDate(now)}T00:00:00Z`)) / DAY_MS);
}

export interface RuntimeVersion {
  family: string;
  version: number[];
}

/**
 * Splits an identifier into its family and numeric version: `nodejs22.x` → nodejs [22],
 * `python3.12` → python [3, 12], `java8.al2` → java [8], `provided.al2023` → provided [2023],
 * `dotnetcore3.1` → dotnet [3, 1]. Unknown shapes return undefined.
 */
export function parseRuntime(id: string): RuntimeVersion | undefined {
  if (id === 'provided') return { family: 'provided', version: [1] };
  const provided = /^provided\.al(\d+)$/.exec(id);
  if (provided) return { family: 'provided', version: [Number(provided[1])] };
  const m = /^(nodejs|python|java|dotnetcore|dotnet|ruby|go)(\d+(?:\.\d+)*)/.exec(id);
  if (!m) return undefined;
  const family = m[1] === 'dotnetcore' ? 'dotnet' : m[1]!;
  return { family, version: m[2]!.split('.').map(Number) };
}

/** Negative when a is older than b. */
export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
