import type { Incident, IncidentService } from '../incidents/service.js';
import type { CycleReport } from './poller.js';

const n = (x: number) => x.toLocaleString('en-US');

/** The terminal summary of one ingestion cycle. */
export function formatCycleReport(r: CycleReport, incidents?: Pick<IncidentService, 'get'>): string {
  const lines: string[] = [];
  const secs = ((r.finishedAt - r.startedAt) / 1000).toFixed(1);
  lines.push(
    `Ingestion cycle: ${r.targets} account-region(s)${r.targetsFailed ? ` (${r.targetsFailed} failed)` : ''}, ${n(r.groupsKnown)} log group(s): ${n(r.groupsRead)} read, ${n(r.groupsSkipped)} idle; ${n(r.requests)} AWS request(s), ${n(r.pages)} page(s) in ${secs}s`,
  );
  lines.push(
    `Events: ${n(r.events)} new, ${n(r.duplicates)} duplicate(s) dropped; ${n(r.invocations)} invocation(s), ${n(r.coldStarts)} cold start(s), ${n(r.retries)} retr${r.retries === 1 ? 'y' : 'ies'}`,
  );
  const failures = Object.entries(r.failuresByKind).filter(([, c]) => c > 0);
  lines.push(
    `Failures: ${failures.length === 0 ? 'none' : failures.map(([k, c]) => `${k} ${n(c)}`).join(', ')}`,
  );
  lines.push(
    `Incidents: ${r.opened} opened, ${r.updated} updated, ${r.reopened} reopened${r.muted ? `, ${r.muted} muted occurrence(s)` : ''}`,
  );
  if (incidents) {
    for (const id of r.changedIncidents) {
      const i = incidents.get(id);
      if (i) lines.push(`  ${formatIncidentLine(i)}`);
    }
  }
  if (r.errors.length > 0) {
    lines.push(`Errors (${r.errors.length}):`);
    for (const e of r.errors) {
      lines.push(`  ${e.account}/${e.region}${e.logGroup ? ` ${e.logGroup}` : ''}: ${e.message}`);
    }
  }
  return lines.join('\n');
}

export function formatIncidentLine(i: Incident): string {
  const what = [i.errorType, i.messageTemplate].filter(Boolean).join(': ');
  const flags = i.regressions > 0 ? ' (regression)' : '';
  return `#${i.id} [${i.severity}] ${i.state}${flags} ${i.functionName} ${i.account}/${i.region} ${i.failureKind}: ${truncate(what, 120)} ×${i.occurrences}`;
}

function truncate(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
