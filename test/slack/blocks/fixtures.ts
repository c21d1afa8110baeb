import type { KnownBlock } from '@slack/types';
import { expect } from 'vitest';
import type { ingestionTargets, logGroups } from '../../../src/db/schema.js';
import type { Incident, IncidentAction, OccurrenceSample } from '../../../src/incidents/types.js';
import { validateMessage, validateView } from '../../../src/slack/blocks/limits.js';

export const T0 = Date.parse('2026-11-28T12:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function makeIncident(over: Partial<Incident> = {}): Incident {
  return {
    id: 12,
    fingerprint: 'fp-12',
    account: 'prod',
    region: 'us-east-1',
    functionName: 'orders-api',
    logGroup: '/aws/lambda/orders-api',
    failureKind: 'uncaught_exception',
    errorType: 'TypeError',
    messageTemplate: "Cannot read properties of undefined (reading 'id')",
    lastMessage: "Cannot read properties of undefined (reading 'id')",
    topFrame: 'at handler (/var/task/src/handlers/orders.js:12:9)',
    severity: 'high',
    state: 'open',
    occurrences: 42,
    firstSeenAt: T0 - 2 * HOUR,
    lastSeenAt: T0 - MINUTE,
    openedAt: T0 - 2 * HOUR,
    acknowledgedBy: null,
    acknowledgedAt: null,
    resolvedBy: null,
    resolvedAt: null,
    mutedBy: null,
    mutedUntil: null,
    muteReason: null,
    assignee: null,
    regressions: 0,
    lastRegressionAt: null,
    revision: 3,
    createdAt: T0 - 2 * HOUR,
    updatedAt: T0 - MINUTE,
    ...over,
  };
}

export function makeSample(over: Partial<OccurrenceSample> = {}): OccurrenceSample {
  return {
    id: 7,
    incidentId: 12,
    at: T0 - MINUTE,
    requestId: '8f14e45f-ceea-467f-a0e6-1b2c3d4e5f60',
    logStream: '2026/11/28/[$LATEST]3ca88f3a2fff4810b2de52cf027d0a40',
    errorMessage: "Cannot read properties of undefined (reading 'id')",
    excerpt:
      '2026-11-28T11:59:00.000Z\t8f14e45f\tERROR\tInvoke Error\t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading \'id\')"}',
    durationMs: 3000,
    timeoutSeconds: 3,
    memorySizeMB: 128,
    maxMemoryUsedMB: 128,
    initDurationMs: 812,
    coldStart: true,
    retry: false,
    first: false,
    ...over,
  };
}

export function makeAction(over: Partial<IncidentAction> = {}): IncidentAction {
  return { id: 1, incidentId: 12, action: 'acknowledged', actor: 'U0123ANA', at: T0, details: null, ...over };
}

export type TargetRow = typeof ingestionTargets.$inferSelect;
export type GroupRow = typeof logGroups.$inferSelect;

export function makeTarget(over: Partial<TargetRow> = {}): TargetRow {
  return {
    account: 'prod',
    region: 'us-east-1',
    lastStartedAt: T0 - MINUTE,
    lastDiscoveryAt: T0 - HOUR,
    metricProbeError: null,
    lastSuccessAt: T0 - MINUTE,
    lastErrorAt: null,
    lastErrorCode: null,
    lastErrorMessage: null,
    consecutiveErrors: 0,
    logGroups: 34,
    lagMs: 45_000,
    groupsRead: 3,
    groupsFailed: 0,
    throttles: 0,
    lastGroupReadAt: T0 - MINUTE,
    ...over,
  };
}

export function makeGroup(over: Partial<GroupRow> = {}): GroupRow {
  return {
    id: 1,
    account: 'prod',
    region: 'us-east-1',
    logGroup: '/aws/lambda/orders-api',
    functionName: 'orders-api',
    runtime: 'nodejs20.x',
    logFormat: 'Text',
    timeoutSeconds: 3,
    memorySizeMB: 128,
    tags: null,
    cursorMs: T0 - MINUTE,
    lastPolledAt: T0 - MINUTE,
    lastActivityAt: T0 - MINUTE,
    nextPollAt: T0,
    consecutiveErrors: 2,
    lastErrorCode: 'aws_access_denied',
    lastErrorMessage: 'Access denied: logs:FilterLogEvents on /aws/lambda/orders-api in prod/us-east-1.',
    lastErrorAt: T0 - 5 * MINUTE,
    present: true,
    ...over,
  };
}

