import { createReadStream } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import {
  type CheckService,
  type CheckSeverity,
  checkServices,
  checkSeverities,
  type Pillar,
  pillars,
} from '../../checks/types.js';
import { ConfigError, isPillarError, PillarError, UsageError } from '../errors.js';
import { formatCycleReport } from '../ingest/report.js';
import { buildContext } from './context.js';
import { type CliIo, defaultIo } from './io.js';

/**
 * `pillar` commands. Returns the exit code: 0 success, 1 the command ran and found a problem
 * (or failed), 2 bad usage or settings.
 */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const program = new Command();
  let exitCode = 0;
  const out = (s: string) => io.stdout.write(s.endsWith('\n') ? s : `${s}\n`);

  program
    .name('pillar')
    .description('Pillar: Lambda failure detection, incidents and Well-Architected checks, in Slack.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run `pillar --help` for the commands)');

  program
    .command('classify')
    .description('Classify Lambda log events from FILE or standard input; one JSON object per event')
    .argument('[file]', 'file to read (standard input when omitted or -)')
    .option(
      '--events',
      'each input line is a JSON CloudWatch Logs event ({"message": …}), so messages can hold newlines',
    )
    .addOption(new Option('--format <format>', 'log format hint for the group').choices(['Text', 'JSON']))
    .action(async (file: string | undefined, opts: { events?: boolean; format?: 'Text' | 'JSON' }) => {
      const { classifyStream } = await import('../logs/classify.js');
      const input = file && file !== '-' ? createReadStream(file) : io.stdin;
      const opened = new Promise<void>((resolve, reject) => {
        if (input === io.stdin) return resolve();
        (input as NodeJS.ReadableStream).once('open', () => resolve());
        (input as NodeJS.ReadableStream).once('error', (e: NodeJS.ErrnoException) =>
          reject(
            new PillarError(
              'input_invalid',
              e.code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${e.message}`,
              { cause: e },
            ),
          ),
        );
      });
      await opened;
      const result = await classifyStream(input, io.stdout, {
        events: opts.events ?? false,
        ...(opts.format ? { format: opts.format } : {}),
      });
      if (result.invalid > 0) {
        io.stderr.write(
          `pillar classify: ${result.invalid} of ${result.events + result.invalid} input lines were not valid events (see the "error" objects in the output).\n`,
        );
        exitCode = 1;
      }
    });

  program
    .command('ingest')
    .description('Read CloudWatch Logs of every configured account and region, and open or update incidents')
    .option('--once', 'run one cycle and exit (the only mode; the service runs cycles on its schedule)')
    .option('--json', 'print the cycle report as JSON')
    .action(async (opts: { once?: boolean; json?: boolean }) => {
      if (!opts.once)
        throw new PillarError(
          'cli_usage',
          'pillar ingest needs --once; `pillar start` runs ingestion on its schedule.',
        );
      const { runIngestCycle } = await import('../ingest/poller.js');
      const ctx = buildContext({ env: io.env });
      try {
        const report = await runIngestCycle({
          db: ctx.db,
          clock: ctx.clock,
          logger: ctx.logger,
          settings: ctx.settings,
          clients: ctx.aws,
          incidents: ctx.incidents,
        });
        out(opts.json ? JSON.stringify(report, null, 2) : formatCycleReport(report, ctx.incidents));
        if (report.targets > 0 && report.targetsFailed === report.targets) exitCode = 1;
      } finally {
        ctx.close();
      }
    });

  program
    .command('migrate')
    .description('Apply database migrations (also done at start)')
    .action(async () => {
      const ctx = buildContext({ env: io.env });
      out(`Database ${ctx.settings.env.PILLAR_DB} is up to date.`);
      ctx.close();
    });

  program
    .command('demo')
    .description('Run Pillar against a simulated AWS account and a local Slack page (no accounts needed)')
    .option('--port <port>', 'port of the web page (the Slack stand-in); 0 picks a free one', '4000')
    .option('--speed <n>', 'scenario time compression (1 = real time)', '1')
    .option('--interval <seconds>', 'seconds between ingestion cycles', '3')
    .option('--duration <seconds>', 'stop after this many seconds (default: run until Ctrl-C)')
    .addOption(
      new Option('--scenario <name>', 'the scenario to play').choices(['default']).default('default'),
    )
    .action(async (opts: { port: string; speed: string; interval: string; duration?: string }) => {
      const { runDemo } = await import('./demo.js');
      exitCode = await runDemo({
        io,
        pagePort: Number(opts.port),
        speed: Number(opts.speed),
        intervalSeconds: Number(opts.interval),
        ...(opts.duration ? { durationSeconds: Number(opts.duration) } : {}),
      });
    });

  program
    .command('start')
    .description(
      'Run the service: the Slack app and the schedule table (ingestion, delivery, checks, digest)',
    )
    .action(async () => {
      const { runService } = await import('./start.js');
      exitCode = await runService({ io });
    });

  program
    .command('scan')
    .description('Run the Well-Architected checks once over every configured account and region')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addOption(new Option('--pillar <pillar>', 'only this pillar').choices([...pillars]))
    .addOption(new Option('--service <service>', 'only this service').choices([...checkServices]))
    .addOption(
      new Option('--fail-on <severity>', 'exit code 1 when a failure at or above this severity is found')
        .choices([...checkSeverities])
        .default('high'),
    )
    .action(
      async (opts: {
        format: 'table' | 'json';
        pillar?: Pillar;
        service?: CheckService;
        failOn: CheckSeverity;
      }) => {
        const { runScan, formatScanTable, scanJson } = await import('../findings/scan.js');
        const ctx = buildContext({ env: io.env });
        try {
          const isTty = (io.stderr as { isTTY?: boolean }).isTTY === true;
          const report = await runScan(ctx, {
            failOn: opts.failOn,
            ...(opts.pillar ? { pillar: opts.pillar } : {}),
            ...(opts.service ? { service: opts.service } : {}),
            ...(isTty ? { progress: (line: string) => io.stderr.write(`${line}\n`) } : {}),
          });
          out(opts.format === 'json' ? JSON.stringify(scanJson(report), null, 2) : formatScanTable(report));
          if (report.failed) exitCode = 1;
        } finally {
          ctx.close();
        }
      },
    );

  program
    .command('review')
    .description(
      'Run the Well-Architected review of a workload: find or create it, read the answers, propose answers from the checks',
    )
    .requiredOption('--workload <name>', 'the workload, as named under review.workloads in the settings')
    .option('--dry-run', 'print what the review would write and its proposals; write nothing')
    .option(
      '--apply-proposals',
      'apply every proposal that changes an answer (you approve them by passing this)',
    )
    .option('--finish', 'record the milestone and print the summary (risk change per pillar)')
    .option('--report <file>', 'with --finish: save the lens review report (PDF) to this file')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(
      async (opts: {
        workload: string;
        dryRun?: boolean;
        applyProposals?: boolean;
        finish?: boolean;
        report?: string;
        format: 'text' | 'json';
      }) => {
        if (opts.dryRun && (opts.applyProposals || opts.finish))
          throw new UsageError('--dry-run writes nothing: leave out --apply-proposals and --finish.');
        if (opts.report && !opts.finish)
          throw new UsageError('--report needs --finish (the report follows the milestone).');
        const { createReviewService } = await import('../review/service.js');
        const { formatPlan, formatReview, formatSummary } = await import('../review/format.js');
        const ctx = buildContext({ env: io.env });
        try {
          const reviews = createReviewService(ctx);
          const json = opts.format === 'json';
          if (opts.dryRun) {
            const plan = await reviews.plan(opts.workload);
            out(json ? JSON.stringify(plan, null, 2) : formatPlan(plan));
            return;
          }
          let { review } = await reviews.start(opts.workload, { trigger: 'cli', by: 'cli' });
          if (opts.applyProposals) {
            for (const q of review.questions.filter((x) => x.proposal?.changes))
              review = await reviews.applyProposal(review.id, q.lens, q.questionId, 'cli');
          }
          if (!opts.finish) {
            out(json ? JSON.stringify(review, null, 2) : formatReview(review));
            return;
          }
          const summary = await reviews.finish(review.id, 'cli');
          if (opts.report && summary.report) {
            const { writeFileSync } = await import('node:fs');
            writeFileSync(opts.report, summary.report.pdf);
          }
          out(
            json
              ? JSON.stringify({ ...summary, report: summary.report?.filename }, null, 2)
              : formatSummary(summary),
          );
        } finally {
          ctx.close();
        }
      },
    );

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof ConfigError) {
      io.stderr.write(`${e.message}\n`);
      return 2;
    }
    if (isPillarError(e)) {
      io.stderr.write(`pillar: ${e.message}\n`);
      return e.code === 'cli_usage' || e.code === 'input_invalid' ? 2 : 1;
    }
    io.stderr.write(`pillar: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
