/**
 * A small workspace on disk for the dataset tests: three articles (one with a
 * flag, a ZWJ family emoji and a combining umlaut), Ana's layers with nested
 * mentions, frames, a pending suggestion and entity links, and a gold layer.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Handlers } from '../../../src/core/api/contract';
import type { JobState } from '../../../src/core/api/jobs';
import { emptyLayer, type Entity, type Frame, type Layer, type Mention } from '../../../src/core/model';
import { createDatasetHandlers } from '../../../src/main/datasets/handlers';
import { JobRegistry } from '../../../src/main/datasets/jobs';
import { Session } from '../../../src/main/session';
import { SettingsStore } from '../../../src/main/settings/settingsFile';
import { makeDocument, Workspace } from '../../../src/main/workspace';

const made: string[] = [];

export async function tempDir(prefix = 'parley-datasets-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made (one test writes a 50 MB file). */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export const EMOJI_TEXT = 'Lavrov 🇷🇺 told Mu\u0308ller: no ceasefire.\nThe 👩‍👩‍👧 talks in Geneva failed.';
export const KERRY_TEXT = 'Kerry met Lavrov in Geneva on Friday.\n\nThe talks on Syria went on for hours.';
export const PLAIN_TEXT = 'A quiet day in Moscow. Nothing was agreed.';

export const LAVROV: Entity = { id: 'ent_lavrov', type: 'PERSON', name: 'Sergey Lavrov', aliases: ['Lavrov'] };
export const MULLER: Entity = { id: 'ent_muller', type: 'PERSON', name: 'Anna Müller', aliases: [] };

const base = { origin: 'manual' as const, author: 'ana', createdAt: '2024-05-01T10:00:00.000Z' };

export function span(text: string, needle: string, from = 0): { start: number; end: number; quote: string } {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`no ${needle} in the text`);
  return { start, end: start + needle.length, quote: needle };
}

export function mention(id: string, label: string, text: string, needle: string, extra: Partial<Mention> = {}): Mention {
  return { id, label, ...span(text, needle), ...base, ...extra };
}

export function emojiLayer(): Pick<Layer, 'status' | 'mentions' | 'frames' | 'fields'> {
  const t = EMOJI_TEXT;
  const mentions: Mention[] = [
    mention('m1', 'PERSON', t, 'Lavrov', { entityId: 'ent_lavrov' }),
    mention('m2', 'GPE', t, '🇷🇺', { note: 'flag as\nstand-in' }),
    mention('m3', 'PERSON', t, 'Mu\u0308ller'),
    mention('m4', 'TOPIC', t, 'ceasefire'),
    mention('p1', 'ORG', t, 'The', { pending: true, origin: 'suggested' }),
    mention('m6', 'EVENT', t, 'talks in Geneva', { attrs: { certainty: 'high' } }),
    mention('m5', 'LOC', t, 'Geneva'),
  ];
  const frames: Frame[] = [
    {
      id: 'f1',
      type: 'Stance',
      evidence: span(t, 'told Mu\u0308ller: no ceasefire'),
      roles: { Holder: [{ kind: 'mention', mentionId: 'm1' }], Target: [{ kind: 'mention', mentionId: 'm4' }] },
      attrs: { Polarity: 'against' },
      note: 'blunt',
      ...base,
    },
    {
      id: 'f2',
      type: 'Agreement',
      evidence: span(t, 'talks in Geneva failed'),
      roles: {
        Party: [
          { kind: 'mention', mentionId: 'm1' },
          { kind: 'entity', entityId: 'ent_muller' },
          { kind: 'mention', mentionId: 'm3' },
        ],
        Topic: [{ kind: 'topic', text: 'a ceasefire' }],
      },
      attrs: { Status: 'failed' },
      ...base,
    },
  ];
  return { status: 'done', mentions, frames, fields: { 'Overall tone': 'negative' } };
}

