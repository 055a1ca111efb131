// The recent-files list: newest first, one entry per file, capped.
import { describe, it, expect } from 'vitest';
import { RECENT_LIMIT, orderRecent, pushRecent } from './recent';

type E = { name: string; openedAt: string; id: string };
const e = (id: string, t: number, name = `${id}.snn.json`): E => ({ id, name, openedAt: new Date(t * 1000).toISOString() });
const byId = (x: E) => (y: E) => y.id === x.id;

describe('pushRecent', () => {
  it('puts the new entry first', () => {
    const list = [e('b', 2), e('a', 1)];
    expect(pushRecent(list, e('c', 3), byId(e('c', 3))).map((x) => x.id)).toEqual(['c', 'b', 'a']);
  });

  it('moves a file opened again to the front instead of listing it twice', () => {
    const list = [e('c', 3), e('b', 2), e('a', 1)];
    const again = e('a', 4);
    const next = pushRecent(list, again, byId(again));
    expect(next.map((x) => x.id)).toEqual(['a', 'c', 'b']);
    expect(next[0].openedAt).toBe(again.openedAt);
  });

  it('tells files apart by identity, not by name (same name in two folders stays twice)', () => {
    const list = [e('dir1', 1, 'net.snn.json')];
    const other = e('dir2', 2, 'net.snn.json');
    expect(pushRecent(list, other, byId(other)).map((x) => x.id)).toEqual(['dir2', 'dir1']);
  });

  it('passes the index to isSame (for identities worked out beforehand, like isSameEntry)', () => {
    const list = [e('x', 2), e('y', 1)];
    expect(pushRecent(list, e('z', 3), (_, i) => i === 1).map((x) => x.id)).toEqual(['z', 'x']);
  });

  it('keeps at most RECENT_LIMIT entries, dropping the oldest', () => {
    let list: E[] = [];
    for (let i = 0; i < RECENT_LIMIT + 3; i++) { const n = e(`f${i}`, i); list = pushRecent(list, n, byId(n)); }
    expect(list).toHaveLength(RECENT_LIMIT);
    expect(list[0].id).toBe(`f${RECENT_LIMIT + 2}`);
    expect(list.at(-1)!.id).toBe('f3');
    expect(pushRecent(list, e('g', 99), () => false, 2).map((x) => x.id)).toEqual(['g', list[0].id]);
  });

  it('does not change the list it is given', () => {
    const list = Object.freeze([e('a', 1)]) as readonly E[];
    pushRecent(list, e('b', 2), () => false);
    expect(list.map((x) => x.id)).toEqual(['a']);
  });
});

describe('orderRecent', () => {
  it('sorts newest first, keeps the newest of duplicates and caps', () => {
    const list = [e('a', 1), e('b', 5), e('a', 7), e('c', 3)];
    expect(orderRecent(list, (x) => x.id).map((x) => `${x.id}@${Date.parse(x.openedAt) / 1000}`)).toEqual(['a@7', 'b@5', 'c@3']);
    expect(orderRecent(list, (x) => x.id, 2).map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('keeps the given order for equal or unreadable times', () => {
    const list = [{ ...e('p', 0), openedAt: 'n/a' }, e('q', 1), e('r', 1)];
    expect(orderRecent(list, (x) => x.id).map((x) => x.id)).toEqual(['q', 'r', 'p']);
  });
});
