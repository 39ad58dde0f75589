/**
 * Everything that writes a workspace at once, against one `parley serve`:
 * two clients tagging over more documents than the server's open-file cache
 * holds (the second one sends the revision it saw, so some of its edits are
 * refused with `conflict`), import jobs through the API, label renames (a
 * bulk change of every layer), and the CLI trying to import into the folder
 * the server holds. Afterwards every acknowledged edit must be on disk,
 * every imported document in the index, and every CLI write refused with the
 * server named (or none of it written).
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../../src/core/random';
import { makeDocument, Workspace } from '../../src/main/workspace';
import { mentionIdsOnDisk } from './disk';
import { CLI, ROOT, serve } from './server';

export interface ConcurrencyFigures {
  documents: number;
  acknowledged_edits: number;
  acknowledged_edits_lost: number;
  /** Edits of the second client refused because the layer had changed since it read it (not acknowledged, so not lost). */
  edits_refused_as_conflict: number;
  import_jobs: number;
  /** Imports refused whole because a document they label was labelled while they were prepared. */
  imports_refused_as_changed: number;
  imported_documents_missing: number;
  /** Documents of a refused import found in the index afterwards. */
  refused_imports_partly_written: number;
  label_renames: number;
  cli_imports: number;
  /** CLI imports that were refused with a message naming the server. */
  cli_imports_refused_naming_server: number;
  /** CLI imports that wrote around the server (exit 0, or their documents on disk). */
  cli_imports_written_around_server: number;
}

const WORDS = ['Lavrov', 'met', 'Kerry', 'in', 'Geneva', 'and', 'Moscow', 'on', 'Syria', 'talks'];

function textOf(salt: string): string {
  return `${Array.from({ length: 12 }, (_, i) => WORDS[i % WORDS.length]).join(' ')} ${salt}.`;
}

interface Mention {
  id: string;
  label: string;
  start: number;
  end: number;
  quote: string;
  origin: 'manual' | 'imported';
  author: string;
  createdAt: string;
}

function mentionAt(text: string, i: number, id: string, origin: Mention['origin'] = 'manual'): Mention {
  const words = [...text.matchAll(/[A-Za-z]+/g)];
  const w = words[i % words.length];
  return { id, label: 'PERSON', start: w.index!, end: w.index! + w[0].length, quote: w[0], origin, author: 'ana', createdAt: '2026-01-01T00:00:00.000Z' };
}

/** A native dataset: `fresh` new documents, plus labels for some documents the workspace has. */
async function dataset(folder: string, tag: string, fresh: number, existing: { id: string; text: string }[]): Promise<{ path: string; ids: string[] }> {
  await mkdir(folder, { recursive: true });
  const docs = [...existing, ...Array.from({ length: fresh }, (_, i) => ({ id: `${tag}-${i}`, text: textOf(`${tag} ${i}`) }))];
  const lines = [JSON.stringify({ parley: 1, format: 'native', offsets: 'utf16' })];
  for (const { id, text } of docs) {
    lines.push(
      JSON.stringify({
        document: { id, title: `Imported ${id}`, text, source: {} },
        annotator: 'ana',
        status: 'in_progress',
        fields: {},
        mentions: [mentionAt(text, 4, `${tag}x`, 'imported')],
        frames: [],
      }),
    );
  }
  await writeFile(join(folder, 'documents.jsonl'), lines.join('\n') + '\n');
  return { path: folder, ids: docs.slice(existing.length).map((d) => d.id) };
}

/** Runs `jobs` in order, at most `width` at a time. */
async function pool(width: number, jobs: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) await jobs[next++]();
    }),
  );
}

