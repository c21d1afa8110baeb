import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far back Slack's receivers (and Bolt) accept `X-Slack-Request-Timestamp`. */
export const SIGNATURE_MAX_AGE_SECONDS = 5 * 60;

/**
 * Slack's v0 request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` keyed with
 * the signing secret. The body must be the exact bytes sent, so sign after encoding.
 */
export function signSlackRequest(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestampSeconds}:${rawBody}`);
  return `v0=${hmac.digest('hex')}`;
}

/** The two headers Slack adds to every request it sends an app. */
export function slackSignatureHeaders(
  signingSecret: string,
  timestampSeconds: number,
  rawBody: string,
): { 'X-Slack-Request-Timestamp': string; 'X-Slack-Signature': string } {
  return {
    'X-Slack-Request-Timestamp': String(timestampSeconds),
    'X-Slack-Signature': signSlackRequest(signingSecret, timestampSeconds, rawBody),
  };
}

export type SignatureCheck = 'ok' | 'stale' | 'mismatch' | 'malformed';

/**
 * The receiver side, with Bolt's rules: only timestamps older than five minutes are stale (future
 * ones pass), the comparison is constant-time.
 */
export function verifySlackSignature(options: {
  signingSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  nowMs: number;
}): SignatureCheck {
  const ts = Number(options.timestamp);
  if (!options.timestamp || !Number.isInteger(ts) || !options.signature) return 'malformed';
  if (ts < Math.floor(options.nowMs / 1000) - SIGNATURE_MAX_AGE_SECONDS) return 'stale';
  const expected = Buffer.from(signSlackRequest(options.signingSecret, ts, options.rawBody));
  const given = Buffer.from(options.signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? 'ok' : 'mismatch';
}
