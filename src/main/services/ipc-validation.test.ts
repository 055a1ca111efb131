import { describe, expect, it } from 'vitest';
import { DEFAULT_PAYLOAD_CHARS, INVOKE_CHANNELS, MAX_SETTING_CHARS } from '../../shared/ipc';
import { handleInvoke, makeSenderCheck, parseRequest, payloadChars, type SenderFrame } from './ipc-validation';

const top = (url: string): SenderFrame => ({ url, parent: null });
const trusted = makeSenderCheck({ appOrigin: 'app://snn', devServerUrl: 'http://localhost:5173/' });
const alwaysOk = () => true;

describe('parseRequest', () => {
  it('accepts a payload that matches the contract', () => {
    expect(parseRequest('snn:files:save', { text: '{}', path: '/a/b.snn.json' })).toEqual({ ok: true, data: { text: '{}', path: '/a/b.snn.json' } });
  });

  it('rejects a wrong type with the channel, the field and the problem', () => {
    const r = parseRequest('snn:files:save', { text: 42 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe('invalid-payload');
    expect(!r.ok && r.error).toMatch(/^snn:files:save: invalid payload: text: .*string/);
  });

  it('rejects unknown extra fields (strict objects)', () => {
    const r = parseRequest('snn:files:openRecent', { path: '/a.json', mode: 'w' });
    expect(!r.ok && r.error).toMatch(/snn:files:openRecent: invalid payload: .*mode/);
  });

  it('rejects a missing payload, a NUL in a path and an unknown channel', () => {
    expect(parseRequest('snn:window:setTitle', undefined).ok).toBe(false);
    const nul = parseRequest('snn:files:openRecent', { path: '/etc/passwd\0.json' });
    expect(!nul.ok && nul.error).toMatch(/path: must not contain a NUL character/);
    const unknown = parseRequest('snn:files:delete' as never, {});
    expect(!unknown.ok && unknown.error).toMatch(/not a channel of the IPC contract/);
  });

  it('rejects a setting value that is not JSON and a bad menu-safe setting key', () => {
    expect(parseRequest('snn:settings:set', { key: 'a', value: undefined }).ok).toBe(false);
    const r = parseRequest('snn:settings:set', { key: '__proto__', value: 1 });
    expect(!r.ok && r.error).toMatch(/key: must be a short name/);
  });

  it('checks the weights export/import payloads (text string under the cap, a short name, nothing else; import takes {})', () => {
    expect(parseRequest('snn:files:exportWeights', { text: '{}' })).toEqual({ ok: true, data: { text: '{}' } });
    expect(parseRequest('snn:files:exportWeights', { text: '{}', suggestedName: 'w.json' }).ok).toBe(true);
    const num = parseRequest('snn:files:exportWeights', { text: 42 });
    expect(!num.ok && num.code).toBe('invalid-payload');
    expect(!num.ok && num.error).toMatch(/^snn:files:exportWeights: invalid payload: text: .*string/);
    expect(parseRequest('snn:files:exportWeights', {}).ok).toBe(false);
    const path = parseRequest('snn:files:exportWeights', { text: '{}', path: '/etc/passwd' });
    expect(!path.ok && path.error).toMatch(/snn:files:exportWeights: invalid payload: .*path/);
    const long = parseRequest('snn:files:exportWeights', { text: '{}', suggestedName: 'x'.repeat(256) });
    expect(!long.ok && long.error).toMatch(/suggestedName/);
    expect(parseRequest('snn:files:importWeights', {}).ok).toBe(true);
    const extra = parseRequest('snn:files:importWeights', { path: '/etc/passwd' });
    expect(!extra.ok && extra.error).toMatch(/snn:files:importWeights: invalid payload: .*path/);
    expect(parseRequest('snn:files:importWeights', undefined).ok).toBe(false);
  });

  it('accepts an empty object for every no-argument channel', () => {
    for (const ch of ['snn:files:open', 'snn:files:listRecent', 'snn:files:importWeights', 'snn:recovery:check', 'snn:app:getVersion'] as const) {
      expect(parseRequest(ch, {}).ok).toBe(true);
    }
    expect(INVOKE_CHANNELS.length).toBeGreaterThan(10);
  });
});

describe('payload caps before parsing', () => {
  it('counts strings, keys and values, and stops early past the limit or past the depth cap', () => {
    expect(payloadChars({ text: 'abcd' }, 100)).toBe(2 + 4 + 3 + 4 + 2);
    expect(payloadChars(new Array(1e6).fill(0), 10)).toBeGreaterThan(10);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(payloadChars(deep, 1e9)).toBe(Infinity);
    expect(payloadChars(new Uint8Array(1000), 1e9)).toBe(1000);
  });

  it('refuses a settings value over the cap, or nested too deeply, before zod parses it', () => {
    const big = parseRequest('snn:settings:set', { key: 'a', value: 'x'.repeat(MAX_SETTING_CHARS + 2000) });
    expect(!big.ok && big.error).toBe(`snn:settings:set: invalid payload: larger than ${MAX_SETTING_CHARS + 1024} characters`);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const d = parseRequest('snn:settings:set', { key: 'a', value: deep });
    expect(!d.ok && d.error).toBe('snn:settings:set: invalid payload: nested deeper than 64 levels');
    const title = parseRequest('snn:window:setTitle', { title: 'x'.repeat(DEFAULT_PAYLOAD_CHARS) });
    expect(!title.ok && title.error).toMatch(/larger than 16384 characters/);
  });
});

describe('makeSenderCheck', () => {
  it("trusts the top frame of the app's own page", () => {
    expect(trusted(top('app://snn/index.html'))).toBe(true);
    expect(trusted(top('http://localhost:5173/index.html#/x'))).toBe(true);
  });

  it('refuses other origins, other app hosts, file:, data:, subframes and vanished frames', () => {
    for (const url of ['https://evil.example/', 'app://other/index.html', 'http://localhost:5174/', 'file:///tmp/x.html', 'data:text/html,hi', 'about:blank']) {
      expect(trusted(top(url)), url).toBe(false);
    }
    expect(trusted({ url: 'app://snn/index.html', parent: {} })).toBe(false);
    expect(trusted(null)).toBe(false);
  });

  it('refuses the dev server origin when no dev server is configured', () => {
    expect(makeSenderCheck({ appOrigin: 'app://snn' })(top('http://localhost:5173/'))).toBe(false);
  });
});

describe('handleInvoke', () => {
  it('answers untrusted senders with a refusal and does not run the handler', async () => {
    let ran = false;
    const r = await handleInvoke('snn:window:setTitle', top('https://evil.example'), { title: 'x' }, trusted, () => { ran = true; return { ok: true }; });
    expect(r).toMatchObject({ ok: false, code: 'untrusted-sender' });
    expect(ran).toBe(false);
  });

  it('answers a bad payload with the validation message and does not run the handler', async () => {
    let ran = false;
    const r = await handleInvoke('snn:window:setDocumentEdited', top('app://snn/'), { edited: 'yes' }, trusted, () => { ran = true; return { ok: true }; });
    expect(r).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(!r.ok && r.error).toMatch(/snn:window:setDocumentEdited: invalid payload: edited:/);
    expect(ran).toBe(false);
  });

  it('passes the parsed request and returns the answer', async () => {
    const r = await handleInvoke('snn:settings:get', top('app://snn/'), { key: 'a.b' }, alwaysOk, (req) => ({ ok: true, value: req.key }));
    expect(r).toEqual({ ok: true, value: 'a.b' });
  });

  it('turns an exception into an internal failure instead of throwing across IPC', async () => {
    const r = await handleInvoke('snn:recovery:clear', top('app://snn/'), {}, alwaysOk, () => { throw new Error('boom'); });
    expect(r).toEqual({ ok: false, code: 'internal', error: 'snn:recovery:clear: boom' });
  });

  it('answers a Failure when parsing the payload itself throws', async () => {
    const hostile = { get key(): string { throw new Error('getter says no'); } };
    const r = await handleInvoke('snn:settings:get', top('app://snn/'), hostile, alwaysOk, () => ({ ok: true, value: null }));
    expect(r).toEqual({ ok: false, code: 'internal', error: 'snn:settings:get: getter says no' });
  });

  it('refuses to send an answer that breaks the contract', async () => {
    const r = await handleInvoke('snn:files:listRecent', top('app://snn/'), {}, alwaysOk, () => ({ ok: true, files: [{ path: 3 }] }) as never);
    expect(r).toMatchObject({ ok: false, code: 'internal' });
    expect(!r.ok && r.error).toMatch(/broke the IPC contract/);
  });
});
