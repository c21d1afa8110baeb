import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { cronProblems } from './jobs/cron.js';

/**
 * Settings: secrets and endpoints from the environment, everything else from an optional YAML
 * file (`pillar.yml` or the path in PILLAR_CONFIG). Every problem is reported at once, one line
 * per problem, naming the key.
 */

const channelId = z
  .string()
  .regex(/^[CGD][A-Z0-9]{2,}$/, 'expected a Slack channel id such as C0123ALERTS (not a #name)');
const userOrGroup = z
  .string()
  .regex(/^(U|W|S)[A-Z0-9]{2,}$/, 'expected a Slack user id (U…/W…) or user group id (S…)');
const region = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, 'expected an AWS region such as us-east-1');
const roleArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/,
    'expected an IAM role ARN such as arn:aws:iam::111122223333:role/PillarReadOnly',
  );
/** Checked as strictly as the scheduler reads it, so a bad expression stops here with the rest (exit 2), not at start. */
const cron = z.string().superRefine((expr, ctx) => {
  const problems = cronProblems(expr);
  if (problems.length > 0) ctx.addIssue({ code: 'custom', message: problems.join('; ') });
});
/** Checked here too: node-cron would only refuse it at start. */
const timeZone = z.string().superRefine((name, ctx) => {
  if (!isTimeZone(name))
    ctx.addIssue({
      code: 'custom',
      message: `unknown time zone "${name}"; use an IANA name such as UTC, Europe/Paris or America/New_York`,
    });
});
const glob = z.string().min(1);

const Route = z
  .object({
    functions: z.array(glob).min(1).optional(),
    tags: z.record(z.string(), z.string()).optional(),
    channel: channelId,
  })
  .strict()
  .refine(
    (r) => r.functions !== undefined || r.tags !== undefined,
    'a route needs `functions` patterns or `tags`',
  );

const Account = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected a short name of letters, digits, . _ -'),
    roleArn: roleArn.optional(),
    externalId: z.string().min(2).max(1224).optional(),
    regions: z.array(region).min(1, 'list at least one region').optional(),
  })
  .strict();

const Workload = z
  .object({
    name: z.string().min(1).max(100),
    id: z.string().optional(),
    region: region.optional(),
    account: z.string().optional(),
    lenses: z.array(z.string()).optional(),
    /** The review owner: a Slack user or group (mentioned in Slack), or an e-mail address; the Tool records it. */
    owner: z
      .string()
      .regex(
        /^((U|W|S)[A-Z0-9]{2,}|[^@\s]+@[^@\s]+\.[^@\s]+)$/,
        'expected a Slack user id (U…/W…), a user group id (S…) or an e-mail address',
      )
      .optional(),
    environment: z.enum(['PRODUCTION', 'PREPRODUCTION']).optional(),
  })
  .strict();

/** A check (its id, or `*` for every check) silenced for resources matching a glob, with a reason and an end. */
const Suppression = z
  .object({
    check: z
      .string()
      .regex(/^(\*|[a-z0-9]+(-[a-z0-9]+)*)$/, 'expected a check id such as lambda-dlq-configured, or *'),
    resource: glob.max(2048).optional(),
    reason: z.string().trim().min(1, 'say why the finding can wait').max(500),
    expires: z.preprocess(
      (v) => (v instanceof Date ? v.toISOString() : v),
      z
        .string()
        .regex(
          /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?$/,
          'expected an ISO date such as 2027-01-31',
        )
        .refine((s) => Number.isFinite(Date.parse(s)), 'expected an ISO date such as 2027-01-31'),
    ),
  })
  .strict();

