/**
 * A schema migration killed at random moments, over three analysts' layers
 * (ana, ben and gold): after the next open every layer and the schema are
 * either all as before or all migrated, never half, and what Undo reads is
 * there exactly when the migration is.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MigrationOp } from '../../../src/core/migrations';
import { emptyLayer, type Layer } from '../../../src/core/model';
import { seededRandom } from '../../../src/core/random';
import { undoableMigration } from '../../../src/main/schemes/undoMigration';
import { Workspace, makeDocument } from '../../../src/main/workspace';
import { tempDir } from './fixtures';

const DOCS = 40;
const ROUNDS = 4;
const TEXT = 'Lavrov met Kerry in Geneva and flew over the Alps to Moscow.';
const span = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length, quote });

async function threeAnalysts(): Promise<string> {
  const dir = join(await tempDir(), 'ws');
  const ws = await Workspace.create(dir, 'kill', Array.from({ length: DOCS }, (_, i) => makeDocument(`d${i}`, `Doc ${i}`, TEXT, {})));
  for (const annotator of ['ana', 'ben', 'gold']) {
    for (let i = 0; i < DOCS; i++) {
      await ws.editLayer(annotator, `d${i}`, (l) => {
        for (const [quote, label] of [['Lavrov', 'PERSON'], ['Geneva', 'GPE'], ['Alps', 'LOC'], ['Moscow', 'GPE']] as const) {
          l.mentions.push({ id: `${annotator}-${quote}`, label, ...span(quote), origin: 'manual', author: annotator, createdAt: 'n' });
        }
      });
    }
  }
  ws.close();
  return dir;
}

/** Runs the writer, killing it `delayMs` after it starts the migration (never, when null); resolves with how it ended and how long the migration ran. */
function runUntilKilled(dir: string, op: MigrationOp, delayMs: number | null): Promise<{ how: 'killed' | 'finished'; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/integrity/migrate-writer.ts', dir, JSON.stringify(op)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let started = 0;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!started && out.includes('start\n')) {
        started = performance.now();
        if (delayMs !== null) setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      const ms = performance.now() - started;
      if (signal === 'SIGKILL') resolve({ how: out.includes('done') ? 'finished' : 'killed', ms });
      else if (code === 0) resolve({ how: 'finished', ms });
      else reject(new Error(`the writer failed: ${err}`));
    });
  });
}

const OPS: { op: MigrationOp; before: string[]; after: string[] }[] = [
  { op: { op: 'mergeLabels', from: ['GPE', 'LOC'], into: 'PLACE' }, before: ['GPE', 'LOC'], after: ['PLACE'] },
  { op: { op: 'splitLabel', from: 'GPE', into: [{ label: 'CITY', quote: '^(Geneva|Moscow)$' }, { label: 'COUNTRY' }], otherwise: 'COUNTRY' }, before: ['GPE'], after: ['CITY'] },
];

describe('a schema migration killed part way', { timeout: 300_000 }, () => {
  it('leaves every layer and the schema all before or all after, and the workspace valid', async () => {
    const random = seededRandom(11);
    const outcomes: string[] = [];
    // How long each migration takes here, so the kills land anywhere in it.
    const took = await Promise.all(OPS.map(async ({ op }) => (await runUntilKilled(await threeAnalysts(), op, null)).ms));
    for (let round = 0; round < ROUNDS; round++) {
      const { op, before, after } = OPS[round % OPS.length];
      const dir = await threeAnalysts();
      const { how } = await runUntilKilled(dir, op, Math.floor(random() * took[round % OPS.length] * 1.2));
      const ws = await Workspace.open(dir);
      try {
        const schemaLabels = ws.schema.labels.map((l) => l.name);
        const migrated = after.every((l) => schemaLabels.includes(l));
        const used = new Set<string>();
        let layers = 0;
        for (const annotator of ['ana', 'ben', 'gold']) {
          for (let i = 0; i < DOCS; i++) {
            const layer: Layer = (await ws.layer(annotator, `d${i}`)).data ?? emptyLayer(`d${i}`, annotator, '');
            layers++;
            for (const m of layer.mentions) used.add(m.label);
          }
        }
        expect(layers).toBe(DOCS * 3);
        // What Undo reads is written in the same step: it is there exactly when the migration is.
        const undoable = await undoableMigration(ws);
        if (migrated) {
          for (const l of before) if (!after.includes(l)) expect([...used], `round ${round}`).not.toContain(l);
          expect(ws.schemaHistory).toHaveLength(1);
          expect(undoable?.version).toBe(1);
        } else {
          for (const l of after) expect([...used], `round ${round}`).not.toContain(l);
          expect(schemaLabels).toEqual(expect.arrayContaining(before));
          expect(ws.schemaHistory).toHaveLength(0);
          expect(undoable).toBeNull();
        }
        outcomes.push(`${how}:${migrated ? 'after' : 'before'}`);
        expect(await ws.check()).toEqual([]);
      } finally {
        ws.close();
      }
    }
    expect(outcomes).toHaveLength(ROUNDS);
  });
});
