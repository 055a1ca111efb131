import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, type Migration } from './migrations';
import { DOCUMENT_VERSION } from './schema';

describe('document migrations', () => {
  it('has one step for every version below the current one', () => {
    for (let v = 1; v < DOCUMENT_VERSION; v++) expect(MIGRATIONS.some((m) => m.from === v)).toBe(true);
  });

  it('runs a chain step by step, in order, without mutating the input', () => {
    const chain: Migration[] = [
      { from: 2, describe: 'rename b to c', up: ({ b, ...rest }) => ({ ...rest, c: b }) },
      { from: 1, describe: 'rename a to b', up: ({ a, ...rest }) => ({ ...rest, b: a }) },
    ];
    const input = { version: 1, a: 42 };
    const r = migrate(input, chain, 3);
    expect(r).toEqual({ ok: true, doc: { version: 3, c: 42 }, applied: ['1→2: rename a to b', '2→3: rename b to c'] });
    expect(input).toEqual({ version: 1, a: 42 });
  });

  it('refuses newer versions, gaps in the chain and bad version fields', () => {
    expect(migrate({ version: 5 }, [], 3)).toMatchObject({ ok: false, message: expect.stringMatching(/newer SNN Studio/) });
    expect(migrate({ version: 1 }, [], 2)).toEqual({ ok: false, message: 'no migration from version 1 to 2' });
    expect(migrate({ version: '1' }, [], 1)).toMatchObject({ ok: false });
    expect(migrate({ version: 0 }, [], 1)).toMatchObject({ ok: false });
  });
});
