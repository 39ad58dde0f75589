/** Workspaces, servers and CLI runs for the integrity tests: what a tester does by hand, in code. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Handlers } from '../../../src/core/api/contract';
import type { Mention } from '../../../src/core/model';
import { createHandlers } from '../../../src/main/handlers';
import { Session } from '../../../src/main/session';
import { SettingsStore } from '../../../src/main/settings/settingsFile';
import { makeDocument, Workspace } from '../../../src/main/workspace';

import { mentionIdsOnDisk } from '../../../bench/integrity/disk';
import { CLI } from '../../../bench/integrity/server';

export { serve, type Server } from '../../../bench/integrity/server';
export { mentionIdsOnDisk } from '../../../bench/integrity/disk';

export const WORDS = ['Lavrov', 'met', 'Kerry', 'in', 'Geneva', 'and', 'Moscow', 'on', 'Syria', 'talks'];

/** A text of `n` words, the same for every document unless `salt` differs. */
export function textOf(n: number, salt = ''): string {
  return Array.from({ length: n }, (_, i) => WORDS[i % WORDS.length]).join(' ') + (salt ? ` ${salt}.` : '.');
}

export async function tempDir(prefix = 'parley-integrity-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** The i-th word of `text` as a PERSON mention with id `id`. */
export function mentionAt(text: string, i: number, id: string, author = 'ana'): Mention {
  const words = [...text.matchAll(/[A-Za-z]+/g)];
  const w = words[i % words.length];
  return { id, label: 'PERSON', start: w.index!, end: w.index! + w[0].length, quote: w[0], origin: 'manual', author, createdAt: '2026-01-01T00:00:00.000Z' };
}

export async function workspaceWith(docCount: number, words = 40): Promise<string> {
  const dir = join(await tempDir(), 'ws');
  await Workspace.create(
    dir,
    'test',
    Array.from({ length: docCount }, (_, i) => makeDocument(`d${i}`, `Document ${i}`, textOf(words, `n${i}`), {})),
  );
  return dir;
}

export async function homeFor(annotator = 'ana'): Promise<string> {
  const home = await tempDir('parley-home-');
  await writeFile(join(home, 'settings.json'), JSON.stringify({ annotator, lastDocuments: {} }));
  return home;
}

export async function handlersOn(dir: string, annotator = 'ana'): Promise<{ handlers: Handlers; session: Session }> {
  const settings = await SettingsStore.load(await homeFor(annotator));
  const session = await Session.start(dir, {}, settings);
  return { handlers: createHandlers(session), session };
}

/** Acknowledged mentions (docId → ids) that are not in their layer file. */
export async function lostMentions(dir: string, annotator: string, acked: Map<string, string[]>): Promise<string[]> {
  const lost: string[] = [];
  for (const [docId, ids] of acked) {
    const onDisk = await mentionIdsOnDisk(dir, annotator, docId);
    for (const id of ids) if (!onDisk.has(id)) lost.push(`${docId}/${id}`);
  }
  return lost;
}

/** Document files in documents/, by id. */
export async function documentFiles(dir: string): Promise<string[]> {
  return (await readdir(join(dir, 'documents'))).filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -5)).sort();
}

/** `count` new documents to import, with ids prefix0, prefix1, … */
export function newDocs(count: number, prefix = 'imp'): { id: string; text: string }[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, text: textOf(30, `${prefix}${i}`) }));
}

/** A native JSONL dataset of these documents, each with two mentions by `annotator`, written to a new folder. */
export async function nativeDataset(docs: { id: string; text: string }[], annotator = 'ana'): Promise<string> {
  const dir = await tempDir('parley-dataset-');
  const lines = [JSON.stringify({ parley: 1, format: 'native', offsets: 'utf16' })];
  for (const { id, text } of docs) {
    lines.push(
      JSON.stringify({
        document: { id, title: `Imported ${id}`, text, source: {} },
        annotator,
        status: 'in_progress',
        fields: {},
        mentions: [mentionAt(text, 0, 'x1', annotator), mentionAt(text, 2, 'x2', annotator)],
        frames: [],
      }),
    );
  }
  await writeFile(join(dir, 'documents.jsonl'), lines.join('\n') + '\n');
  return dir;
}

export function parleySync(home: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', env: { ...process.env, PARLEY_HOME: home } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function parleyChild(home: string, ...args: string[]): ChildProcess {
  return spawn(process.execPath, [...CLI, ...args], { env: { ...process.env, PARLEY_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
}
