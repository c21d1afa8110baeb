import type { AwsClients, AwsTarget } from '../aws/clients.js';
import { describeAwsError } from '../aws/errors.js';
import { Pacer } from '../aws/pace.js';
import type { Clock } from '../clock.js';
import type { PillarError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ServiceName, Unavailable } from './snapshot.js';

export interface CollectorProgress {
  collector: string;
  state: 'start' | 'done' | 'failed';
  items?: number;
  message?: string;
}

export type CallResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      error: PillarError;
      /** Not sent: the action was already denied (or the credentials refused) earlier in the scan. */
      skipped: boolean;
    };

/** Requests per second per service, below the default quotas (Lambda control plane 15/s, DescribeLogGroups 10/s, StartQuery 10/s). */
export const defaultRates: Record<ServiceName, number> = {
  lambda: 10,
  logs: 5,
  cloudwatch: 10,
  sqs: 10,
  dynamodb: 10,
  stepfunctions: 5,
  // API Gateway's control plane allows 10 GETs per second per account (burst 40).
  apigateway: 5,
  sns: 10,
  // Kinesis DescribeStreamSummary: 20/s per account; ListStreams: 5/s.
  kinesis: 4,
  eventbridge: 10,
};

/** Attempts on throttling after the SDK's own retries, each after the pacer's backoff. */
const THROTTLE_ATTEMPTS = 3;

/**
 * What one scan of an account and region shares: clients, one pacer per service, the count of
 * calls per IAM action, and what could not be read. Every AWS call of a collector goes through
 * `call`, so counting, pacing and "unavailable" are decided in one place.
 */
export class CollectorContext {
  readonly calls: Record<string, number> = {};
  private readonly failures = new Map<string, Unavailable>();
  /** Actions not to send again: denied once means denied for the rest of the scan. */
  private readonly blocked = new Map<string, PillarError>();
  /** Set when AWS refused the credentials: nothing else in this account will work either. */
  private credentialsError: PillarError | undefined;
  private readonly pacers: Record<ServiceName, Pacer>;

  constructor(
    readonly clients: AwsClients,
    readonly target: AwsTarget,
    readonly clock: Clock,
    readonly logger: Logger,
    rates: Partial<Record<ServiceName, number>> = {},
    private readonly onProgress?: (e: CollectorProgress) => void,
  ) {
    const rate = (s: ServiceName) => rates[s] ?? defaultRates[s];
    this.pacers = Object.fromEntries(
      (Object.keys(defaultRates) as ServiceName[]).map((s) => [s, new Pacer(clock, rate(s))]),
    ) as Record<ServiceName, Pacer>;
  }

  get unavailable(): Unavailable[] {
    return [...this.failures.values()].sort((a, b) =>
      a.action < b.action ? -1 : a.action > b.action ? 1 : 0,
    );
  }

  isUnavailable(action: string): boolean {
    return this.failures.has(action);
  }

  progress(e: CollectorProgress): void {
    this.onProgress?.(e);
  }

  /**
   * Sends one call, paced and counted. A failure is recorded as unavailable (once per action; for
   * per-resource calls the resource is listed) unless `notFoundIsAnswer` says a missing resource
   * is an ordinary answer (GetPolicy on a function without a policy).
   */
  async call<T>(
    service: ServiceName,
    action: string,
    send: () => Promise<T>,
    options: { resource?: string; notFoundIsAnswer?: boolean } = {},
  ): Promise<CallResult<T>> {
    const earlier = this.credentialsError ?? this.blocked.get(action);
    if (earlier) {
      this.record(service, action, earlier);
      return { ok: false, error: earlier, skipped: true };
    }
    const pacer = this.pacers[service];
    for (let attempt = 1; ; attempt++) {
      await pacer.take();
      this.calls[action] = (this.calls[action] ?? 0) + 1;
      try {
        const value = await send();
        pacer.succeeded();
        return { ok: true, value };
      } catch (e) {
        const err = describeAwsError(e, {
          action,
          account: this.target.account,
          region: this.target.region,
          ...(options.resource === undefined ? {} : { resource: options.resource }),
        });
        if (err.code === 'aws_throttled' && attempt < THROTTLE_ATTEMPTS) {
          const wait = pacer.throttled();
          this.logger.warn({ ...this.target, action, backoffMs: wait }, err.message);
          continue;
        }
        if (err.code === 'aws_not_found' && options.notFoundIsAnswer)
          return { ok: false, error: err, skipped: false };
        if (err.code === 'aws_access_denied') this.blocked.set(action, err);
        if (err.code === 'aws_credentials') this.credentialsError = err;
        this.record(service, action, err, options.resource);
        return { ok: false, error: err, skipped: false };
      }
    }
  }

  /** Records that an action could not be read; a whole-action failure wins over per-resource ones. */
  record(service: ServiceName, action: string, err: PillarError, resource?: string): void {
    const whole =
      resource === undefined || err.code === 'aws_access_denied' || err.code === 'aws_credentials';
    const existing = this.failures.get(action);
    if (existing) {
      if (whole && existing.resources) {
        delete existing.resources;
        existing.code = err.code;
        existing.message = err.message;
      } else if (!whole && existing.resources && !existing.resources.includes(resource)) {
        existing.resources.push(resource);
      }
      return;
    }
    this.failures.set(action, {
      service,
      action,
      code: err.code,
      message: err.message,
      ...(whole ? {} : { resources: [resource] }),
    });
    this.logger.warn({ ...this.target, action, code: err.code }, err.message);
  }
}

/** Runs `fn` over items with at most `limit` in flight, keeping the input order in the output. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
