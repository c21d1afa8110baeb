import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house plan (design.md §4) as a test: floors top to bottom, a file imports only from its own
 * floor or below; the simulator stands apart; only the demo reaches it; no import circles.
 */
const ROOT = resolve(import.meta.dirname, '..');

/** Top floor first. A path belongs to the first entry that is it or a folder holding it. */
const FLOORS: string[][] = [
  ['src/app'],
  ['src/slack'],
  ['src/review'],
  ['src/findings'],
  ['src/ingest'],
  ['src/detectors'],
  ['checks'],
  ['src/inventory'],
  ['src/incidents'],
  ['src/jobs', 'src/aws', 'src/db'],
  ['src/logs'],
  [
    'src/config.ts',
    'src/clock.ts',
    'src/errors.ts',
    'src/logger.ts',
    'src/log-repeats.ts',
    'src/patterns.ts',
    'src/redact.ts',
    'src/vocabulary.ts',
  ],
];
const KERNEL = FLOORS.length - 1;

/** The imports allowed to point up a floor (at most two), each with its reason. */
const ALLOWED_UP: Record<string, string> = {
  'src/config.ts -> src/jobs/cron.ts':
    'settings check cron expressions with the parser the scheduler runs, so both agree on what is valid',
};

function floorOf(path: string): number {
  return FLOORS.findIndex((entries) => entries.some((e) => path === e || path.startsWith(`${e}/`)));
}

function sourceFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

interface Edge {
  from: string;
  to: string;
}

/** Every import of every file: relative ones resolved to repository paths, packages by name. */
function importsOf(file: string): { local: string[]; packages: string[] } {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const local: string[] = [];
  const packages: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = (m[1] ?? m[2])!;
    if (!spec.startsWith('.')) {
      packages.push(spec);
      continue;
    }
    let target = relative(ROOT, resolve(ROOT, dirname(file), spec));
    if (target.endsWith('.js') && !existsSync(join(ROOT, target))) target = `${target.slice(0, -3)}.ts`;
    local.push(target);
  }
  return { local, packages };
}

const files = ['src', 'checks', 'sim', 'test', 'bench', 'scripts', 'bin'].flatMap(sourceFiles);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const edges: Edge[] = [...graph].flatMap(([from, { local }]) => local.map((to) => ({ from, to })));
const product = (p: string) => p.startsWith('src/') || p.startsWith('checks/');

/** Strongly connected components with more than one file (Tarjan). */
function circles(): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)?.local ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) found.push(scc.sort());
    }
  };
  for (const f of graph.keys()) if (!idx.has(f)) visit(f);
  return found;
}

describe('layout', () => {
  it('finds the files it judges (the test reads something)', () => {
    expect(files.filter(product).length).toBeGreaterThan(200);
    expect(edges.length).toBeGreaterThan(1000);
  });

  it('every product file is on a floor', () => {
    const src = files.filter((f) => f.startsWith('src/') && f.endsWith('.ts'));
    expect(src.filter((f) => floorOf(f) === -1)).toEqual([]);
  });

  it('has no import circle anywhere in the repository', () => {
    expect(circles()).toEqual([]);
  });

  it('no product file imports a higher floor', () => {
    const up = edges
      .filter((e) => product(e.from) && product(e.to))
      .filter((e) => floorOf(e.to) < floorOf(e.from))
      .map((e) => `${e.from} -> ${e.to}`);
    expect(up.filter((e) => !(e in ALLOWED_UP))).toEqual([]);
    expect(Object.keys(ALLOWED_UP).length).toBeLessThanOrEqual(2);
    // An allowance nobody needs any more goes.
    expect(Object.keys(ALLOWED_UP).filter((e) => !up.includes(e))).toEqual([]);
  });

  it('sim/ imports nothing from src/ or checks/, and only the demo imports sim/ in the product', () => {
    expect(edges.filter((e) => e.from.startsWith('sim/') && product(e.to))).toEqual([]);
    expect(edges.filter((e) => product(e.from) && e.to.startsWith('sim/')).map((e) => e.from)).toEqual([
      'src/app/demo.ts',
      'src/app/demo.ts',
      'src/app/demo.ts',
    ]);
  });

  it('nothing outside src/app imports src/app, except tests, benchmarks and the bin', () => {
    const outside = edges.filter(
      (e) =>
        e.to.startsWith('src/app/') &&
        !e.from.startsWith('src/app/') &&
        !/^(test|bench|bin|scripts)\//.test(e.from),
    );
    expect(outside).toEqual([]);
  });

  it('src/logs/ is pure parsing: it imports only itself and the kernel', () => {
    const beyond = edges.filter(
      (e) => e.from.startsWith('src/logs/') && !e.to.startsWith('src/logs/') && floorOf(e.to) !== KERNEL,
    );
    expect(beyond).toEqual([]);
  });

  it('checks/ never reaches a module that loads the AWS SDK (checks are pure functions of a snapshot)', () => {
    const seen = new Set<string>();
    const queue = files.filter((f) => f.startsWith('checks/'));
    const sdk: string[] = [];
    while (queue.length > 0) {
      const f = queue.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      const deps = graph.get(f);
      if (!deps) continue;
      if (deps.packages.some((p) => p.startsWith('@aws-sdk/') || p.startsWith('@smithy/'))) sdk.push(f);
      queue.push(...deps.local);
    }
    expect(seen.size).toBeGreaterThan(100);
    expect(sdk).toEqual([]);
  });

  it('test doubles live in test/helpers, not in the product', () => {
    const doubles = files.filter(
      (f) =>
        product(f) &&
        /\b(class|function) (Fake|Stub|Mock)\w*|CrashForTest/.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(doubles).toEqual([]);
  });
});
