/**
 * The writer the kill loop kills: opens a workspace (finishing whatever a
 * kill left), then makes random edits, imports and bulk changes through the
 * API forever, printing `ack DOC MENTION` once an edit is acknowledged.
 * With `--wait` it loads its code, prints `loaded`, and opens the workspace
 * only when a line arrives on stdin, so the next writer can start loading
 * while the current one runs.
 *
 * node --import tsx bench/integrity/writer.ts WORKSPACE SEED [--wait]
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createHandlers } from '../../src/main/handlers';
import { Session } from '../../src/main/session';
import { SettingsStore } from '../../src/main/settings/settingsFile';
import { seededRandom } from '../../src/core/random';

const [dir, seedArg] = process.argv.slice(2);
const seed = Number(seedArg);
const random = seededRandom(seed);
const say = (line: string) => process.stdout.write(line + '\n');

async function dataset(n: number, tag: string): Promise<string> {
  // Beside the workspace, so the loop removes them with it.
  const folder = await mkdtemp(join(dirname(dir), 'data-'));
  const lines = [JSON.stringify({ parley: 1, format: 'native', offsets: 'utf16' })];
  for (let i = 0; i < n; i++) {
    const text = `Lavrov met Kerry in Geneva about ${tag} item ${i}.`;
    lines.push(
      JSON.stringify({
        document: { id: `${tag}-${i}`, title: `${tag} ${i}`, text, source: {} },
        annotator: 'ana',
        status: 'in_progress',
        fields: {},
        mentions: [{ id: 'x1', label: 'PERSON', start: 0, end: 6, quote: 'Lavrov', origin: 'imported', author: 'ana', createdAt: 'n' }],
        frames: [],
      }),
    );
  }
  await writeFile(join(folder, 'documents.jsonl'), lines.join('\n') + '\n');
  return folder;
}

/** Resolves when the first line arrives on stdin. */
function goSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.once('data', () => resolve());
  });
}

async function main(): Promise<void> {
  if (process.argv.includes('--wait')) {
    say('loaded');
    await goSignal();
    process.stdin.pause();
  }
  const settings = await SettingsStore.load();
  const session = await Session.start(dir, {}, settings);
  const api = createHandlers(session);
  const docs = session.workspace.entries.filter((e) => e.id.startsWith('d')).map((e) => e.id);
  say('ready');
  for (let i = 0; ; i++) {
    const r = random();
    if (r < 0.8) {
      const docId = docs[Math.floor(random() * docs.length)];
      const { text } = await session.workspace.document(docId);
      const words = [...text.matchAll(/[A-Za-z]+/g)];
      const w = words[Math.floor(random() * words.length)];
      const id = `k${seed}_${i}`;
      const mention = { id, label: 'ORG', start: w.index!, end: w.index! + w[0].length, quote: w[0], origin: 'manual' as const, author: 'ana', createdAt: new Date().toISOString() };
      await api['annotations.change']({ docId, change: { op: 'addMention', mention } });
      say(`ack ${docId} ${id}`);
    } else if (r < 0.9) {
      const { jobId } = await api['datasets.import']({ paths: [await dataset(5 + Math.floor(random() * 30), `s${seed}x${i}`)] });
      for (;;) {
        const state = await api['jobs.get']({ jobId });
        if (state.state !== 'running') break;
        await new Promise((done) => setTimeout(done, 5));
      }
      say('import');
    } else {
      const has = session.workspace.schema.labels.some((l) => l.name === 'GPE');
      await api['schema.renameLabel'](has ? { from: 'GPE', to: 'STATE' } : { from: 'STATE', to: 'GPE' });
      say('bulk');
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`writer: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
