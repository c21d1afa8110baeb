import { isSecretKey, maskSecrets } from '../redact.js';

/**
 * Whether an environment variable looks like it holds a secret. Decided at collection from the
 * name and the value together; the caller keeps only the verdict and the name, never the value.
 *
 * A value in a known credential format (AWS key ids, Slack and vendor tokens, JWTs, PEM keys,
 * passwords in URLs) is a secret whatever the name. A secret-sounding name (`DB_PASSWORD`,
 * `STRIPE_API_KEY`) counts when its value is a literal rather than a pointer to a secret store
 * (an ARN, an SSM parameter path, a CloudFormation dynamic reference).
 */
export function looksLikeSecret(name: string, value: string): boolean {
  const v = value.trim();
  if (v === '') return false;
  if (maskSecrets(v) !== v) return true;
  if (!isSecretKey(name)) return false;
  if (isReference(v)) return false;
  // Flags and numbers next to a secret-sounding name (`TOKEN_TTL` is not caught above anyway).
  if (/^(?:true|false|yes|no|on|off|null|none|\d+)$/i.test(v)) return false;
  return v.length >= 4;
}

function isReference(v: string): boolean {
  return (
    v.startsWith('arn:') ||
    v.startsWith('{{resolve:') ||
    v.startsWith('ssm:') ||
    v.startsWith('secretsmanager:') ||
    // An SSM parameter name such as `/prod/payments/api-key`.
    /^\/[\w.-]+(?:\/[\w.-]+)+$/.test(v)
  );
}