/** Lines an attacker (or an unlucky log) could put in front of Slack. */
export const HOSTILE = [
  '<!channel> wake up',
  '<!here>',
  '<!everyone>',
  '<@U123> look',
  '<#C123>',
  '<!subteam^S1>',
  '<https://evil.example|click>',
  '&lt;!channel&gt;',
  '@channel plain',
  '@here and @everyone',
  '#general',
  '*bold* _it_ ~st~ `code` ```block```',
  'line\u202Eevil\u202C\u0000\u0007',
] as const;

export const SECRETS = {
  awsKeyId: 'AKIAIOSFODNN7EXAMPLE',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  slackToken: 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  pemBody: 'MIIEowIBAAKCAQEA7bq98fbC4OtZbaLZ1Zaq7SOWxU8h3jXb6ONPFgSMxy0xZ6oY',
  password: 'hunter2',
} as const;

export const SECRET_LINE =
  `creds ${SECRETS.awsKeyId} ${SECRETS.awsSecret} token=${SECRETS.slackToken} auth ${SECRETS.jwt} ` +
  `postgres://app:${SECRETS.password}@db:5432/orders -----BEGIN RSA PRIVATE KEY-----\n${SECRETS.pemBody}\n-----END RSA PRIVATE KEY-----`;

/** Every string value in a payload, for content assertions. */
export function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (typeof v === 'object' && v !== null) return Object.values(v).flatMap(strings);
  return [];
}

export function allText(v: unknown): string {
  return strings(v).join('\n');
}

/** Strings of a payload split by how Slack reads them: mrkdwn (parsed for markup) or plain_text (shown as is). */
export function textsByKind(v: unknown, out = { markup: [] as string[], plain: [] as string[] }) {
  if (typeof v === 'string') out.markup.push(v);
  else if (Array.isArray(v)) for (const x of v) textsByKind(x, out);
  else if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    if (o.type === 'plain_text' && typeof o.text === 'string') out.plain.push(o.text);
    else {
      for (const [k, x] of Object.entries(o)) {
        // What an input starts with is text in a text box, never parsed as markup.
        if (k === 'initial_value' && typeof x === 'string') out.plain.push(x);
        else textsByKind(x, out);
      }
    }
  }
  return out;
}

/**
 * Markup that would notify people or forge a link if untrusted text reached mrkdwn unescaped,
 * and secrets or bidi controls anywhere. plain_text is shown literally, so markup there is inert.
 */
export function expectNoInjection(v: unknown): void {
  const { markup, plain } = textsByKind(v);
  const text = markup.join('\n');
  for (const bad of [
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<@U123>',
    '<#C123>',
    '<!subteam',
    '<https://evil',
  ]) {
    expect(text, `found ${bad}`).not.toContain(bad);
  }
  expect(text).not.toMatch(/@(?:here|channel|everyone)/i);
  const everything = [...markup, ...plain].join('\n');
  for (const s of Object.values(SECRETS)) expect(everything, `leaked ${s}`).not.toContain(s);
  expect(everything).not.toMatch(/[\u202A-\u202E\u0000-\u0008]/);
}

export function expectValidMessage(m: { text: string; blocks: KnownBlock[] }): void {
  expect(validateMessage(m.blocks, m.text)).toEqual([]);
}

export function expectValidView(view: unknown): void {
  expect(validateView(view)).toEqual([]);
}

/** Action ids of every interactive element (block elements and section accessories). */
export function actionIds(blocks: KnownBlock[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'actions')
      for (const e of b.elements) if ('action_id' in e && e.action_id) out.push(e.action_id);
    if (b.type === 'section' && b.accessory && 'action_id' in b.accessory && b.accessory.action_id) {
      out.push(b.accessory.action_id);
    }
  }
  return out;
}
