/** The encrypted store of access tokens, damaged: refused by file and line, never taken for "no tokens" (saving one would write over all the others). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encryptedTokens, type Cipher } from '../../../src/main/sync/tokens';
import { cut, expectRefused, lineOf, pretty, tempDir } from './damage';

/** Stands in for the OS keychain: the file holds the text as it is. */
const plain: Cipher = { encrypt: (text) => Buffer.from(text, 'utf8'), decrypt: (data) => data.toString('utf8') };

describe('a damaged token store', () => {
  it('cut short: reading and saving a token are refused by file and line, and the file kept', async () => {
    const file = join(await tempDir(), 'sync-tokens.bin');
    const text = cut(pretty({ 'https://a.example/team.git': 'tok-a', 'https://b.example/team.git': 'tok-b' }), 2);
    const tokens = encryptedTokens(file, plain);
    await expectRefused(file, text, 2, () => tokens.get('https://a.example/team.git'));
    await expectRefused(file, text, 2, () => tokens.set('https://c.example/team.git', 'tok-c'));
  });

  it('with a token of the wrong type: refused at its line; a sound store keeps every token', async () => {
    const file = join(await tempDir(), 'sync-tokens.bin');
    const text = pretty({ 'https://a.example/team.git': 'tok-a', 'https://b.example/team.git': 7 });
    const tokens = encryptedTokens(file, plain);
    await expectRefused(file, text, lineOf(text, '"https://b.example'), () => tokens.set('https://c.example/team.git', 'tok-c'));
    const sound = encryptedTokens(join(await tempDir(), 'sync-tokens.bin'), plain);
    await sound.set('https://a.example/team.git', 'tok-a');
    await sound.set('https://c.example/team.git', 'tok-c');
    expect(await sound.get('https://a.example/team.git')).toBe('tok-a');
  });
});
