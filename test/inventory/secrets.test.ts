import { describe, expect, it } from 'vitest';
import { looksLikeSecret } from '../../src/inventory/index.js';

describe('looksLikeSecret', () => {
  it('flags credential formats whatever the name, and literal values of secret-sounding names', () => {
    const secret: [string, string][] = [
      ['CONFIG', 'AKIAIOSFODNN7SIMTEST'],
      ['HOOK', 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX'],
      ['DB', 'mysql://app:pa55word@db:3306/app'],
      ['STRIPE', 'sk_live_51H8abcdefghijklmnopqrst'],
      ['DB_PASSWORD', 'hunter2hunter2'],
      ['githubToken', 'plain-looking-value'],
      ['PRIVATE_KEY', '-----BEGIN RSA PRIVATE KEY-----\nMIIEow'],
    ];
    for (const [name, value] of secret) expect(looksLikeSecret(name, value), name).toBe(true);
  });

  it('leaves references to secret stores, flags, numbers and ordinary settings alone', () => {
    const plain: [string, string][] = [
      ['DB_PASSWORD', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf'],
      ['API_KEY', '/prod/payments/api-key'],
      ['API_TOKEN', '{{resolve:secretsmanager:token}}'],
      ['AUTH_TOKEN', 'true'],
      ['SECRET_KEY', '3600'],
      ['TOKEN_TTL', 'a-long-value-but-not-a-secret'],
      ['PASSWORD', ''],
      ['TABLE_NAME', 'orders'],
      ['LOG_LEVEL', 'INFO'],
    ];
    for (const [name, value] of plain) expect(looksLikeSecret(name, value), name).toBe(false);
  });
});
