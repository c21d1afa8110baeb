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

describe('schedules', () => {
  const withSchedules = (lines: Record<string, string>) =>
    `schedules:\n${Object.entries(lines)
      .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}\n`)
      .join('')}`;
  const load = (lines: Record<string, string>) =>
    loadConfig({}, { readFile: files({ 'pillar.yml': withSchedules(lines) }) });

  it.each([
    '*/30 * * * * *',
    '0 8 * * *',
    '0 9 1 1,7 *',
    '*/5 * * * *',
    '59 59 23 31 12 6',
    '0 8 * * mon-fri',
    '0 0 1 jan *',
    '0 12 * JANUARY-March *',
    '0 0 * * 7',
    '0 0 * * sun,sat',
    '0 0 ? * MON',
    '0 0 1-15/2 * *',
    '0 */23 * * *',
    '0 0 29 2 *',
    '00 08 * * *',
  ])('accepts %j', (expr) => {
    expect(load({ checks: expr }).schedules.checks).toBe(expr);
  });

  it.each([
    ['*/61 * * * * *', 'second field "*/61": step 61 is out of range; use a step from 1 to 59'],
    ['*/0 * * * *', 'minute field "*/0": step 0 is out of range; use a step from 1 to 59'],
    ['0 */24 * * *', 'hour field "*/24": step 24 is out of range; use a step from 1 to 23'],
    ['60 * * * *', 'minute field "60": 60 is out of range; use 0-59'],
    ['0 24 * * *', 'hour field "24": 24 is out of range; use 0-23'],
    ['0 0 0 * *', 'day-of-month field "0": 0 is out of range; use 1-31'],
    ['0 0 32 * *', 'day-of-month field "32": 32 is out of range; use 1-31'],
    ['0 0 * 13 *', 'month field "13": 13 is out of range; use 1-12 or jan-dec'],
    ['0 0 * * 8', 'day-of-week field "8": 8 is out of range; use 0-7 (0 and 7 are Sunday) or sun-sat'],
    ['0 0 * foo *', 'month field "foo": "foo" is not a number nor a name; use 1-12 or jan-dec'],
    ['0 0 L * *', 'day-of-month field "L": "L" is not a number; use 1-31'],
    ['5-1 * * * *', 'minute field "5-1": the range 5-1 runs backwards; put the lower value first'],
    ['5/15 * * * *', 'minute field "5/15": "5/15" has a step without a range; write 5-59/15 or */15'],
    ['1,,2 * * * *', 'minute field "1,,2": an empty item in the list'],
    ['0 0 * * 5#2', 'day-of-week field "5#2": "5#2" is not understood'],
    ['0 0 30 2 *', 'day-of-month field "30": none of the months chosen has that day'],
    [
      '* * * *',
      'expected a cron expression with 5 or 6 fields (6 when seconds come first), such as "0 8 * * *" or "*/30 * * * * *"; got 4',
    ],
    ['@daily', 'expected a cron expression with 5 or 6 fields'],
  ])('refuses %j, naming the key, the field and the fix', (expr, problem) => {
    const problems = problemsOf(() => load({ checks: expr }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`schedules.checks: ${problem}`);
  });

  it("lists every bad field of an expression on its key's one line", () => {
    expect(problemsOf(() => load({ ingest: '*/61 60 * * * *' }))).toEqual([
      'schedules.ingest: second field "*/61": step 61 is out of range; use a step from 1 to 59; minute field "60": 60 is out of range; use 0-59',
    ]);
  });

  it.each(['UTC', 'Europe/Paris', 'America/New_York'])('accepts the time zone %s', (zone) => {
    expect(load({ timezone: zone }).schedules.timezone).toBe(zone);
  });

  it('refuses an unknown time zone with the other settings problems, all at once', () => {
    const problems = problemsOf(() =>
      loadConfig(
        { PILLAR_LOG_FORMAT: 'yaml' },
        {
          readFile: files({
            'pillar.yml': withSchedules({
              ingest: '*/61 * * * * *',
              review: '0 9 1 13 *',
              timezone: 'Europe/Pariss',
            }),
          }),
        },
      ),
    );
    expect(problems).toEqual([
      'env PILLAR_LOG_FORMAT: expected json or pretty (unset: pretty on a terminal, JSON otherwise)',
      'schedules.ingest: second field "*/61": step 61 is out of range; use a step from 1 to 59',
      'schedules.review: month field "13": 13 is out of range; use 1-12 or jan-dec',
      'schedules.timezone: unknown time zone "Europe/Pariss"; use an IANA name such as UTC, Europe/Paris or America/New_York',
    ]);
  });
});

describe('PILLAR_LOG_FORMAT', () => {
  it('is unset by default (the logger then picks by terminal) and takes json or pretty', () => {
    expect(loadConfig({}, { readFile: files({}) }).env.PILLAR_LOG_FORMAT).toBeUndefined();
    expect(loadConfig({ PILLAR_LOG_FORMAT: 'json' }, { readFile: files({}) }).env.PILLAR_LOG_FORMAT).toBe(
      'json',
    );
    expect(loadConfig({ PILLAR_LOG_FORMAT: 'pretty' }, { readFile: files({}) }).env.PILLAR_LOG_FORMAT).toBe(
      'pretty',
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
