import { describe, expect, it } from 'vitest';
import { signSlackRequest, slackSignatureHeaders, verifySlackSignature } from '../../../sim/slack/index.js';

// Slack's documented worked example (docs.slack.dev, "Verifying requests from Slack").
const GOLDEN = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

describe('v0 request signing', () => {
  it("reproduces Slack's documented example", () => {
    expect(signSlackRequest(GOLDEN.secret, GOLDEN.timestamp, GOLDEN.body)).toBe(GOLDEN.signature);
    expect(slackSignatureHeaders(GOLDEN.secret, GOLDEN.timestamp, GOLDEN.body)).toEqual({
      'X-Slack-Request-Timestamp': '1531420618',
      'X-Slack-Signature': GOLDEN.signature,
    });
  });

  it('verifies with Bolt rules: stale only when older than five minutes, constant-time match', () => {
    const nowMs = (GOLDEN.timestamp + 60) * 1000;
    const base = { signingSecret: GOLDEN.secret, rawBody: GOLDEN.body, nowMs };
    const ts = String(GOLDEN.timestamp);
    expect(verifySlackSignature({ ...base, timestamp: ts, signature: GOLDEN.signature })).toBe('ok');
    expect(
      verifySlackSignature({ ...base, timestamp: ts, signature: `${GOLDEN.signature.slice(0, -1)}0` }),
    ).toBe('mismatch');
    expect(
      verifySlackSignature({
        ...base,
        rawBody: `${GOLDEN.body}x`,
        timestamp: ts,
        signature: GOLDEN.signature,
      }),
    ).toBe('mismatch');
    expect(
      verifySlackSignature({
        ...base,
        nowMs: (GOLDEN.timestamp + 301) * 1000,
        timestamp: ts,
        signature: GOLDEN.signature,
      }),
    ).toBe('stale');
    // A timestamp in the future is not stale (Bolt checks only the past).
    expect(
      verifySlackSignature({
        ...base,
        nowMs: (GOLDEN.timestamp - 3600) * 1000,
        timestamp: ts,
        signature: GOLDEN.signature,
      }),
    ).toBe('ok');
    expect(verifySlackSignature({ ...base, timestamp: undefined, signature: GOLDEN.signature })).toBe(
      'malformed',
    );
  });
});
