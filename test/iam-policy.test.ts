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
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path.endsWith(join('src', 'sim')) ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every `XxxCommand` imported from an AWS SDK client in product code (the simulator excluded). */
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
        actions.add(`${prefix}:${name.replace(/Command$/, '')}`);
      }
    }
  }
  return actions;
}

function policyActions(): Set<string> {
  const policy = JSON.parse(readFileSync('docs/iam-policy.json', 'utf8')) as {
    Statement: Array<{ Effect: string; Action: string | string[] }>;
  };
  return new Set(policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat()));
}

describe('docs/iam-policy.json', () => {
  it('allows every AWS operation the code sends, and nothing it does not', () => {
    const sent = actionsTheCodeSends();
    const allowed = policyActions();
    expect(sent.size).toBeGreaterThan(0);
    expect([...sent].filter((a) => !allowed.has(a)).sort()).toEqual([]);
    expect([...allowed].filter((a) => !sent.has(a)).sort()).toEqual([]);
  });

  it('is read-only', () => {
    for (const action of policyActions()) {
      // StartQuery runs a Logs Insights query: it reads, though its name does not say so.
      expect(action).toMatch(/:(Describe|List|Get|Filter|BatchGet|Query|StartQuery$)/);
    }
  });
});
