import { describe, expect, it } from 'vitest';
import { parseWaCommand } from '../../../src/slack/commands/parse.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const parse = (t: string) => parseWaCommand(t, NOW);

describe('parseWaCommand', () => {
  it.each([
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['status', { kind: 'status' }],
    ['incidents', { kind: 'incidents', scope: 'open' }],
    ['incidents all', { kind: 'incidents', scope: 'all' }],
    ['list all orders-api', { kind: 'incidents', scope: 'all', functionName: 'orders-api' }],
    ['ack 12', { kind: 'ack', id: 12 }],
    ['acknowledge #12', { kind: 'ack', id: 12 }],
    ['resolve 3', { kind: 'resolve', id: 3 }],
    ['reopen 3', { kind: 'reopen', id: 3 }],
    ['unmute 3', { kind: 'unmute', id: 3 }],
    ['assign 4 <@U0SIMBOB01|bob>', { kind: 'assign', id: 4, user: 'U0SIMBOB01' }],
    ['assign 4 nobody', { kind: 'assign', id: 4, user: null }],
    [
      'mute 5 24h deploy in progress',
      { kind: 'mute', id: 5, until: NOW + 86_400_000, duration: '24h', reason: 'deploy in progress' },
    ],
    ['  STATUS  ', { kind: 'status' }],
  ])('reads %j', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each([
    ['frobnicate', /Unknown subcommand "frobnicate"/],
    ['ack', /Which incident\?/],
    ['ack twelve', /"twelve" is not an incident number/],
    ['ack 12 13', /takes only the incident number/],
    ['mute 5', /For how long\?/],
    ['mute 5 forever because', /forever/],
    ['mute 5 1h', /add a reason/],
    ['assign 4', /Assign to whom\?/],
    ['assign 4 @bob', /not a mention Slack resolved/],
    ['incidents open orders-api extra', /is not open, all or a function name/],
  ])('answers %j with a usage line naming the problem', (text, problem) => {
    const r = parse(text);
    expect(r.kind).toBe('invalid');
    if (r.kind !== 'invalid') return;
    expect(r.problem).toMatch(problem);
    expect(r.usage).toMatch(/\/wa/);
  });

  it('never throws on hostile text', () => {
    for (const t of [
      '<!channel>',
      '\u0000\u202e',
      'ack 99999999999999',
      'mute 1 2026-02-30 x',
      'x'.repeat(10_000),
    ]) {
      expect(() => parse(t)).not.toThrow();
    }
  });
});