export function kerryLayer(author = 'ana'): Pick<Layer, 'status' | 'mentions' | 'frames' | 'fields'> {
  const t = KERRY_TEXT;
  return {
    status: 'in_progress',
    mentions: [mention('k1', 'PERSON', t, 'Kerry', { author }), mention('k2', 'PERSON', t, 'Lavrov', { author, entityId: 'ent_lavrov' }), mention('k3', 'LOC', t, 'Geneva', { author })],
    frames: [],
    fields: {},
  };
}

/** Writes a layer file the way the workspace does, with the document's hash. */
export async function writeLayer(ws: Workspace, annotator: string, docId: string, content: Pick<Layer, 'status' | 'mentions' | 'frames' | 'fields'>): Promise<void> {
  await mkdir(join(ws.root, 'annotations', annotator), { recursive: true });
  const layer: Layer = { ...emptyLayer(docId, annotator, ws.entry(docId).sha256), ...content, updatedAt: '2024-05-02T00:00:00.000Z' };
  await writeFile(ws.layerPath(annotator, docId), JSON.stringify(layer));
}

export interface Fixture {
  root: string;
  ws: Workspace;
  session: Session;
  handlers: ReturnType<typeof createDatasetHandlers>;
  jobs: JobRegistry;
}

/** A session on a workspace, with `annotator` as the current analyst. */
export async function sessionOn(wsDir: string, annotator = 'ana'): Promise<{ session: Session; handlers: ReturnType<typeof createDatasetHandlers>; jobs: JobRegistry }> {
  const settings = await SettingsStore.load(await tempDir('parley-home-'));
  await settings.update((s) => {
    s.annotator = annotator;
  });
  const session = await Session.start(wsDir, {}, settings);
  const jobs = new JobRegistry();
  return { session, handlers: createDatasetHandlers(session, jobs), jobs };
}

/** The sample workspace: `emoji` and `kerry` labelled by ana (done, in progress), `kerry` by gold, `plain` untouched. */
export async function sampleWorkspace(): Promise<Fixture> {
  const root = await tempDir();
  const docs = [
    makeDocument('emoji', 'Lavrov rebuffs Müller 🇷🇺', EMOJI_TEXT, { outlet: 'Wire', date: '2024-05-01' }),
    makeDocument('kerry', 'Kerry and Lavrov meet', KERRY_TEXT, { outlet: 'Daily' }),
    makeDocument('plain', 'A quiet day', PLAIN_TEXT, {}),
  ];
  const ws = await Workspace.create(join(root, 'ws'), 'Sample', docs);
  await ws.saveEntities([LAVROV, MULLER]);
  await writeLayer(ws, 'ana', 'emoji', emojiLayer());
  await writeLayer(ws, 'ana', 'kerry', kerryLayer());
  await writeLayer(ws, 'gold', 'kerry', { ...kerryLayer('gold'), status: 'reviewed' });
  const { session, handlers, jobs } = await sessionOn(ws.root);
  return { root, ws: session.workspace, session, handlers, jobs };
}

/** Every file under a folder with its contents, for "nothing changed" checks. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      // The lock, intents and snapshots are the workspace's private bookkeeping, not its content.
      if (d === dir && e.name === '.parley') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) {
        out.set(`${relative(dir, p)}/`, '');
        await walk(p);
      } else out.set(relative(dir, p), await readFile(p, 'utf8'));
    }
  };
  await walk(dir);
  return out;
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Starts a job through the handlers and waits for it to finish. */
export async function runJob(handlers: Pick<Handlers, 'jobs.get'>, jobs: JobRegistry, start: Promise<{ jobId: string }>): Promise<JobState> {
  const { jobId } = await start;
  await jobs.settled(jobId);
  return handlers['jobs.get']({ jobId });
}

/** A layer as the comparison in round-trip tests sees it: what an analyst labelled, not when it was saved. */
export function labelsOf(layer: Layer): Pick<Layer, 'status' | 'mentions' | 'frames' | 'fields'> {
  return { status: layer.status, mentions: layer.mentions, frames: layer.frames, fields: layer.fields };
}
