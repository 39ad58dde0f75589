/**
 * Team commands while `parley serve` writes the workspace: the server holds
 * the writer lock, so `parley sync` (and resolving a conflict) asks it to
 * do the work through its API instead of refusing. The server leaves its
 * address and per-run token in .parley/serve.json (readable by this user
 * only, never shared); it is believed only while the lock names its process.
 */
import { rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { SyncConflict, SyncOutcome } from '../../core/api/sync';
import type { TeamPatch, TeamSettings } from '../../core/api/team';
import { ParleyError } from '../../core/errors';
import { TOKEN_HEADER } from '../hostProtocol';
import { z } from 'zod';
import { writeFileDurable } from '../store/durable';
import { readJsonFileSync, type FileKind } from '../store/jsonFile';
import { lockHolder, PRIVATE_DIR } from '../store/lock';

const ServerInfoSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  /** http://127.0.0.1:PORT */
  origin: z.string().regex(/^http:\/\/127\.0\.0\.1:\d+$/, 'http://127.0.0.1:PORT'),
  token: z.string(),
});
type ServerInfo = z.infer<typeof ServerInfoSchema>;
const serverKind: FileKind<ServerInfo> = { what: "running server's address file", schema: ServerInfoSchema };

const infoPath = (root: string) => join(root, PRIVATE_DIR, 'serve.json');

/** Called by `parley serve` once it listens: other commands on this machine may reach it. */
export async function advertiseServer(root: string, port: number, token: string): Promise<void> {
  const info: ServerInfo = { pid: process.pid, host: hostname(), origin: `http://127.0.0.1:${port}`, token };
  await mkdir(join(root, PRIVATE_DIR), { recursive: true });
  await writeFileDurable(infoPath(root), JSON.stringify(info));
  process.once('exit', () => rmSync(infoPath(root), { force: true }));
}

/**
 * The server on this machine that holds the workspace's writer lock, if one
 * does. The file is read only while a process here holds the lock: one left
 * by a server that died is never believed, damaged or not. A damaged one
 * beside a live holder is refused by file and line (the command cannot
 * reach the server, and must not write beside it).
 */
export function runningServer(dir: string): ServerInfo | null {
  const root = resolve(dir);
  const holder = lockHolder(root);
  if (!holder || holder.host !== hostname()) return null;
  const info = readJsonFileSync(infoPath(root), serverKind, { advice: '; restart parley serve, which writes it anew (or, when no parley serve runs, remove the file)' })?.data;
  if (!info || holder.pid !== info.pid || info.host !== hostname()) return null;
  return info;
}

async function call<T>(server: ServerInfo, method: string, args: object = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${server.origin}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token }, body: JSON.stringify(args) });
  } catch (e) {
    throw new ParleyError('io', `the Parley server holding this workspace (process ${server.pid}) does not answer at ${server.origin}: ${(e as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as { ok: boolean; value?: T; error?: { code: string; message: string } } | null;
  if (!body) throw new ParleyError('io', `the Parley server at ${server.origin} answered ${res.status} without a result`);
  if (!body.ok) throw new ParleyError((body.error?.code ?? 'internal') as never, body.error?.message ?? 'the server refused');
  return body.value as T;
}

/** Syncs through the server; `token`, when given, is handed to it first for an HTTPS remote. */
export async function syncThrough(server: ServerInfo, token: string | undefined): Promise<SyncOutcome> {
  if (token) await call(server, 'sync.setToken', { token });
  return call<SyncOutcome>(server, 'sync.run');
}

/** Changes the team settings through the server, as the window's analyst would. */
export function teamThrough(server: ServerInfo, patch: TeamPatch): Promise<TeamSettings> {
  return call<TeamSettings>(server, 'team.setSettings', patch);
}

export function resolveThrough(server: ServerInfo, id: string, take: 'ours' | 'theirs'): Promise<SyncConflict[]> {
  return call<SyncConflict[]>(server, 'sync.resolve', { id, take });
}
