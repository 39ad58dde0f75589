/** A small team for sync tests: one shared workspace, colleagues who join it, tag and sync. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entity, Mention } from '../../../src/core/model';
import { createHandlers } from '../../../src/main/handlers';
import { Session } from '../../../src/main/session';
import { SettingsStore } from '../../../src/main/settings/settingsFile';
import { join as joinShared, share } from '../../../src/main/sync/sync';
import { makeDocument, Workspace } from '../../../src/main/workspace';

export async function tempDir(prefix = 'parley-sync-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export const TEXTS = [
  'Sergey Lavrov met John Kerry in Geneva on Friday.',
  'The ceasefire in Aleppo was proposed by Russia and the United States.',
  'Bashar al-Assad rejected the plan, his envoy said in Damascus.',
];

/** A workspace of three documents, shared to `remote` by `lead`. */
export async function sharedWorkspace(remote: string, lead = 'lead'): Promise<string> {
  const dir = join(await tempDir(), 'ws');
  (await Workspace.create(
    dir,
    'Team',
    TEXTS.map((t, i) => makeDocument(`doc${i + 1}`, `Article ${i + 1}`, t, {})),
  )).close();
  await share(dir, remote, { author: { name: lead } });
  return dir;
}

export async function joinAs(remote: string, annotator: string): Promise<string> {
  const dir = join(await tempDir(), annotator);
  await joinShared(remote, dir, { annotator });
  return dir;
}

/** Tags every occurrence of `word` in a document, as `annotator`, the way the reader saves a mention. */
export async function tag(dir: string, annotator: string, docId: string, word: string, label: string): Promise<void> {
  const ws = await Workspace.open(dir);
  try {
    const text = (await ws.document(docId)).text;
    await ws.editLayer(annotator, docId, (layer) => {
      let at = text.indexOf(word);
      while (at >= 0) {
        const m: Mention = { id: `${annotator}-${docId}-${at}`, label, start: at, end: at + word.length, quote: word, origin: 'manual', author: annotator, createdAt: new Date().toISOString() };
        layer.mentions.push(m);
        at = text.indexOf(word, at + 1);
      }
      layer.status = 'in_progress';
    });
  } finally {
    ws.close();
  }
}

export async function editEntities(dir: string, edit: (list: Entity[]) => Entity[]): Promise<void> {
  const ws = await Workspace.open(dir);
  try {
    await ws.saveEntities(edit([...ws.entities]));
  } finally {
    ws.close();
  }
}

/** The workspace as on disk now, for checks. */
export function read(dir: string): Promise<Workspace> {
  return Workspace.open(dir, { readOnly: true });
}

export async function layerText(dir: string, annotator: string, docId: string): Promise<unknown> {
  const l = JSON.parse(await readFile(join(dir, 'annotations', annotator, `${docId}.json`), 'utf8')) as { mentions: Mention[]; status: string };
  return { mentions: l.mentions, status: l.status };
}

/** The API as the window of `annotator` uses it, on a workspace open in this process. */
export async function handlersFor(dir: string, annotator: string) {
  const settings = await SettingsStore.load(await tempDir('parley-home-'));
  await settings.update((s) => (s.annotator = annotator));
  return createHandlers(await Session.start(dir, {}, settings));
}

/** A lead who shared a workspace, with the window's API on it, and ben who joined. */
export async function leadAndBen() {
  const remote = join(await tempDir(), 'shared.git');
  const lead = await sharedWorkspace(remote);
  const ben = await joinAs(remote, 'ben');
  return { remote, lead, ben, api: await handlersFor(lead, 'lead') };
}
