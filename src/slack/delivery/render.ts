import type { Clock } from '../../clock.js';
import type { FindingsService } from '../../findings/service.js';
import { checkMeta } from '../../findings/store.js';
import type { Incident, IncidentService } from '../../incidents/service.js';
import type { Logger } from '../../logger.js';
import { incidentMessage } from '../blocks/incident.js';
import type { SlackMessage } from '../blocks/kit.js';

/** An incident's message as it should look now. */
export type Render = (incident: Incident) => SlackMessage;

export interface RenderDeps {
  clock: Clock;
  logger: Logger;
  incidents: Pick<IncidentService, 'samples'>;
  findings?: Pick<FindingsService, 'forIncident'>;
  timeZone: string;
}

/** Renders with the latest sample and the failing checks that bear on the failure. */
export function createRenderer(deps: RenderDeps): Render {
  const { clock, logger, findings, timeZone } = deps;

  /** The failing, unsuppressed checks of the incident's function that bear on its failure kind. */
  function failingChecksOf(incident: Incident): { id: string; title: string }[] {
    if (!findings) return [];
    try {
      const seen = new Set<string>();
      const out: { id: string; title: string }[] = [];
      for (const f of findings.forIncident(incident.functionName, incident.failureKind)) {
        if (seen.has(f.checkId) || f.account !== incident.account || f.region !== incident.region) continue;
        seen.add(f.checkId);
        out.push({ id: f.checkId, title: checkMeta(f.checkId)?.title ?? f.checkId });
      }
      return out;
    } catch (err) {
      logger.warn({ err, incident: incident.id }, 'Could not read the failing checks of an incident');
      return [];
    }
  }

  return (incident) => {
    const sample = deps.incidents.samples(incident.id)[0];
    const failingChecks = failingChecksOf(incident);
    return incidentMessage({
      incident,
      ...(sample ? { sample } : {}),
      ...(failingChecks.length > 0 ? { failingChecks } : {}),
      now: clock.now(),
      timeZone,
    });
  };
}
