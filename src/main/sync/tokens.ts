/** Access tokens for shared workspaces on HTTPS hosts, kept by the host (never in the workspace). */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ParleyError } from '../../core/errors';
import { writeFileDurable } from '../store/durable';
import { parseFile, type FileKind } from '../store/jsonFile';

/** Where access tokens for HTTPS remotes are kept, by remote URL. */
export interface TokenStore {
  get(remote: string): Promise<string | undefined>;
  set(remote: string, token: string): Promise<void>;
}

/** The browser host's store: memory only, gone when the process ends. */
export function memoryTokens(): TokenStore {
  const map = new Map<string, string>();
  return {
    get: async (remote) => map.get(remote),
    set: async (remote, token) => {
      if (token) map.set(remote, token);
      else map.delete(remote);
    },
  };
}

/** The OS keychain's encryption (Electron's safeStorage). */
export interface Cipher {
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

const tokensKind: FileKind<Record<string, string>> = { what: 'store of access tokens', schema: z.record(z.string(), z.string()) };
const RESET = '; remove the file and enter the access tokens again when a sync asks. The file was left as it is';

/**
 * Tokens encrypted in one file (the app-data folder, never a workspace). A
 * file that cannot be decrypted or read is refused, never taken for "no
 * tokens": the next token saved would write over all the others.
 */
export function encryptedTokens(file: string, cipher: Cipher): TokenStore {
  const load = async (): Promise<Record<string, string>> => {
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new ParleyError('io', `cannot read: ${(e as Error).message}`, file);
    }
    let text: string;
    try {
      text = cipher.decrypt(data);
    } catch (e) {
      throw new ParleyError('corrupt_file', `cannot be decrypted with this user's keychain (${(e as Error).message})${RESET}`, file);
    }
    return parseFile(text, tokensKind, file, { advice: RESET }).data;
  };
  return {
    get: async (remote) => (await load())[remote],
    set: async (remote, token) => {
      const all = await load();
      if (token) all[remote] = token;
      else delete all[remote];
      await writeFileDurable(file, cipher.encrypt(JSON.stringify(all)));
    },
  };
}
