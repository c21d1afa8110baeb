import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allChecks, checkById } from '../../checks/index.js';
import { detailActions } from '../../checks/runner.js';
import { checkServices, checkSeverities, dataKinds, lenses, pillars } from '../../checks/types.js';
import { DOC_PATH, renderChecksDoc } from '../../scripts/generate-checks-doc.js';
import { apigatewayCases } from './apigateway.cases.js';
import { snapshot } from './builders.js';
import { compliant, outcomesCovered, runCase } from './cases.js';
import { cloudwatchCases } from './cloudwatch.cases.js';
import { dynamodbCases } from './dynamodb.cases.js';
import { eventbridgeCases } from './eventbridge.cases.js';
import { kinesisCases } from './kinesis.cases.js';
import { lambdaCases } from './lambda.cases.js';
import { logsCases } from './logs.cases.js';
import { snsCases } from './sns.cases.js';
import { sqsCases } from './sqs.cases.js';
import { stepfunctionsCases } from './stepfunctions.cases.js';
import { lensIds } from './wa-ids.js';

/** Catalog integrity, after ESLint's checkRuleFiles: every rule registered, documented and tested. */

const serviceDirs = readdirSync('checks').filter((d) => statSync(join('checks', d)).isDirectory());
const checkFiles = serviceDirs.flatMap((dir) =>
  readdirSync(join('checks', dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ dir, id: f.replace(/\.ts$/, ''), path: join('checks', dir, f) })),
);

describe('check registry', () => {
  it('has a folder per check service and nothing else', () => {
    expect(serviceDirs.sort()).toEqual([...checkServices].sort());
  });

  it('registers every file under checks/<service>/, by the object the file exports', async () => {
    expect(checkFiles.length).toBeGreaterThanOrEqual(45);
    for (const file of checkFiles) {
      const mod = (await import(/* @vite-ignore */ pathToFileURL(resolve(file.path)).href)) as {
        check?: unknown;
      };
      expect(mod.check, `${file.path} exports no \`check\``).toBeDefined();
      expect(checkById.get(file.id), `${file.id} is not registered in checks/index.ts`).toBe(mod.check);
    }
    expect(allChecks.map((c) => c.meta.id).sort()).toEqual(checkFiles.map((f) => f.id).sort());
  });

  it('has unique ids equal to file names, in the folder of their service', () => {
    const ids = allChecks.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const file of checkFiles) {
      const check = checkById.get(file.id)!;
      expect(check.meta.id).toBe(file.id);
      expect(check.meta.service).toBe(file.dir);
      expect(file.id.startsWith(`${file.dir}-`), file.id).toBe(true);
    }
  });

  it('has complete metadata for every check', () => {
    for (const { meta } of allChecks) {
      const where = meta.id;
      expect(meta.id, where).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      for (const text of [meta.title, meta.rationale, meta.remediation])
        expect(text.trim().length, where).toBeGreaterThan(10);
      expect(
        meta.rationale.split(/[.!?](?:\s|$)/).filter((s) => s.trim()).length,
        `${where} rationale`,
      ).toBeLessThanOrEqual(3);
      expect(pillars, where).toContain(meta.pillar);
      expect(checkSeverities, where).toContain(meta.severity);
      expect(dataKinds, where).toContain(meta.data);
      expect(meta.docsUrl, where).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/\S+$/);
      expect(meta.needs.length, where).toBeGreaterThan(0);
      expect(meta.needs, where).toContain(meta.service);
      for (const action of meta.reads ?? []) {
        expect(detailActions.has(action), `${where} reads ${action}, which is not a detail action`).toBe(
          true,
        );
        expect(meta.needs, `${where} reads ${action}`).toContain(action.split(':')[0]);
      }
    }
  });

  it('maps to real Well-Architected question and choice ids', () => {
    let mapped = 0;
    for (const { meta } of allChecks) {
      for (const ref of meta.wellArchitected ?? []) {
        const where = `${meta.id} → ${ref.lens} ${ref.questionId}/${ref.choiceId}`;
        expect(lenses, where).toContain(ref.lens);
        expect(ref.questionId, where).toMatch(/^[a-z][a-z0-9_-]*$/);
        expect(ref.choiceId, where).toMatch(/^[a-z][a-z0-9_]*$/);
        const question = lensIds[ref.lens][ref.questionId];
        expect(question, `${where}: unknown question`).toBeDefined();
        expect(question!.choices, `${where}: choice not in that question`).toContain(ref.choiceId);
        // "None of these" is never evidence of a best practice.
        expect(ref.choiceId, where).not.toMatch(/_no$/);
        mapped++;
      }
    }
    expect(mapped).toBeGreaterThan(allChecks.length);
  });

  it('has test cases for compliant, non_compliant and not_applicable for every check', () => {
    const covered = outcomesCovered({
      ...lambdaCases,
      ...logsCases,
      ...sqsCases,
      ...dynamodbCases,
      ...cloudwatchCases,
      ...stepfunctionsCases,
      ...apigatewayCases,
      ...snsCases,
      ...kinesisCases,
      ...eventbridgeCases,
    });
    for (const { meta } of allChecks) {
      const outcomes = covered.get(meta.id);
      expect(outcomes, `${meta.id} has no test table`).toBeDefined();
      for (const status of ['compliant', 'non_compliant', 'not_applicable'] as const) {
        expect(outcomes!.has(status), `${meta.id} has no ${status} case`).toBe(true);
      }
    }
    for (const id of covered.keys())
      expect(checkById.has(id), `test table for unknown check ${id}`).toBe(true);
  });

  it('keeps docs/checks.md in step with the metadata (run: node --import tsx scripts/generate-checks-doc.ts)', () => {
    const doc = renderChecksDoc();
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(doc);
    for (const { meta } of allChecks) expect(doc).toContain(`### ${meta.id}`);
  });

  it('has a case harness that fails on a wrong expectation', () => {
    expect(() =>
      runCase('lambda-tracing-active', {
        name: 'x',
        snapshot: snapshot({ functions: [] }),
        expect: compliant,
      }),
    ).toThrow();
  });
});
