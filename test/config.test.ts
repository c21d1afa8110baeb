import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

const files = (map: Record<string, string>) => (path: string) => {
  const text = map[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return text;
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('works with no file and no environment: one default account in the default region', () => {
    const s = loadConfig({}, { readFile: files({}) });
    expect(s.source).toBeNull();
    expect(s.accounts).toEqual([{ name: 'default', regions: ['us-east-1'] }]);
    expect(s.schedules.ingest).toBe('*/30 * * * * *');
    expect(s.env.PILLAR_DB).toBe('./data/pillar.db');
    expect(s.ingestion.requestsPerSecond).toBe(5);
  });

  it('reads the minimal file of design.md as written', () => {
    const yaml = `
slack:
  alertsChannel: C0123ALERTS
  reviewsChannel: C0123REVIEW
aws:
  accounts:
    - name: prod
      roleArn: arn:aws:iam::111122223333:role/PillarReadOnly
      regions: [us-east-1, eu-west-1]
schedules:
  ingest: "*/30 * * * * *"
  checks: "0 8 * * *"
  review: "0 9 1 1,7 *"
review:
  workloads:
    - name: orders
      region: us-east-1
      owner: U0123OWNER
`;
    const s = loadConfig({ AWS_REGION: 'eu-west-1' }, { readFile: files({ 'pillar.yml': yaml }) });
    expect(s.source).toBe('pillar.yml');
    expect(s.slack.alertsChannel).toBe('C0123ALERTS');
    expect(s.accounts[0]).toMatchObject({ name: 'prod', regions: ['us-east-1', 'eu-west-1'] });
    expect(s.review.workloads[0]?.owner).toBe('U0123OWNER');
  });

  it('lists every problem at once, each naming its key', () => {
    const yaml = `
slack:
  alertChannel: C1
  alertsChannel: "#alerts"
aws:
  accounts:
    - name: prod
      roleArn: not-an-arn
      regions: [mars-1]
    - name: prod
schedules:
  ingest: "every minute"
`;
    const problems = problemsOf(() =>
      loadConfig({ PORT: 'abc', SLACK_BOT_TOKEN: 'token' }, { readFile: files({ 'pillar.yml': yaml }) }),
    );
    const joined = problems.join('\n');
    expect(joined).toMatch(/slack\.alertChannel: unknown setting/);
    expect(joined).toMatch(/slack\.alertsChannel: expected a Slack channel id/);
    expect(joined).toMatch(/aws\.accounts\.0\.roleArn: expected an IAM role ARN/);
    expect(joined).toMatch(/aws\.accounts\.0\.regions\.0: expected an AWS region/);
    expect(joined).toMatch(/schedules\.ingest: expected a cron expression/);
    expect(joined).toMatch(/env PORT/);
    expect(joined).toMatch(/env SLACK_BOT_TOKEN: expected a bot token starting with xoxb-/);
    expect(problems.length).toBeGreaterThanOrEqual(7);
  });

  it('takes a review owner as a Slack id or an e-mail address, and says so otherwise', () => {
    const yaml = (owner: string) => `review:\n  workloads:\n    - name: orders\n      owner: "${owner}"\n`;
    const ok = loadConfig({}, { readFile: files({ 'pillar.yml': yaml('team@example.com') }) });
    expect(ok.review.workloads[0]?.owner).toBe('team@example.com');
    expect(problemsOf(() => loadConfig({}, { readFile: files({ 'pillar.yml': yaml('the team') }) }))).toEqual(
      [
        'review.workloads.0.owner: expected a Slack user id (U…/W…), a user group id (S…) or an e-mail address',
      ],
    );
  });

  it('reports broken YAML with its line and a missing PILLAR_CONFIG file', () => {
    const broken = problemsOf(() =>
      loadConfig({}, { readFile: files({ 'pillar.yml': 'slack:\n  alertsChannel: [C1\n' }) }),
    );
    expect(broken[0]).toMatch(/pillar\.yml: line \d+, column \d+: not valid YAML/);
    const missing = problemsOf(() => loadConfig({ PILLAR_CONFIG: '/etc/nope.yml' }, { readFile: files({}) }));
    expect(missing).toEqual([
      'PILLAR_CONFIG: /etc/nope.yml does not exist; create it or unset PILLAR_CONFIG',
    ]);
  });

  it('asks for a signing secret in HTTP mode and accepts Socket Mode without one', () => {
    const p = problemsOf(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }, { readFile: files({}) }));
    expect(p).toEqual([
      'env SLACK_SIGNING_SECRET: required in HTTP mode; set it, or set SLACK_APP_TOKEN for Socket Mode',
    ]);
    expect(() =>
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }, { readFile: files({}) }),
    ).not.toThrow();
  });

  it('rejects a top level that is not a mapping', () => {
    expect(problemsOf(() => loadConfig({}, { readFile: files({ 'pillar.yml': '- a\n- b\n' }) }))[0]).toMatch(
      /expected a mapping/,
    );
  });
});

describe('README.md', () => {
  it('shows a settings file that loads as written', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync('README.md', 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const s = loadConfig({}, { readFile: files({ 'pillar.yml': yaml! }) });
    expect(s.slack.routes.length).toBeGreaterThan(0);
    expect(s.accounts[0]?.roleArn).toMatch(/^arn:aws:iam::/);
  });
});