const FileSettings = z
  .object({
    slack: z
      .object({
        alertsChannel: channelId.optional(),
        reviewsChannel: channelId.optional(),
        routes: z.array(Route).default([]),
      })
      .strict()
      .default({ routes: [] }),
    permissions: z
      .object({
        resolve: z.array(userOrGroup).optional(),
        mute: z.array(userOrGroup).optional(),
        assign: z.array(userOrGroup).optional(),
        review: z.array(userOrGroup).optional(),
      })
      .strict()
      .default({}),
    aws: z
      .object({
        accounts: z.array(Account).default([]),
        functions: z
          .object({ include: z.array(glob).default(['*']), exclude: z.array(glob).default([]) })
          .strict()
          .default({ include: ['*'], exclude: [] }),
      })
      .strict()
      .default({ accounts: [], functions: { include: ['*'], exclude: [] } }),
    ingestion: z
      .object({
        /** Events up to this old are read again each cycle, so late arrivals are not missed. */
        overlapSeconds: z.number().int().min(0).max(3600).default(120),
        /** A group never read before, or idle for long, is read back at most this far. */
        maxLookbackMinutes: z.number().int().min(1).max(1440).default(60),
        /** FilterLogEvents pace per account and region (the quota is 5-25/s and shared with people). */
        requestsPerSecond: z.number().positive().max(25).default(5),
        /** Groups with activity this recent are read every cycle. */
        activeWindowMinutes: z.number().int().min(1).max(1440).default(10),
        /** Idle groups are read at least this often even when metrics show nothing. */
        idleSweepMinutes: z.number().int().min(1).max(1440).default(15),
        /** Upper bound of pages read from one group in one cycle; the rest waits for the next. */
        maxPagesPerGroup: z.number().int().min(1).max(1000).default(20),
        /** An invocation whose REPORT looked fine is held this long for a late failure line. */
        reportGraceSeconds: z.number().int().min(0).max(300).default(5),
        /** Use CloudWatch Invocations metrics to find which idle groups had activity. */
        metricProbe: z.boolean().default(true),
      })
      .strict()
      .default({
        overlapSeconds: 120,
        maxLookbackMinutes: 60,
        requestsPerSecond: 5,
        activeWindowMinutes: 10,
        idleSweepMinutes: 15,
        maxPagesPerGroup: 20,
        reportGraceSeconds: 5,
        metricProbe: true,
      }),
    incidents: z
      .object({
        samplesPerIncident: z.number().int().min(1).max(100).default(10),
        retentionDays: z.number().int().min(1).max(3650).default(90),
        /** An unacknowledged incident gets a thread reminder after this long… */
        remindAfterMinutes: z.number().int().min(1).max(10080).default(30),
        /** …repeated at most this often. */
        remindEveryMinutes: z.number().int().min(1).max(10080).default(60),
        /** New occurrences are summed into one thread note at most this often. */
        threadNoteMinutes: z.number().int().min(1).max(1440).default(5),
      })
      .strict()
      .default({
        samplesPerIncident: 10,
        retentionDays: 90,
        remindAfterMinutes: 30,
        remindEveryMinutes: 60,
        threadNoteMinutes: 5,
      }),
    schedules: z
      .object({
        ingest: cron.default('*/30 * * * * *'),
        checks: cron.default('0 8 * * *'),
        review: cron.default('0 9 1 1,7 *'),
        reminders: cron.default('*/5 * * * *'),
        digest: cron.default('0 9 * * *'),
        prune: cron.default('30 3 * * *'),
        timezone: timeZone.default('UTC'),
      })
      .strict()
      .default({
        ingest: '*/30 * * * * *',
        checks: '0 8 * * *',
        review: '0 9 1 1,7 *',
        reminders: '*/5 * * * *',
        digest: '0 9 * * *',
        prune: '30 3 * * *',
        timezone: 'UTC',
      }),
    /**
     * Check thresholds (under `thresholds:`, or for compatibility at the top level of `checks:`)
     * and suppressions; thresholds are validated by checks/thresholds.ts when a scan runs.
     */
    checks: z
      .object({
        thresholds: z.record(z.string(), z.unknown()).optional(),
        suppressions: z.array(Suppression).default([]),
      })
      .catchall(z.unknown())
      .default({ suppressions: [] }),
    review: z
      .object({ workloads: z.array(Workload).default([]) })
      .strict()
      .default({ workloads: [] }),
  })
  .strict();

const EnvSettings = z.object({
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, 'expected a bot token starting with xoxb- (OAuth & Permissions page of your Slack app)')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(
      /^xapp-/,
      'expected an app-level token starting with xapp- (Basic Information page, with connections:write)',
    )
    .optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .min(8, 'expected the signing secret from the Basic Information page')
    .optional(),
  SLACK_API_URL: z.url('expected a URL such as https://slack.com/api/').optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PILLAR_DB: z.string().min(1).default('./data/pillar.db'),
  PILLAR_CONFIG: z.string().min(1).optional(),
  PILLAR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: readable lines on a terminal, JSON lines otherwise. */
  PILLAR_LOG_FORMAT: z
    .enum(['json', 'pretty'], 'expected json or pretty (unset: pretty on a terminal, JSON otherwise)')
    .optional(),
  AWS_REGION: region.optional(),
  AWS_DEFAULT_REGION: region.optional(),
  AWS_ENDPOINT_URL: z.url('expected a URL such as http://127.0.0.1:4566').optional(),
});