export async function concurrency(options: { documents?: number; rounds?: number; imports?: number; cliImports?: number; seed?: number } = {}): Promise<ConcurrencyFigures> {
  const n = options.documents ?? 300;
  const rounds = options.rounds ?? 3;
  const random = seededRandom(options.seed ?? 1);
  const root = await mkdtemp(join(tmpdir(), 'parley-concurrency-'));
  const dir = join(root, 'ws');
  const home = join(root, 'home');
  const docs = Array.from({ length: n }, (_, i) => ({ id: `d${i}`, text: textOf(`n${i}`) }));
  await Workspace.create(
    dir,
    'concurrency',
    docs.map((d, i) => makeDocument(d.id, `Document ${i}`, d.text, {})),
  );
  Workspace.release(dir);
  await mkdir(home, { recursive: true });
  await writeFile(join(home, 'settings.json'), JSON.stringify({ annotator: 'ana', lastDocuments: {} }));
  const figures: ConcurrencyFigures = {
    documents: n,
    acknowledged_edits: 0,
    acknowledged_edits_lost: 0,
    edits_refused_as_conflict: 0,
    import_jobs: 0,
    imports_refused_as_changed: 0,
    imported_documents_missing: 0,
    refused_imports_partly_written: 0,
    label_renames: 0,
    cli_imports: 0,
    cli_imports_refused_naming_server: 0,
    cli_imports_written_around_server: 0,
  };
  const acked = new Map<string, string[]>();
  const ack = (docId: string, id: string) => acked.set(docId, [...(acked.get(docId) ?? []), id]);
  const imported: string[] = [];
  const refused: string[] = [];
  const cliDocs: string[] = [];
  const server = await serve(dir, home);
  try {
    let editing = true;
    const order = () => docs.map((d) => d.id).sort(() => random() - 0.5);
    // Client A: an API script, tagging every document each round.
    const clientA = async () => {
      for (let r = 0; r < rounds; r++) {
        await pool(
          6,
          order().map((docId, i) => async () => {
            const id = `a${r}`;
            const a = await server.call('annotations.change', { docId, change: { op: 'addMention', mention: mentionAt(docs[Number(docId.slice(1))].text, r + i, id) } });
            if (a.ok) ack(docId, id);
          }),
        );
      }
    };
    // Client B: a second tab, reading each layer's revision first and sending it with the edit.
    const clientB = async () => {
      for (let r = 0; r < rounds; r++) {
        await pool(
          4,
          order().map((docId) => async () => {
            const opened = await server.call('documents.open', { docId });
            const revision = (opened.value as { layer: { revision?: number } } | undefined)?.layer.revision ?? 0;
            const id = `b${r}`;
            const b = await server.call('annotations.change', { docId, baseRevision: revision, change: { op: 'addMention', mention: mentionAt(docs[Number(docId.slice(1))].text, r + 7, id) } });
            if (b.ok) ack(docId, id);
            else if (b.error?.code === 'conflict') figures.edits_refused_as_conflict++;
          }),
        );
      }
    };
    const importJobs = async () => {
      for (let k = 0; k < (options.imports ?? 3); k++) {
        // Every other import also labels documents the clients are tagging (refused whole once they have labels).
        const existing = k % 2 === 0 ? Array.from({ length: 10 }, () => docs[Math.floor(random() * n)]).filter((d, i, all) => all.indexOf(d) === i) : [];
        const data = await dataset(join(root, `import${k}`), `job${k}`, 40, existing);
        const started = await server.call('datasets.import', { paths: [data.path] });
        if (!started.ok) throw new Error(`import ${k} was refused: ${started.error?.message}`);
        const { jobId } = started.value as { jobId: string };
        let state: { state: string; error?: { code: string; message: string } };
        for (;;) {
          state = (await server.call('jobs.get', { jobId })).value as typeof state;
          if (state.state !== 'running') break;
          await new Promise((r) => setTimeout(r, 20));
        }
        figures.import_jobs++;
        if (state.state === 'done') imported.push(...data.ids);
        // An import refuses, whole, when the analyst labelled one of its documents while it was being prepared.
        else if (state.state === 'failed' && state.error?.code === 'conflict') {
          figures.imports_refused_as_changed++;
          refused.push(...data.ids);
        } else throw new Error(`import ${k} ended ${state.state}: ${state.error?.message}`);
      }
    };
    const renames = async () => {
      while (editing) {
        await new Promise((r) => setTimeout(r, 300));
        const info = (await server.call('workspace.info')).value as { schema: { labels: { name: string }[] } };
        const has = info.schema.labels.some((l) => l.name === 'GPE');
        const a = await server.call('schema.renameLabel', has ? { from: 'GPE', to: 'STATE' } : { from: 'STATE', to: 'GPE' });
        if (a.ok) figures.label_renames++;
      }
    };
    const cli = async () => {
      for (let k = 0; k < (options.cliImports ?? 2); k++) {
        const data = await dataset(join(root, `cli${k}`), `cli${k}`, 5, []);
        const r = spawnSync(process.execPath, [...CLI, 'import', '--workspace', dir, data.path], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PARLEY_HOME: home } });
        figures.cli_imports++;
        cliDocs.push(...data.ids);
        if (r.status === 0) figures.cli_imports_written_around_server++;
        else if (new RegExp(`open for writing in parley serve \\(process ${server.child.pid}\\b`).test(r.stderr)) figures.cli_imports_refused_naming_server++;
        else throw new Error(`parley import failed otherwise: ${r.stderr}`);
        await new Promise((done) => setTimeout(done, 50));
      }
    };
    const editors = Promise.all([clientA(), clientB(), importJobs(), cli()]);
    const bulk = renames();
    try {
      await editors;
    } finally {
      editing = false;
      await bulk;
    }
  } finally {
    await server.stop();
  }
  for (const [docId, ids] of acked) {
    const onDisk = await mentionIdsOnDisk(dir, 'ana', docId);
    figures.acknowledged_edits += ids.length;
    for (const id of ids) if (!onDisk.has(id)) figures.acknowledged_edits_lost++;
  }
  const ws = await Workspace.open(dir, { readOnly: true });
  const listed = new Set(ws.entries.map((e) => e.id));
  figures.imported_documents_missing = imported.filter((id) => !listed.has(id)).length;
  figures.refused_imports_partly_written = refused.filter((id) => listed.has(id)).length;
  // A refused CLI import must have left nothing behind either.
  if (figures.cli_imports_written_around_server === 0 && cliDocs.some((id) => listed.has(id))) figures.cli_imports_written_around_server++;
  await rm(root, { recursive: true, force: true, maxRetries: 3 });
  return figures;
}
