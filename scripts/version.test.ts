// src/shared/version.ts must name the version package.json releases (src/shared may not read package.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../src/shared/version';

describe('APP_VERSION', () => {
  it('is package.json\'s version', () => {
    expect(APP_VERSION).toBe(JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version);
  });
});
