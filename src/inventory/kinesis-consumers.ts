import type { EventSourceMapping } from './snapshot.js';

/**
 * ARNs of the Kinesis streams a Lambda event source mapping reads, directly or through an
 * enhanced fan-out consumer (whose ARN is `<stream ARN>/consumer/<name>:<ts>`). Lambda reports
 * their iterator age itself; the other streams' readers show it only in `GetRecords` metrics.
 */
export function streamsReadByLambda(mappings: readonly EventSourceMapping[]): Set<string> {
  return new Set(
    mappings
      .filter((m) => m.sourceType === 'kinesis' && m.eventSourceArn)
      .map((m) => (m.eventSourceArn as string).split('/consumer/')[0] as string),
  );
}
