import type { AwsError } from './errors.js';

/**
 * One page of a list by offset, with an opaque token (`<tag>:<offset>` in base64url) as API
 * Gateway and others hand out; a token that is not one of ours answers `invalid`.
 */
export function offsetPage<T>(
  items: readonly T[],
  token: string | undefined,
  size: number,
  tag: string,
  invalid: () => AwsError,
): { page: T[]; next?: string } {
  let offset = 0;
  if (token !== undefined) {
    const m = new RegExp(`^${tag}:(\\d+)$`).exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!m) throw invalid();
    offset = Number(m[1]);
  }
  const page = items.slice(offset, offset + size);
  return offset + size < items.length
    ? { page, next: Buffer.from(`${tag}:${offset + size}`).toString('base64url') }
    : { page };
}
