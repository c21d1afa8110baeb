import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The IAM prefix of each AWS SDK client package the product code uses. */
const servicePrefix: Record<string, string> = {
  'client-cloudwatch-logs': 'logs',
  'client-cloudwatch': 'cloudwatch',
  'client-lambda': 'lambda',
  'client-sts': 'sts',
  'client-sqs': 'sqs',
  'client-dynamodb': 'dynamodb',
  'client-sfn': 'states',
  'client-sns': 'sns',
  'client-kinesis': 'kinesis',
  'client-eventbridge': 'events',
  'client-wellarchitected': 'wellarchitected',
  // API Gateway authorizes by HTTP method: every read is apigateway:GET on the resource's path.
  'client-api-gateway': 'apigateway',
  'client-apigatewayv2': 'apigateway',
};

/** The IAM action an SDK command needs. */
function actionOf(prefix: string, command: string): string {
  if (prefix === 'apigateway') {
    if (!command.startsWith('Get'))
      throw new Error(`API Gateway ${command} is not a read: Pillar only reads`);
    return 'apigateway:GET';
  }
  return `${prefix}:${command}`;
}

/** The statement holding the Well-Architected Tool actions of reviews, the only writes Pillar makes. */
const REVIEW_SID = 'PillarWellArchitectedReview';
const reviewWrites = new Set([
  'wellarchitected:CreateWorkload',
  'wellarchitected:AssociateLenses',
  'wellarchitected:UpdateAnswer',
  'wellarchitected:CreateMilestone',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every `XxxCommand` imported from an AWS SDK client in product code (the simulator lives outside src/). */
function actionsTheCodeSends(): Set<string> {
  const actions = new Set<string>();
  const importRe = /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/(client-[a-z0-9-]+)'/g;
  for (const file of [...sourceFiles('src'), ...(existsSync('checks') ? sourceFiles('checks') : [])]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const prefix = servicePrefix[m[2]!];
      for (const raw of m[1]!.split(',')) {
        const name = raw
          .replace(/^\s*type\s+/, '')
          .trim()
          .split(/\s+as\s+/)[0]!;
        if (!name.endsWith('Command') || raw.trim().startsWith('type ')) continue;
        if (!prefix) throw new Error(`${file}: add @aws-sdk/${m[2]} to servicePrefix in this test`);
        actions.add(actionOf(prefix, name.replace(/Command$/, '')));
      }
    }
  }
  return actions;
}

interface PolicyStatement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
}

function statements(): PolicyStatement[] {
  return (JSON.parse(readFileSync('docs/iam-policy.json', 'utf8')) as { Statement: PolicyStatement[] })
    .Statement;
}

function policyActions(): Set<string> {
  return new Set(
    statements()
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) => [s.Action].flat()),
  );
}

describe('docs/iam-policy.json', () => {
  it('allows every AWS operation the code sends, and nothing it does not', () => {
    const sent = actionsTheCodeSends();
    const allowed = policyActions();
    expect(sent.size).toBeGreaterThan(0);
    expect([...sent].filter((a) => !allowed.has(a)).sort()).toEqual([]);
    expect([...allowed].filter((a) => !sent.has(a)).sort()).toEqual([]);
  });

  it('is read-only, except the review statement, which writes to the Well-Architected Tool only', () => {
    for (const statement of statements()) {
      for (const action of [statement.Action].flat()) {
        if (statement.Sid === REVIEW_SID && reviewWrites.has(action)) continue;
        // StartQuery runs a Logs Insights query: it reads, though its name does not say so.
        expect(action, statement.Sid).toMatch(/:(Describe|List|Get|Filter|BatchGet|Query|StartQuery$|GET$)/);
      }
    }
    const review = statements().find((s) => s.Sid === REVIEW_SID);
    expect(review, `a ${REVIEW_SID} statement`).toBeDefined();
    for (const action of [review!.Action].flat()) expect(action).toMatch(/^wellarchitected:/);
  });
});
