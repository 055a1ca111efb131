import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, EVENTS, INVOKE, INVOKE_CHANNELS, IPC_PREFIX, MENU_COMMANDS, OpenResult, SaveResult } from './ipc';

describe('IPC contract', () => {
  it('names every channel with the snn: prefix, once, invoke and event channels apart', () => {
    const all = [...INVOKE_CHANNELS, ...EVENT_CHANNELS];
    for (const c of all) expect(c.startsWith(IPC_PREFIX), c).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    for (const c of EVENT_CHANNELS) expect(c.startsWith('snn:event:'), c).toBe(true);
    for (const c of INVOKE_CHANNELS) expect(c.startsWith('snn:event:'), c).toBe(false);
  });

  it('takes one object per request and refuses anything else, including unknown fields', () => {
    for (const c of INVOKE_CHANNELS) {
      const req = INVOKE[c].request;
      for (const bad of [undefined, null, 'x', 1, [], { __extra__: 1 }]) expect(req.safeParse(bad).success, `${c} ${JSON.stringify(bad)}`).toBe(false);
    }
    for (const c of EVENT_CHANNELS) expect(EVENTS[c].safeParse({ __extra__: 1 }).success, c).toBe(false);
  });

  it('answers with results that say ok, and failures that carry a message and a code', () => {
    for (const c of INVOKE_CHANNELS) {
      const res = INVOKE[c].response;
      expect(res.safeParse({ ok: false, error: 'no', code: 'io' }).success, c).toBe(true);
      expect(res.safeParse({ ok: false, error: 'no' }).success, c).toBe(false);
      expect(res.safeParse({ error: 'no', code: 'io' }).success, c).toBe(false);
    }
    expect(SaveResult.safeParse({ ok: true, path: '/a.snn.json', name: 'a.snn.json', savedAt: 'now' }).success).toBe(true);
    expect(OpenResult.safeParse({ ok: true, path: '/a', name: 'a', text: '', readOnly: true, problem: 'corrupt', message: 'm', diagnostics: [] }).success).toBe(true);
  });

  it('has distinct menu commands', () => {
    expect(new Set(MENU_COMMANDS).size).toBe(MENU_COMMANDS.length);
  });
});
