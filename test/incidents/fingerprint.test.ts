import { describe, expect, it } from 'vitest';
import {
  type FailureToFingerprint,
  fingerprintFailure,
  maskMessage,
  topFrame,
} from '../../src/incidents/fingerprint.js';
import type { StackFrame } from '../../src/logs/record.js';

const app = (file: string, fn?: string): StackFrame => ({
  raw: `at ${fn ?? ''} (${file})`,
  file,
  ...(fn !== undefined ? { fn } : {}),
  inApp: true,
});
const lib = (file: string, fn: string): StackFrame => ({ raw: `at ${fn} (${file})`, file, fn, inApp: false });

const base: FailureToFingerprint = {
  functionName: 'orders-api',
  failureKind: 'uncaught_exception',
  errorType: 'TypeError',
  errorMessage: "Cannot read properties of undefined (reading 'id')",
  frames: [
    lib('/var/runtime/index.mjs', 'Runtime.handle'),
    app('/var/task/src/handlers/orders.js', 'handler'),
  ],
};
const fp = (over: Partial<FailureToFingerprint>) => fingerprintFailure({ ...base, ...over }).fingerprint;

describe('maskMessage', () => {
  it.each([
    ['UUIDs', 'User 8f14e45f-ceea-467f-a0e6-1b2c3d4e5f60 not found', 'User <uuid> not found'],
    [
      'numbers with units',
      'Task timed out after 3.00 seconds, used 512MB',
      'Task timed out after <n> seconds, used <n>MB',
    ],
    [
      'URLs with credentials',
      'GET https://user:pw@api.example.com/orders/12345?x=1 failed',
      'GET <url> failed',
    ],
    [
      'ARNs',
      'User: arn:aws:sts::123456789012:assumed-role/r/s is not authorized to perform: dynamodb:PutItem',
      'User: <arn> is not authorized to perform: dynamodb:PutItem',
    ],
    ['emails', 'No account for alice.smith+test@example.co.uk', 'No account for <email>'],
    ['IPv4 with port', 'connect ECONNREFUSED 10.0.3.17:5432', 'connect ECONNREFUSED <ip>'],
    [
      'IPv6',
      'connect ETIMEDOUT 2600:1f18:abcd::1f:443 and fe80::1ff:fe23:4567:890a',
      'connect ETIMEDOUT <ip> and <ip>',
    ],
    ['ISO timestamps', 'Token expired at 2026-11-28T12:00:00.123Z', 'Token expired at <ts>'],
    ['HTTP dates', 'Signature expired: Sat, 28 Nov 2026 12:00:00 GMT', 'Signature expired: <ts>'],
    ['Go log prefixes', '2026/11/28 12:00:00 dial tcp failed', '<ts> dial tcp failed'],
    ['bare dates', 'No rates for 2026-11-28', 'No rates for <ts>'],
    ['hex strings', 'checksum deadbeef12345678 at 0x7fff5fbff8c8', 'checksum <hex> at <hex>'],
    [
      'AWS request ids',
      'RequestId V6NLMSF9PDGQ8SSSNDN9M1KKN7VV4KQNSO5AEMVJF66Q9ASUAAJG failed',
      'RequestId <id> failed',
    ],
    ['tokens', 'Invalid key wJalrXUtnFI4K7MDENG2bPxRfiCY9EXAMPLE used', 'Invalid key <token> used'],
    [
      'single quotes',
      "Cannot read properties of undefined (reading 'id')",
      'Cannot read properties of undefined (reading <str>)',
    ],
    ['double quotes', 'Missing "order 42" in table', 'Missing <str> in table'],
    ['back quotes', 'Unknown column `foo_bar` in query', 'Unknown column <str> in query'],
    [
      'key=value values',
      'Throttled tenant=acme retry=3 backoff=250ms',
      'Throttled tenant=<val> retry=<val> backoff=<val>',
    ],
    ['source positions', 'at handler (/var/task/index.js:12:34)', 'at handler (/var/task/index.js:<n>)'],
    ['whitespace', '  Bad\n\n  request\t\there  ', 'Bad request here'],
  ])('masks %s', (_name, input, expected) => {
    expect(maskMessage(input)).toBe(expected);
  });

  it.each([
    ['error words and types', 'ResourceNotFoundException: Requested resource not found'],
    ['names with digits', 'S3 upload via http2 failed in python3.12 with utf8'],
    ['apostrophes in words', "can't parse the user's input"],
    ['HTTP status codes', 'Request failed with status code 502'],
    ['exit statuses', 'Runtime exited with error: exit status 137'],
    ['scope operators', 'terminate called after throwing std::bad_alloc'],
    ['paths without positions', 'ENOENT under /opt/python/lib/site-packages'],
  ])('keeps %s', (_name, input) => {
    expect(maskMessage(input)).toBe(input);
  });

  it('gives one template for the same error with different data', () => {
    const a = maskMessage(
      "Order 1234 for bob@x.io failed at 2026-11-28T10:00:00Z: 'pending' (req 0a1b2c3d-1111-2222-3333-444455556666)",
    );
    const b = maskMessage(
      "Order 98765 for eve@y.org failed at 2026-12-01T23:59:59.999+01:00: 'shipped' (req ffffffff-aaaa-bbbb-cccc-000000000000)",
    );
    expect(a).toBe(b);
    expect(a).toBe('Order <n> for <email> failed at <ts>: <str> (req <uuid>)');
  });

  it('does bounded work on huge and hostile inputs', () => {
    const inputs = [
      'x'.repeat(5_000_000),
      '1'.repeat(1_000_000),
      'a1'.repeat(500_000),
      `${"'".repeat(100_000)}`,
      `"${'\\"'.repeat(200_000)}`,
      ':'.repeat(100_000),
      'f:'.repeat(100_000),
      `${'1.'.repeat(100_000)}`,
      `${'ab@'.repeat(100_000)}`,
      `${'=a'.repeat(100_000)}`,
    ];
    const started = performance.now();
    for (const input of inputs) expect(maskMessage(input).length).toBeLessThanOrEqual(2000);
    // Generous bound: each input is cut to 2,000 characters before any regex runs.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('topFrame', () => {
  it('is the first in-app frame as file:function without positions', () => {
    expect(topFrame(base.frames)).toBe('src/handlers/orders.js:handler');
  });

  it.each([
    ['drops the deploy root', [app('/var/task/app.py', 'lambda_handler')], 'app.py:lambda_handler'],
    [
      'keeps the last three segments',
      [app('/home/u/go/src/github.com/acme/svc/main.go', 'main.handler')],
      'acme/svc/main.go:main.handler',
    ],
    ['strips a leftover position', [app('file:///var/task/a/b.mjs:3:1', 'run')], 'a/b.mjs:run'],
    [
      'masks bundle hashes',
      [app('/var/task/dist/main.3f2a1b9c.js', 'handler')],
      'dist/main.<hex>.js:handler',
    ],
    [
      'uses the function alone without a file',
      [{ raw: 'x', fn: 'com.acme.Handler.handle', inApp: true }],
      'com.acme.Handler.handle',
    ],
    ['uses the file alone without a function', [app('/var/task/index.js')], 'index.js'],
    [
      'normalises Windows separators',
      [app('C:\\build\\Orders\\Api\\Handler.cs', 'Orders.Handler.Run')],
      'Orders/Api/Handler.cs:Orders.Handler.Run',
    ],
  ])('%s', (_name, frames, expected) => {
    expect(topFrame(frames)).toBe(expected);
  });

  it('is undefined without in-app frames', () => {
    expect(topFrame(undefined)).toBeUndefined();
    expect(topFrame([])).toBeUndefined();
    expect(topFrame([lib('/var/runtime/index.mjs', 'Runtime.handle')])).toBeUndefined();
  });
});

describe('fingerprintFailure', () => {
  it('is 32 hex characters and carries the template and top frame', () => {
    const r = fingerprintFailure(base);
    expect(r.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(r.template).toBe('Cannot read properties of undefined (reading <str>)');
    expect(r.topFrame).toBe('src/handlers/orders.js:handler');
  });

  it.each<[string, Partial<FailureToFingerprint>, Partial<FailureToFingerprint>]>([
    [
      'ids in the message',
      { errorMessage: 'Order 8f14e45f-ceea-467f-a0e6-1b2c3d4e5f60 not found' },
      { errorMessage: 'Order 0a1b2c3d-1111-2222-3333-444455556666 not found' },
    ],
    [
      'numbers in the message',
      { errorMessage: 'Expected 3 items, got 7' },
      { errorMessage: 'Expected 12 items, got 0' },
    ],
    [
      'URLs in the message',
      { errorMessage: 'GET https://a.example.com/x/1 returned 503' },
      { errorMessage: 'GET https://b.example.com/y/22 returned 503' },
    ],
    ['whitespace in the message', { errorMessage: 'Bad  request' }, { errorMessage: 'Bad\nrequest ' }],
    [
      'line numbers of the top frame',
      { frames: [app('/var/task/src/handlers/orders.js:12:9', 'handler')] },
      { frames: [app('/var/task/src/handlers/orders.js:48:3', 'handler')] },
    ],
    [
      'library frames above the top in-app frame',
      {
        frames: [
          lib('/var/task/node_modules/pg/lib/client.js', 'Client.query'),
          app('/var/task/db.js', 'save'),
        ],
      },
      {
        frames: [
          lib('/var/task/node_modules/pg/lib/connection.js', 'Connection.parse'),
          app('/var/task/db.js', 'save'),
        ],
      },
    ],
    [
      'timeout messages',
      { failureKind: 'timeout', errorType: undefined, errorMessage: 'Task timed out after 3.00 seconds' },
      { failureKind: 'timeout', errorType: undefined, errorMessage: undefined, frames: [] },
    ],
    [
      'out-of-memory details',
      {
        failureKind: 'out_of_memory',
        errorType: 'Runtime.OutOfMemory',
        errorMessage: 'Max memory used: 128 MB',
      },
      { failureKind: 'out_of_memory', errorType: 'Runtime.ExitError', errorMessage: 'signal: killed' },
    ],
    [
      'init error stacks',
      {
        failureKind: 'init_error',
        errorType: 'Runtime.ImportModuleError',
        frames: [app('/var/task/a.js', 'load')],
      },
      {
        failureKind: 'init_error',
        errorType: 'Runtime.ImportModuleError',
        frames: [app('/var/task/b.js', 'boot')],
      },
    ],
  ])('is the same across %s', (_name, a, b) => {
    expect(fp(a)).toBe(fp(b));
  });

  it.each<[string, Partial<FailureToFingerprint>]>([
    ['another function', { functionName: 'billing-api' }],
    ['another kind', { failureKind: 'error_log' }],
    ['another error type', { errorType: 'RangeError' }],
    ['another message shape', { errorMessage: 'Cannot read properties of null' }],
    ['another in-app top frame', { frames: [app('/var/task/src/handlers/refunds.js', 'handler')] }],
    ['another function at the same file', { frames: [app('/var/task/src/handlers/orders.js', 'validate')] }],
    ['no in-app frame', { frames: [lib('/var/runtime/index.mjs', 'Runtime.handle')] }],
    ['another account', { account: '222233334444' }],
    ['another region', { region: 'eu-west-1' }],
    ['another init error type', { failureKind: 'init_error', errorType: 'Runtime.UserCodeSyntaxError' }],
  ])('differs for %s', (_name, over) => {
    expect(fp(over)).not.toBe(fp({}));
  });

  it('keeps exit statuses apart for runtime exits', () => {
    const exit = (code: number) =>
      fp({
        failureKind: 'runtime_exit',
        errorType: 'Runtime.ExitError',
        errorMessage: `Runtime exited with error: exit status ${code}`,
        frames: [],
      });
    expect(exit(1)).not.toBe(exit(137));
  });

  it.each([
    ['timeout', 'Task timed out'],
    ['out_of_memory', 'Out of memory'],
    ['init_error', 'Init failed'],
    ['runtime_exit', 'Runtime exited'],
    ['uncaught_exception', 'Uncaught exception'],
    ['error_log', 'Error logged'],
  ] as const)('names a %s without a message %j', (failureKind, template) => {
    expect(fingerprintFailure({ functionName: 'f', failureKind }).template).toBe(template);
  });

  it('names timeouts by their kind even with a message, since the message is not grouped on', () => {
    const r = fingerprintFailure({
      functionName: 'f',
      failureKind: 'timeout',
      errorMessage: 'Task timed out after 9.01 seconds',
    });
    expect(r.template).toBe('Task timed out');
  });

  it('fingerprints a huge message quickly and like its first 2,000 characters', () => {
    const head = 'Payload rejected: '.padEnd(2000, 'x');
    const started = performance.now();
    const huge = fp({ errorMessage: `${head}${'y'.repeat(4_000_000)}` });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(huge).toBe(fp({ errorMessage: `${head}zzz` }));
  });
});
