import { describe, expect, it } from 'vitest';
import type { FindingRow, SuppressionRow } from '../../../src/findings/store.js';
import {
  checksListMessage,
  scanSummaryMessage,
  suppressionsMessage,
  suppressModal,
} from '../../../src/slack/blocks/checks.js';
import { LIMITS, validateMessage, validateView } from '../../../src/slack/blocks/limits.js';
import { actions, views } from '../../../src/slack/ids.js';

const NOW = Date.parse('2026-11-28T08:00:00Z');

function finding(i: number, over: Partial<FindingRow> = {}): FindingRow {
  return {
    id: i,
    checkId: 'lambda-timeout-risk',
    account: 'prod',
    region: 'us-east-1',
    resourceId: `arn:aws:lambda:us-east-1:111122223333:function:fn-${i}`,
    resourceName: `fn-${i}`,
    severity: 'high',
    pillar: 'reliability',
    service: 'lambda',
    message: 'p99 duration 2.9 s of a 3 s timeout',
    firstSeenAt: NOW,
    lastSeenAt: NOW,
    fixedAt: null,
    reopenedAt: null,
    lastScanId: 1,
    ...over,
  };
}

describe('scanSummaryMessage', () => {
  it('stays within Block Kit limits with hundreds of long, hostile findings', () => {
    const failing = Array.from({ length: 400 }, (_, i) =>
      finding(i + 1, { resourceName: `<!channel> ${'x'.repeat(300)}`, message: `@here ${'y'.repeat(3000)}` }),
    );
    const m = scanSummaryMessage({
      account: 'prod',
      region: 'us-east-1',
      recorded: {
        opened: failing.slice(0, 10),
        fixed: failing.slice(10, 30).map((f) => ({ ...f, fixedAt: NOW })),
      },
      failing,
      checksRun: 55,
      now: NOW,
      timeZone: 'UTC',
    });
    expect(validateMessage(m.blocks, m.text)).toEqual([]);
    const body = JSON.stringify(m.blocks);
    expect(body).not.toContain('<!channel>');
    expect(body.split(actions.checksSuppress).length - 1).toBe(5);
    expect(body).toContain('10 new');
    expect(body).toContain('20 fixed');
    expect(m.text).toContain('400 failing findings');
  });

  it('escapes the account and region in the fallback text too', () => {
    const m = scanSummaryMessage({
      account: '<!channel>',
      region: '<https://evil.example|us-east-1>',
      recorded: { opened: [], fixed: [] },
      failing: [finding(1)],
      checksRun: 1,
      now: NOW,
      timeZone: 'UTC',
    });
    expect(m.text).toContain('&lt;!channel&gt;/&lt;https://evil.example|us-east-1&gt;');
    expect(m.text).not.toContain('<');
  });

  it('says nothing is failing when nothing is', () => {
    const m = scanSummaryMessage({
      account: 'prod',
      region: 'us-east-1',
      recorded: { opened: [], fixed: [] },
      failing: [],
      checksRun: 55,
      now: NOW,
      timeZone: 'UTC',
    });
    expect(JSON.stringify(m.blocks)).toContain('No check is failing');
    expect(JSON.stringify(m.blocks)).not.toContain(actions.checksSeeAll);
  });
});

describe('checksListMessage and suppressionsMessage', () => {
  it('fits 44 findings, the count Slack refused in the trial, into one message with Next page', () => {
    const findings = Array.from({ length: 44 }, (_, i) =>
      finding(i + 1, {
        resourceName: `orders-service-handler-${i}`,
        message: 'p99 duration 2.9 s of a 3 s timeout, measured over 14 days',
      }),
    );
    const m = checksListMessage({ findings, filter: 'reliability', query: { p: 'reliability' } });
    expect(validateMessage(m.blocks, m.text)).toEqual([]);
    const body = JSON.stringify(m.blocks);
    expect(Buffer.byteLength(body)).toBeLessThan(LIMITS.messageJsonBudget);
    const shown = (body.match(/"block_id":"finding:\d+"/g) ?? []).length;
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(44);
    expect(body).toContain(`… and ${44 - shown} more`);
    expect(body).toContain(`showing 1–${shown}`);
    expect(body).toContain(`{\\"p\\":\\"reliability\\",\\"o\\":${shown}}`);
  });

  it('without a query it says how to narrow the list instead of offering Next page', () => {
    const m = checksListMessage({
      findings: Array.from({ length: 300 }, (_, i) => finding(i + 1)),
      filter: '',
    });
    const body = JSON.stringify(m.blocks);
    expect(body).not.toContain(actions.checksPage);
    expect(body).toContain('`/wa checks lambda`');
  });

  it('pages suppressions too', () => {
    const rows: SuppressionRow[] = Array.from({ length: 200 }, (_, i) => ({
      id: i + 1,
      checkId: 'lambda-arm64',
      resource: `fn-${i}`,
      reason: 'vendor binary is x86 only '.repeat(10),
      expiresAt: NOW + 86_400_000,
      createdBy: 'U0SIMALICE',
      createdAt: NOW,
      source: 'slack',
      retiredAt: null,
    }));
    const first = suppressionsMessage(rows, 'UTC');
    expect(validateMessage(first.blocks, first.text)).toEqual([]);
    const next = JSON.stringify(first.blocks).match(/\{\\"sup\\":1,\\"o\\":(\d+)\}/);
    expect(next).not.toBeNull();
    const second = suppressionsMessage(rows, 'UTC', Number(next![1]));
    expect(validateMessage(second.blocks, second.text)).toEqual([]);
    expect(JSON.stringify(second.blocks)).toContain(`showing ${Number(next![1]) + 1}–`);
  });

  it('cut long lists within limits, with an "and N more"', () => {
    const m = checksListMessage({
      findings: Array.from({ length: 300 }, (_, i) => finding(i + 1)),
      filter: 'reliability',
    });
    expect(validateMessage(m.blocks, m.text)).toEqual([]);
    expect(JSON.stringify(m.blocks)).toMatch(/and \d+ more/);
  });

  it('lists who suppressed, why and until when', () => {
    const rows: SuppressionRow[] = [
      {
        id: 1,
        checkId: 'lambda-arm64',
        resource: '*',
        reason: 'vendor binary is x86 only',
        expiresAt: NOW + 86_400_000,
        createdBy: 'U0SIMALICE',
        createdAt: NOW,
        source: 'slack',
        retiredAt: null,
      },
    ];
    const m = suppressionsMessage(rows, 'UTC');
    expect(validateMessage(m.blocks, m.text)).toEqual([]);
    const body = JSON.stringify(m.blocks);
    expect(body).toContain('<@U0SIMALICE>');
    expect(body).toContain('vendor binary is x86 only');
    expect(body).toContain(`<!date^${Math.floor((NOW + 86_400_000) / 1000)}^`);
  });
});

describe('suppressModal', () => {
  it('is a valid view with the finding, a required reason and a date', () => {
    const v = suppressModal({ finding: finding(7), privateMetadata: '{"findingId":7}', now: NOW });
    expect(validateView(v)).toEqual([]);
    expect(v.callback_id).toBe(views.suppress);
    expect(JSON.stringify(v.blocks)).toContain('fn-7');
  });
});
