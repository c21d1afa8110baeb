import type { AddressInfo } from 'node:net';
import { logStreamName, renderInvocation, startSimAws } from '../sim/aws/index.js';
import { startSlackStandIn } from '../sim/slack/index.js';
import { assemblePillar, startPillar } from '../src/app/assemble.js';
import { createAwsClients } from '../src/aws/clients.js';
import { loadConfig, type Settings } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { createIncidentService } from '../src/incidents/service.js';
import { runIngestCycle } from '../src/ingest/poller.js';
import { silentLogger } from '../src/logger.js';
import { FakeClock } from '../test/helpers/clock.js';

/**
 * Alert storm: 10,000 failures across 50 functions within one minute, through the real
 * ingestion and delivery, against the simulated account and the Slack stand-in (whose rate
 * limit is Slack's: about one post per channel per second). Time is simulated.
 */
export async function benchStorm(): Promise<void> {
  const FUNCTIONS = 50;
  const FAILURES = 10_000;
  const clock = new FakeClock(Date.parse('2026-11-28T12:00:00Z'));
  const sim = await startSimAws({ clock });
  const secret = 'bench-signing-secret-0123456789abcdef';
  const slack = await startSlackStandIn({ signingSecret: secret, clock });
  const ALERTS = 'C0ALERTS01';
  const base = loadConfig({}, { readFile: () => '' });
  const settings: Settings = {
    ...base,
    slack: { ...base.slack, alertsChannel: ALERTS },
    accounts: [{ name: 'prod', regions: ['us-east-1'] }],
    ingestion: { ...base.ingestion, maxPagesPerGroup: 1000, requestsPerSecond: 25 },
  };
  const runtimes = ['nodejs20.x', 'python3.12', 'java21', 'provided.al2023'] as const;
  const stormStart = clock.now() + 10_000;
  let written = 0;
  for (let f = 0; f < FUNCTIONS; f++) {
    const name = `storm-fn-${String(f).padStart(2, '0')}`;
    const runtime = runtimes[f % runtimes.length]!;
    sim.state.addFunction('111122223333', 'us-east-1', {
      name,
      runtime,
      memorySize: 512,
      timeout: 10,
      logFormat: 'Text',
    });
    sim.state.createLogGroup('111122223333', 'us-east-1', `/aws/lambda/${name}`);
    const per = FAILURES / FUNCTIONS;
    const streams = 8;
    for (let i = 0; i < per; i++) {
      const at = stormStart + Math.floor((i / per) * 60_000) + f * 7;
      const requestId = `${String(f).padStart(8, '0')}-1111-4222-8333-${String(i).padStart(12, '0')}`;
      const events = renderInvocation({
        runtime,
        format: 'Text',
        functionName: name,
        memorySizeMB: 512,
        timeoutSec: 10,
        requestId,
        start: at,
        outcome: f % 10 === 9 ? 'timeout' : 'uncaught_exception',
        error: { type: `StormError${f}`, message: `upstream ${f} failed for order ${i}` },
      });
      const stream = logStreamName(stormStart, (f * streams + (i % streams)).toString(16).padStart(32, '0'));
      sim.state.putLogEvents(
        '111122223333',
        'us-east-1',
        `/aws/lambda/${name}`,
        stream,
        events.map((e) => ({ ...e, ingestionTime: e.timestamp + 2_000 })),
      );
      written++;
    }
  }

  const db = openDatabase(':memory:');
  const logger = silentLogger();
  const aws = createAwsClients({
    accounts: settings.accounts,
    endpoint: sim.url,
    credentials: sim.credentials('111122223333'),
    maxAttempts: 3,
  });
  const incidents = createIncidentService({ db, clock, logger });
  const pillar = assemblePillar(
    { settings, logger, clock, db, aws, incidents },
    { botToken: slack.botToken, signingSecret: secret, apiUrl: slack.apiUrl },
  );
  await startPillar(pillar, { port: 0, schedule: false });
  slack.setAppUrl(`http://127.0.0.1:${(pillar.server!.address() as AddressInfo).port}/slack/events`);

  const wall = process.hrtime.bigint();
  const posted = new Map<number, number>();
  const editsByTs = new Map<string, number[]>();
  slack.on('call', (c) => {
    if (!c.ok) return;
    const args = c.args as {
      thread_ts?: string;
      ts?: string;
      metadata?: { event_payload?: { incident_id?: number } };
    };
    if (c.method === 'chat.postMessage' && !args.thread_ts) {
      const id = args.metadata?.event_payload?.incident_id;
      if (id !== undefined) posted.set(id, clock.now());
    }
    if (c.method === 'chat.update' && args.ts)
      editsByTs.set(args.ts, [...(editsByTs.get(args.ts) ?? []), clock.now()]);
  });
  // The service's rhythm: ingestion every 30 s, delivery every 2 s, for five simulated minutes.
  clock.set(stormStart);
  let ingestRequests = 0;
  for (let t = 0; t <= 5 * 60_000; t += 2_000) {
    if (t % 30_000 === 0)
      ingestRequests += (await runIngestCycle({ db, clock, logger, settings, clients: aws, incidents }))
        .requests;
    await pillar.delivery!.drain();
    clock.advance(2_000);
  }
  const wallMs = Number(process.hrtime.bigint() - wall) / 1e6;

  const calls = slack.calls.all();
  const byKind = new Map<string, number>();
  for (const c of calls) {
    const key =
      c.method === 'chat.postMessage'
        ? (c.args as { thread_ts?: string }).thread_ts
          ? 'chat.postMessage (thread)'
          : 'chat.postMessage (alert)'
        : c.method;
    byKind.set(key, (byKind.get(key) ?? 0) + 1);
  }
  const limited = calls.filter((c) => c.status === 429).length;
  const incidentCount = incidents.counts();
  const lastPosted = Math.max(...posted.values());
  let worstEditsIn10s = 0;
  for (const times of editsByTs.values()) {
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + 10_000).length;
      worstEditsIn10s = Math.max(worstEditsIn10s, inWindow);
    }
  }
  const totalOccurrences = incidents.list({ limit: 500 }).reduce((n, i) => n + i.occurrences, 0);
  console.log('\n## Alert storm: 10,000 failures across 50 functions within one minute (simulated time)');
  console.log(
    `failures written ${written.toLocaleString('en-US')}, counted ${totalOccurrences.toLocaleString('en-US')} in ${Object.values(incidentCount).reduce((a, b) => a + b, 0)} incidents; ${ingestRequests} AWS requests`,
  );
  console.log(`Slack calls by kind: ${[...byKind.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(
    `429s received ${limited}, all retried after Retry-After; alerts posted ${posted.size} (one per incident: ${posted.size === Object.values(incidentCount).reduce((a, b) => a + b, 0) ? 'yes' : 'NO'})`,
  );
  console.log(
    `last incident posted ${((lastPosted - stormStart) / 1000).toFixed(0)} s after the storm began; most edits of one message in any 10 s: ${worstEditsIn10s}`,
  );
  console.log(
    `wall time ${(wallMs / 1000).toFixed(1)} s, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
  );

  await pillar.stop();
  await slack.close();
  await sim.close();
}
