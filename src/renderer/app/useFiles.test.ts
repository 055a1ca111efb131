import { describe, expect, it } from 'vitest';
import { readOnlyNotice } from './useFiles';

describe('read-only notice', () => {
  it('shows while the detached ref of a read-only file is the current file, and ends when another takes its place', () => {
    const detached = { name: 'newer.snn.json' };
    expect(readOnlyNotice(detached, detached)).toBe('Read-only: newer.snn.json will not be written to. Save As to keep your changes in a new file.');
    // Save As (or New, Open, an example) sets another ref: the notice ends, even under the same name.
    expect(readOnlyNotice({ name: 'newer.snn.json' }, detached)).toBeNull();
    expect(readOnlyNotice(null, detached)).toBeNull();
    expect(readOnlyNotice(detached, null)).toBeNull();
  });
});
