import type { Settings } from '../config.js';
import type { Incident } from '../incidents/types.js';
import { matchesAny } from '../patterns.js';

/**
 * The channel an incident is posted to: the first route whose function patterns match, else
 * the alerts channel. Returns undefined when no channel is configured.
 */
export function channelFor<I extends Pick<Incident, 'functionName'>>(
  incident: I,
  slack: Settings['slack'],
  tagsOf?: (incident: I) => Record<string, string> | undefined,
): string | undefined {
  for (const route of slack.routes) {
    if (route.functions && matchesAny(incident.functionName, route.functions)) return route.channel;
    if (route.tags && tagsOf) {
      const tags = tagsOf(incident);
      if (tags && Object.entries(route.tags).every(([k, v]) => tags[k] === v)) return route.channel;
    }
  }
  return slack.alertsChannel;
}