export type FileSettings = z.infer<typeof FileSettings>;
export type AccountSettings = z.infer<typeof Account>;
export type RouteSettings = z.infer<typeof Route>;
export type IngestionSettings = FileSettings['ingestion'];
export type SuppressionSettings = z.infer<typeof Suppression>;
export type ChecksSettings = FileSettings['checks'];

export interface Settings extends FileSettings {
  env: z.infer<typeof EnvSettings>;
  /** Accounts with their regions filled in (the default region when the file names none). */
  accounts: Array<AccountSettings & { regions: string[] }>;
  /** Where the file settings came from, or null when none was found. */
  source: string | null;
}

export interface LoadConfigOptions {
  /** Reads a file; defaults to fs. Tests pass their own. */
  readFile?: (path: string) => string;
  /** The file tried when PILLAR_CONFIG is not set. */
  defaultPath?: string;
}

/** Loads and validates every setting; throws ConfigError listing every problem. */
export function loadConfig(
  env: Record<string, string | undefined>,
  options: LoadConfigOptions = {},
): Settings {
  const readFile = options.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const problems: string[] = [];

  const envResult = EnvSettings.safeParse(pickEnv(env));
  if (!envResult.success) problems.push(...formatIssues(envResult.error, 'env '));

  const explicitPath = env.PILLAR_CONFIG;
  const path = explicitPath ?? options.defaultPath ?? 'pillar.yml';
  let raw: unknown = {};
  let source: string | null = null;
  try {
    const text = readFile(path);
    source = path;
    raw = parseYaml(text) ?? {};
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(`${path}: expected a mapping of settings at the top level (slack:, aws:, …)`);
      raw = {};
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (e instanceof YAMLParseError) {
      const where = e.linePos?.[0] ? ` line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
      problems.push(`${path}:${where}: not valid YAML (${e.message.split('\n')[0]})`);
    } else if (code === 'ENOENT' && explicitPath === undefined) {
      // No settings file is fine: defaults apply.
    } else if (code === 'ENOENT') {
      problems.push(`PILLAR_CONFIG: ${path} does not exist; create it or unset PILLAR_CONFIG`);
    } else {
      problems.push(`${path}: cannot be read (${(e as Error).message})`);
    }
  }

  const fileResult = FileSettings.safeParse(raw);
  if (!fileResult.success) problems.push(...formatIssues(fileResult.error, ''));

  if (envResult.success && fileResult.success) {
    const e = envResult.data;
    if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
      problems.push(
        'env SLACK_SIGNING_SECRET: required in HTTP mode; set it, or set SLACK_APP_TOKEN for Socket Mode',
      );
    }
    const names = new Set<string>();
    for (const [i, a] of fileResult.data.aws.accounts.entries()) {
      if (names.has(a.name))
        problems.push(`aws.accounts.${i}.name: "${a.name}" is used twice; names must be unique`);
      names.add(a.name);
    }
  }

  if (problems.length > 0 || !envResult.success || !fileResult.success) throw new ConfigError(problems);

  const file = fileResult.data;
  const env2 = envResult.data;
  const defaultRegion = env2.AWS_REGION ?? env2.AWS_DEFAULT_REGION ?? 'us-east-1';
  const accounts =
    file.aws.accounts.length > 0
      ? file.aws.accounts.map((a) => ({ ...a, regions: a.regions ?? [defaultRegion] }))
      : [{ name: 'default', regions: [defaultRegion] }];
  return { ...file, env: env2, accounts, source };
}

function pickEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(EnvSettings.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') out[key] = v;
  }
  return out;
}

function formatIssues(error: z.ZodError, prefix: string): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const base = issue.path.join('.');
      for (const key of issue.keys) {
        lines.push(
          `${prefix}${base ? `${base}.` : ''}${key}: unknown setting; check the spelling against README.md`,
        );
      }
      continue;
    }
    const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    lines.push(`${prefix}${key}: ${issue.message}`);
  }
  return lines;
}

/** An IANA time zone name that this Node.js knows (node-cron and the digest format with it). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
