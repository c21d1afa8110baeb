import { describe, expect, it } from 'vitest';
import {
  findOfficialLens,
  officialLenses,
  serverlessLens,
  wellArchitectedLens,
} from '../../../sim/aws/wa-lenses.js';
import { lensIds } from '../../checks/wa-ids.js';

describe('the simulated Tool lens catalog', () => {
  it.each(['wellarchitected', 'serverless'] as const)(
    'has every question and choice id of wa-ids.ts for %s, same pillar and order',
    (alias) => {
      const lens = findOfficialLens(alias);
      expect(lens).toBeDefined();
      const byId = new Map(lens?.Questions.map((q) => [q.QuestionId, q]));
      for (const [questionId, expected] of Object.entries(lensIds[alias])) {
        const question = byId.get(questionId);
        expect(question, questionId).toBeDefined();
        expect(question?.PillarId, questionId).toBe(expected.pillar);
        expect(
          question?.Choices.map((c) => c.ChoiceId),
          questionId,
        ).toEqual(expected.choices);
      }
      // And nothing the id list does not know.
      expect([...byId.keys()].sort()).toEqual(Object.keys(lensIds[alias]).sort());
    },
  );

  it('counts 57 questions and 364 choices in the framework lens, 9 and 47 in the serverless lens', () => {
    const count = (l: typeof wellArchitectedLens) => l.Questions.reduce((n, q) => n + q.Choices.length, 0);
    expect(wellArchitectedLens.Questions).toHaveLength(57);
    expect(count(wellArchitectedLens)).toBe(364);
    expect(serverlessLens.Questions).toHaveLength(9);
    expect(count(serverlessLens)).toBe(47);
    expect(wellArchitectedLens.LensVersion).toBe('2024-06-27');
  });

  it('keeps the per-question "None of these" id last, including the irregular ones', () => {
    for (const lens of officialLenses) {
      for (const q of lens.Questions) {
        expect(q.Choices.at(-1)).toEqual({ ChoiceId: q.noneChoiceId, Title: 'None of these' });
        expect(q.Choices.filter((c) => c.Title === 'None of these')).toHaveLength(1);
        expect(lens.Pillars.some((p) => p.PillarId === q.PillarId)).toBe(true);
      }
    }
    const none = (id: string) => wellArchitectedLens.Questions.find((q) => q.QuestionId === id)?.noneChoiceId;
    expect(none('observability')).toBe('ops_telemetry_no');
    expect(none('performing-architecture')).toBe('perf_performing_architecture_no');
    expect(none('application-security')).toBe('sec_appsec_no');
  });

  it('resolves aliases and the ARNs the real Tool spells', () => {
    expect(wellArchitectedLens.LensArn).toBe('arn:aws:wellarchitected::aws:lens/wellarchitected');
    expect(serverlessLens.LensArn).toBe('arn:aws:wellarchitected::aws:lens/serverless');
    expect(findOfficialLens('arn:aws:wellarchitected::aws:lens/serverless')).toBe(serverlessLens);
    expect(findOfficialLens('arn:aws:wellarchitected:us-east-1::lens/serverless')).toBe(serverlessLens);
    expect(findOfficialLens('softwareasaservice')).toBeUndefined();
  });
});
