/**
 * Resource-policy and JSON-attribute parsing shared by the collectors (Lambda, SQS, SNS,
 * EventBridge, CloudWatch Logs). Pure and free of the AWS SDK, so checks may import it too.
 */

import type { PolicyStatement } from './snapshot.js';

/** Whether a Deny statement conditions on `aws:SecureTransport`: the policy refuses plain HTTP. */
export function deniesInsecureTransport(policy: readonly PolicyStatement[] | undefined): boolean {
  return (policy ?? []).some(
    (st) => st.effect === 'Deny' && st.conditionKeys.some((k) => k.toLowerCase() === 'aws:securetransport'),
  );
}

/** A JSON attribute (redrive policies and the like); undefined when absent or not JSON. */
export function parseJson<T>(text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** Parses a resource policy document; undefined when it is not the JSON IAM shape. */
export function parsePolicy(document: string): PolicyStatement[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(document);
  } catch {
    return undefined;
  }
  const raw = (doc as { Statement?: unknown })?.Statement;
  if (raw === undefined) return undefined;
  const statements = Array.isArray(raw) ? raw : [raw];
  return statements.map((s): PolicyStatement => {
    const st = (s ?? {}) as {
      Sid?: unknown;
      Effect?: unknown;
      Principal?: unknown;
      Action?: unknown;
      Condition?: unknown;
    };
    const conditions = st.Condition && typeof st.Condition === 'object' ? Object.values(st.Condition) : [];
    const keys = new Set<string>();
    for (const block of conditions) {
      if (block && typeof block === 'object') for (const k of Object.keys(block)) keys.add(k);
    }
    return {
      ...(typeof st.Sid === 'string' ? { sid: st.Sid } : {}),
      effect: st.Effect === 'Deny' ? 'Deny' : 'Allow',
      principals: principalsOf(st.Principal),
      actions: strings(st.Action),
      conditionKeys: [...keys].sort(),
    };
  });
}

/** `*`, account ids (from `arn:aws:iam::<id>:root` too), service principals, other ARNs as given. */
function principalsOf(p: unknown): string[] {
  if (p === '*') return ['*'];
  if (!p || typeof p !== 'object') return [];
  const out: string[] = [];
  for (const value of Object.values(p as Record<string, unknown>)) {
    for (const v of strings(value)) {
      const root = /^arn:aws[\w-]*:iam::(\d{12}):root$/.exec(v);
      out.push(root ? (root[1] as string) : v);
    }
  }
  return [...new Set(out)];
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}
