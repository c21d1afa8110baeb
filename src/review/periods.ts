/** Names of review periods and milestones (pure). */

/** The review period a moment falls in, in the configured time zone: `2026-H1` or `2026-H2`. */
export function runKeyFor(at: number, timezone?: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone ?? 'UTC',
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(new Date(at));
  const year = parts.find((p) => p.type === 'year')?.value ?? '1970';
  const month = Number(parts.find((p) => p.type === 'month')?.value ?? '1');
  return `${year}-H${month <= 6 ? 1 : 2}`;
}

/** A milestone name not yet used on the workload (`2026-H2 review`, then `2026-H2 review (2)`). */
export function milestoneName(runKey: string, taken: readonly string[]): string {
  const base = `${runKey.replace(/-\d+$/, '')} review`;
  const used = new Set(taken.map((t) => t.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const name = `${base} (${n})`;
    if (!used.has(name.toLowerCase())) return name;
  }
}
