/**
 * A couple of fast retries for calls a person is waiting on (`views.open` within the trigger's
 * 3 seconds, `views.publish`, file uploads, ephemeral answers): a dropped connection or a 5xx
 * should not lose a click. Slack's own answers (`ok: false`) are final and are not retried.
 */
export async function withFastRetry<T>(
  call: () => Promise<T>,
  options: { attempts?: number; delayMs?: number; deadlineMs?: number; now?: () => number } = {},
): Promise<T> {
  const attempts = options.attempts ?? 3;
  const delayMs = options.delayMs ?? 150;
  const now = options.now ?? (() => performance.now());
  const deadline = now() + (options.deadlineMs ?? 2500);
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const wait = delayMs * attempt;
      if (attempt >= attempts || !isTransient(err) || now() + wait > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Network failures, HTTP 5xx and rate limits; not Slack's `ok: false` answers. */
export function isTransient(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  if (code === 'slack_webapi_request_error' || code === 'slack_webapi_rate_limited_error') return true;
  if (code === 'slack_webapi_http_error') {
    const status = (err as { statusCode?: number }).statusCode ?? 0;
    return status >= 500 || status === 429;
  }
  return false;
}
