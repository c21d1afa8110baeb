import { describe, expect, it } from 'vitest';
import { isSecretKey, maskSecretShapes, maskSecrets } from '../src/redact.js';
import { SECRET_LINE, SECRETS } from './slack/blocks/fixtures.js';

const MB10 = 10 * 1024 * 1024;

describe('maskSecrets', () => {
  it('masks AWS access key ids, keeping the prefix', () => {
    expect(maskSecrets(`key ${SECRETS.awsKeyId} used`)).toBe('key AKIA…**** used');
    expect(maskSecrets('ASIAY34FZKBOKMUTVV7A')).toBe('ASIA…****');
  });

  it('masks a secret access key next to its key id', () => {
    const out = maskSecrets(`${SECRETS.awsKeyId} ${SECRETS.awsSecret}`);
    expect(out).not.toContain(SECRETS.awsSecret);
    expect(out).toBe('AKIA…**** ****');
  });

  it('masks a secret access key after its key name', () => {
    for (const line of [
      `aws_secret_access_key=${SECRETS.awsSecret}`,
      `"SecretAccessKey": "${SECRETS.awsSecret}"`,
      `secret: ${SECRETS.awsSecret}`,
    ]) {
      expect(maskSecrets(line)).not.toContain(SECRETS.awsSecret);
    }
    expect(maskSecrets(`"SecretAccessKey": "${SECRETS.awsSecret}"`)).toBe('"SecretAccessKey": "****"');
  });

  it('leaves a 40-character token alone when no key id is near (a commit hash is no secret)', () => {
    const sha = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';
    expect(maskSecrets(`deployed ${sha}`)).toBe(`deployed ${sha}`);
    const far = `${SECRETS.awsKeyId}${' '.repeat(400)}${sha}`;
    expect(maskSecrets(far).endsWith(sha)).toBe(true);
    expect(maskSecrets(`${sha} ${SECRETS.awsKeyId}`)).toBe('**** AKIA…****');
  });

  it('masks Slack tokens and webhooks', () => {
    expect(maskSecrets(`token ${SECRETS.slackToken}`)).toBe('token xoxb-****');
    expect(maskSecrets('xapp-1-A0123-456-abcdef')).toBe('xapp-****');
    expect(maskSecrets('https://hooks.slack.com/services/T000/B000/XXXXXXXX')).toBe(
      'https://hooks.slack.com/services/****',
    );
  });

  it('masks JWTs', () => {
    expect(maskSecrets(`got ${SECRETS.jwt} back`)).toBe('got eyJ…**** back');
  });

  it('masks PEM private keys, also when the END line was cut off', () => {
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${SECRETS.pemBody}\nAAAA==\n-----END RSA PRIVATE KEY-----`;
    expect(maskSecrets(`key: ${pem} done`)).toBe(
      'key: -----BEGIN RSA PRIVATE KEY-----****-----END RSA PRIVATE KEY----- done',
    );
    const cutPem = `-----BEGIN PRIVATE KEY-----\\n${SECRETS.pemBody}`;
    expect(maskSecrets(cutPem)).toBe('-----BEGIN PRIVATE KEY-----****');
    expect(maskSecrets('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=')).not.toContain(
      'b3BlbnNzaC1rZXk',
    );
  });

  it('masks passwords in URLs and keeps the rest readable', () => {
    expect(maskSecrets('connect postgres://app:hunter2@db:5432/orders failed')).toBe(
      'connect postgres://app:****@db:5432/orders failed',
    );
    expect(maskSecrets('redis://:s3cret@cache')).toBe('redis://:****@cache');
    expect(maskSecrets('https://example.com:8080/a@b')).toBe('https://example.com:8080/a@b');
  });

  it.each([
    ['password=hunter2', 'password=****'],
    ['PASSWORD=hunter2 next', 'PASSWORD=**** next'],
    ['db_password: hunter2', 'db_password: ****'],
    ['{"password":"hunter2","user":"app"}', '{"password":"****","user":"app"}'],
    ['{\\"password\\":\\"hunter2\\"}', '{\\"password\\":\\"****\\"}'],
    ["{ apiKey: 'abc123' }", "{ apiKey: '****' }"],
    ['?token=abc&page=2', '?token=****&page=2'],
    ['x-api-key: abcdef', 'x-api-key: ****'],
    ['client_secret=abc', 'client_secret=****'],
    ['AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEXAMPLE', 'AWS_SESSION_TOKEN=****'],
    ['Authorization: Bearer abc.def', 'Authorization: Bearer ****'],
    ['authorization: Basic dXNlcjpwYXNz', 'authorization: Basic ****'],
    ['Cookie: session=abc; theme=dark', 'Cookie: ****'],
    ['sessionId=abc', 'sessionId=****'],
    ['PGPASSWORD=hunter2', 'PGPASSWORD=****'],
    ['passwd = hunter2', 'passwd = ****'],
  ])('masks the value of a secret-looking key: %s', (input, out) => {
    expect(maskSecrets(input)).toBe(out);
  });

  it.each([
    'TokenExpiredError: jwt expired',
    'SecretsManager: ResourceNotFoundException',
    'author: ana',
    'key=orders/2026/11/28.json',
    'password=null',
    'token: undefined',
    'tokens_used=5',
  ])('leaves non-secrets alone: %s', (line) => {
    expect(maskSecrets(line)).toBe(line);
  });

  it('masks standalone bearer tokens and vendor tokens', () => {
    expect(maskSecrets('sent Bearer abcdefghijklmnopqrstuvwxyz012345')).toBe('sent Bearer ****');
    expect(maskSecrets('ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toBe('ghp_****');
    expect(maskSecrets('STS IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH')).toBe('STS IQoJb3JpZ2lu…****');
  });

  it('masks everything in one line with many secrets', () => {
    const out = maskSecrets(SECRET_LINE);
    for (const s of Object.values(SECRETS)) expect(out).not.toContain(s);
    expect(out).toContain('AKIA…****');
    expect(out).toContain('postgres://app:****@db');
  });

  it('treats key names by their last word', () => {
    expect(isSecretKey('dbPassword')).toBe(true);
    expect(isSecretKey('aws_secret_access_key')).toBe(true);
    expect(isSecretKey('X-Amz-Security-Token')).toBe(true);
    expect(isSecretKey('TokenExpiredError')).toBe(false);
    expect(isSecretKey('authorId')).toBe(false);
    expect(isSecretKey('key')).toBe(false);
  });

  it.each([
    ['letters', () => 'a'.repeat(MB10)],
    ['JWT starts', () => 'eyJ'.repeat(MB10 / 3)],
    ['URL schemes', () => 'a://b:'.repeat(MB10 / 6)],
    ['PEM begins', () => '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(MB10 / 32)],
    ['key=value pairs', () => 'password=x '.repeat(MB10 / 11)],
    ['base64', () => 'A/+='.repeat(MB10 / 4)],
    ['key ids', () => `${SECRETS.awsKeyId} `.repeat(MB10 / 21)],
    ['key ids and secrets', () => `${SECRETS.awsKeyId} ${SECRETS.awsSecret} `.repeat(MB10 / 62)],
    ['escaped quotes', () => '\\"password\\":\\"'.repeat(MB10 / 16)],
  ])('masks a 10 MB line of %s in bounded time', (_name, make) => {
    const s = make();
    const t = performance.now();
    const out = maskSecrets(s);
    expect(performance.now() - t).toBeLessThan(5000);
    expect(typeof out).toBe('string');
  });
});

describe('maskSecretShapes', () => {
  it('masks what looks like a credential but keeps advice that names one', () => {
    const advice = 'Slack rejected the bot token: check SLACK_BOT_TOKEN (xoxb-…) and reinstall the app.';
    expect(maskSecretShapes(advice)).toBe(advice);
    expect(maskSecrets(advice)).not.toBe(advice);
    expect(maskSecretShapes(`use ${SECRETS.awsKeyId} now`)).toBe('use AKIA…**** now');
    expect(maskSecretShapes('token xoxb-1234567890-abcdefghij')).toBe('token xoxb-****');
  });
});
