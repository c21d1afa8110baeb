import { describe, expect, it } from 'vitest';
import type { FindingRow, SuppressionRow } from '../../../src/findings/store.js';
import {
  checksListMessage,
  scanSummaryMessage,
  suppressionsMessage,
  suppressModal,
} from '../../../src/slack/blocks/checks.js';
import { validateMessage, validateView } from '../../../src/slack/blocks/limits.js';
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
