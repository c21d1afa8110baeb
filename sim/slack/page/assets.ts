import { readFile, stat } from 'node:fs/promises';

/**
 * The page's browser files, served from this folder: the client (plain JS), the stylesheet, and
 * the shared TypeScript modules (renderer, mrkdwn, model) that tests import directly and the
 * browser gets with their types stripped by esbuild's `transform` (installed with tsx, which runs
 * Pillar). A build that compiled them to `.js` already is served as it is.
 */

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

interface AssetSpec {
  /** File name without extension for TypeScript modules, with it otherwise. */
  source: string;
  type: string;
  typescript?: boolean;
}

const ASSETS: Record<string, AssetSpec> = {
  'client.js': { source: 'client.js', type: JS },
  'page.css': { source: 'page.css', type: CSS },
  'render.js': { source: 'render', type: JS, typescript: true },
  'mrkdwn.js': { source: 'mrkdwn', type: JS, typescript: true },
  'model.js': { source: 'model', type: JS, typescript: true },
  'types.js': { source: 'types', type: JS, typescript: true },
};

/** Names under `/page/assets/`. */
export const ASSET_NAMES: readonly string[] = Object.keys(ASSETS);

const DIR = new URL('./', import.meta.url);
const cache = new Map<string, { mtimeMs: number; body: string }>();

async function exists(url: URL): Promise<boolean> {
  try {
    await stat(url);
    return true;
  } catch {
    return false;
  }
}

async function locate(spec: AssetSpec): Promise<{ file: URL; strip: boolean }> {
  if (!spec.typescript) return { file: new URL(spec.source, DIR), strip: false };
  const ts = new URL(`${spec.source}.ts`, DIR);
  if (await exists(ts)) return { file: ts, strip: true };
  return { file: new URL(`${spec.source}.js`, DIR), strip: false };
}

async function stripTypes(source: string, sourcefile: string): Promise<string> {
  // Loaded on first use, so the stand-in itself never needs esbuild.
  const { transform } = await import('esbuild');
  const out = await transform(source, {
    loader: 'ts',
    format: 'esm',
    target: 'es2022',
    sourcefile,
    sourcemap: 'inline',
  });
  return out.code;
}

export interface Asset {
  body: string;
  type: string;
}

/** One asset by its served name, or undefined; re-read when the file changes (edit and reload). */
export async function loadAsset(name: string): Promise<Asset | undefined> {
  const spec = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!spec) return undefined;
  const { file, strip } = await locate(spec);
  const { mtimeMs } = await stat(file);
  const hit = cache.get(name);
  if (hit && hit.mtimeMs === mtimeMs) return { body: hit.body, type: spec.type };
  const text = await readFile(file, 'utf8');
  const body = strip ? await stripTypes(text, `${spec.source}.ts`) : text;
  cache.set(name, { mtimeMs, body });
  return { body, type: spec.type };
}
