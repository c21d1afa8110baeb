import { describe, expect, it } from 'vitest';
import { serverlessLens, wellArchitectedLens } from '../sim/aws/wa-lenses.js';
import {
  checkSeverities,
  checkSeverityRank,
  incidentSeverities,
  type Pillar,
  pillarLabel,
  pillars,
} from '../src/vocabulary.js';
import { lensIds } from './checks/wa-ids.js';

describe('pillars', () => {
  it("are the simulated Tool's framework lens pillars, in the Tool's order", () => {
    expect(pillars).toEqual(wellArchitectedLens.Pillars.map((p) => p.PillarId));
  });

  it('cover every pillar a lens question of wa-ids.ts or of the serverless lens belongs to', () => {
    const used = new Set([
      ...Object.values(lensIds).flatMap((lens) => Object.values(lens).map((q) => q.pillar)),
      ...serverlessLens.Pillars.map((p) => p.PillarId),
    ]);
    expect([...used].filter((p) => !(pillars as readonly string[]).includes(p))).toEqual([]);
  });

  // Sentence case on purpose: the labels sit in running text and Slack fields.
  it.each(wellArchitectedLens.Pillars.map((p) => [p.PillarId, p.PillarName]))(
    'label %s as the Tool names it (%s), in sentence case',
    (id, name) => {
      const sentence = name.charAt(0) + name.slice(1).toLowerCase();
      expect(pillarLabel[id as Pillar]).toBe(sentence);
    },
  );

  it('label every pillar and nothing else', () => {
    expect(Object.keys(pillarLabel)).toEqual([...pillars]);
  });
});

describe('severities', () => {
  it.each([
    ['critical', 0],
    ['high', 1],
    ['medium', 2],
    ['low', 3],
    ['info', 4],
  ] as const)('ranks check severity %s at %i (most severe first)', (severity, rank) => {
    expect(checkSeverityRank(severity)).toBe(rank);
  });

  it('ranks every check severity by its place in the list, strictly increasing', () => {
    const ranks = checkSeverities.map(checkSeverityRank);
    expect(ranks).toEqual(checkSeverities.map((_, i) => i));
  });

  it('gives incidents the check scale without info, in the same order and rank', () => {
    expect(incidentSeverities).toEqual(checkSeverities.filter((s) => s !== 'info'));
    for (const [i, s] of incidentSeverities.entries()) expect(checkSeverityRank(s)).toBe(i);
  });
});
