import type { AwsError } from './errors.js';

/**
 * One page of a list by offset, with an opaque token (`<scope>:<offset>` in base64url) the way
 * AWS services hand out tokens callers cannot read. A token minted for another list (another
 * scope) or not minted here at all is answered with `invalid`, the service's own error.
 */
export function offsetPage<T>(
  items: readonly T[],
  token: string | undefined,
  size: number,
  scope: string,
  invalid: () => AwsError,
): { page: T[]; next?: string } {
  let offset = 0;
  if (token !== undefined) {
    const text = Buffer.from(token, 'base64url').toString('utf8');
    const rest = text.startsWith(`${scope}:`) ? text.slice(scope.length + 1) : '';
    if (!/^\d+$/.test(rest)) throw invalid();
    offset = Number(rest);
  }
  const page = items.slice(offset, offset + size);
  return offset + size < items.length
    ? { page, next: Buffer.from(`${scope}:${offset + size}`).toString('base64url') }
    : { page };
}
