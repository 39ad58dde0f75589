import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaceCliTable } from '../../src/main/cli/readme';

describe("the README's table of commands", () => {
  it('is the one the command table makes (run npm run docs:cli after changing a command)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(replaceCliTable(readme)).toBe(readme);
  });
});
