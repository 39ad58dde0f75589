/**
 * Splitting a label (by rule or by review), removing a role, and undoing a
 * merge, a deletion, a split or a role's removal: as pure steps, and run on
 * a workspace, where the undo puts every mention and frame back exactly,
 * leaves alone what changed since, and is recorded as a schema step that a
 * layer meeting both the step and its undo skips.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSchema } from '../../src/core/defaults';
import { migrateLayerTo, planMigration } from '../../src/core/migrationPlan';
import { migrateLayer, migrateSchema, mentionKey, type Migration, type MigrationOp } from '../../src/core/migrations';
import { migrationChange, restoreLayer, withoutReverted } from '../../src/core/migrationUndo';
import { emptyLayer, type Frame, type Layer, type Mention } from '../../src/core/model';
import { runSchemaMigration } from '../../src/main/schemes/migrate';
import { undoCommand } from '../../src/main/schemes/cli';
import { undoableMigration, undoSchemaMigration } from '../../src/main/schemes/undoMigration';
import { makeDocument, Workspace } from '../../src/main/workspace';

const TEXT = 'Lavrov met Kerry in Geneva. Russia and the United States agreed on a ceasefire in Aleppo.';
const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length, quote });
const mention = (id: string, quote: string, label: string): Mention => ({ id, label, ...at(quote), origin: 'manual', author: 'x', createdAt: 't' });

function layer(annotator: string): Layer {
  const l = emptyLayer('d1', annotator, 'h');
  l.mentions = [
    mention('m1', 'Lavrov', 'PERSON'),
    mention('m2', 'Kerry', 'PERSON'),
    mention('m3', 'Geneva', 'GPE'),
    mention('m4', 'Russia', 'GPE'),
    mention('m5', 'United States', 'GPE'),
    mention('m6', 'ceasefire', 'TOPIC'),
    mention('m7', 'Aleppo', 'GPE'),
  ].sort((a, b) => a.start - b.start);
  const agreement: Frame = {
    id: 'f1',
    type: 'Agreement',
    evidence: at('Russia and the United States agreed on a ceasefire'),
    roles: { Party: [{ kind: 'mention', mentionId: 'm4' }, { kind: 'mention', mentionId: 'm5' }], Topic: [{ kind: 'mention', mentionId: 'm6' }] },
    attrs: { Status: 'reached' },
    origin: 'manual',
    author: 'x',
    createdAt: 't',
  };
  l.frames = [agreement];
  return l;
}

const labels = (l: Pick<Layer, 'mentions'>) => l.mentions.map((m) => `${m.quote}:${m.label}`);

describe('splitting a label by a list of texts or by review', () => {
  const byText: MigrationOp = { op: 'splitLabel', from: 'GPE', into: [{ label: 'COUNTRY' }, { label: 'CITY', texts: ['geneva', '  ALEPPO '] }], otherwise: 'COUNTRY' };

  it('gives the listed texts (any case, any spacing) one label and the rest the other, counted each way', () => {
    const r = migrateLayer(layer('ana'), byText);
    expect(labels(r.layer)).toEqual(['Lavrov:PERSON', 'Kerry:PERSON', 'Geneva:CITY', 'Russia:COUNTRY', 'United States:COUNTRY', 'ceasefire:TOPIC', 'Aleppo:CITY']);
    expect(r.byLabel).toEqual({ CITY: 2, COUNTRY: 2 });
    const plan = planMigration(defaultSchema(), [layer('ana'), layer('ben')], byText);
    expect(plan.byLabel).toEqual([
      { label: 'COUNTRY', mentions: 4 },
      { label: 'CITY', mentions: 4 },
    ]);
    expect(plan.fellThrough).toBe(4);
    expect(plan.summary).toBe('split GPE into COUNTRY and CITY (by rule; the rest to COUNTRY)');
  });

  it('by review, moves exactly the mentions named, in the layer named, and leaves the rest (and other layers) to the fallback', () => {
    const op: MigrationOp = {
      op: 'splitLabel',
      from: 'GPE',
      into: [
        { label: 'GPE_A', mentions: [mentionKey('ana', 'd1', 'm4')] },
        { label: 'GPE_B', mentions: [mentionKey('ana', 'd1', 'm3'), mentionKey('ana', 'd1', 'm7')] },
      ],
      otherwise: 'GPE_A',
    };
    expect(labels(migrateLayer(layer('ana'), op).layer).filter((l) => /GPE/.test(l))).toEqual(['Geneva:GPE_B', 'Russia:GPE_A', 'United States:GPE_A', 'Aleppo:GPE_B']);
    // Ben's m3 is not the m3 reviewed in Ana's layer.
    expect(labels(migrateLayer(layer('ben'), op).layer).filter((l) => /GPE/.test(l))).toEqual(['Geneva:GPE_A', 'Russia:GPE_A', 'United States:GPE_A', 'Aleppo:GPE_A']);
    expect(planMigration(defaultSchema(), [layer('ana')], op).summary).toBe('split GPE into GPE_A and GPE_B (by review; the rest to GPE_A)');
  });

  it('refuses a new label with no rule that is not the fallback', () => {
    expect(() => migrateSchema(defaultSchema(), { op: 'splitLabel', from: 'GPE', into: [{ label: 'A' }, { label: 'B' }], otherwise: 'A' })).toThrow(/B needs a rule/);
  });
});

describe('removing a role', () => {
  const op: MigrationOp = { op: 'removeRole', frameType: 'Agreement', role: 'Topic' };

  it('takes the role off the frame type and its fillers off every frame, counted', () => {
    expect(migrateSchema(defaultSchema(), op).frameTypes[1].roles.map((r) => r.name)).toEqual(['Party']);
    const r = migrateLayer(layer('ana'), op);
    expect(Object.keys(r.layer.frames[0].roles)).toEqual(['Party']);
    expect(r).toMatchObject({ frames: 1, removedFillers: 1 });
    expect(planMigration(defaultSchema(), [layer('ana'), layer('gold')], op)).toMatchObject({ layers: 2, frames: 2, removedFillers: 2, summary: "remove Agreement's role Topic" });
    expect(() => migrateSchema(defaultSchema(), { ...op, role: 'Nope' })).toThrow(/Agreement has no role Nope/);
  });
});

describe('the change a step made, put back', () => {
  it('restores deleted mentions in their place and the fillers their frames lost', () => {
    const before = layer('ana');
    const after = migrateLayer(before, { op: 'deleteLabel', name: 'GPE' }).layer;
    const change = migrationChange(before, after, 'delete GPE')!;
    const l = structuredClone(after);
    const counts = { mentions: 0, frames: 0, skipped: 0 };
    restoreLayer(l, change, counts);
    expect(l.mentions).toEqual(before.mentions);
    expect(l.frames).toEqual(before.frames);
    expect(counts).toEqual({ mentions: 4, frames: 1, skipped: 0 });
  });

  it('leaves an item changed since as it is now, and counts it', () => {
    const before = layer('ana');
    const after = migrateLayer(before, { op: 'mergeLabels', from: ['GPE'], into: 'LOC' }).layer;
    const change = migrationChange(before, after, 'merge')!;
    const l = structuredClone(after);
    l.mentions = l.mentions.map((m) => (m.id === 'm3' ? { ...m, label: 'ORG' } : m));
    const counts = { mentions: 0, frames: 0, skipped: 0 };
    restoreLayer(l, change, counts);
    expect(labels(l).filter((x) => !/PERSON|TOPIC/.test(x))).toEqual(['Geneva:ORG', 'Russia:GPE', 'United States:GPE', 'Aleppo:GPE']);
    expect(counts).toEqual({ mentions: 3, frames: 0, skipped: 1 });
  });

  it('a layer that meets a step and its undo together skips both', () => {
    const step: Migration = { version: 1, id: 's1', at: '1', author: 'lead', op: { op: 'mergeLabels', from: ['GPE'], into: 'PLACE' } };
    const revert: Migration = { version: 2, id: 's2', at: '2', author: 'lead', op: { op: 'revertMigration', version: 1, of: 's1', summary: 'merge GPE into PLACE', schema: defaultSchema(), labels: { PLACE: 'GPE' } } };
    const rename: Migration = { version: 3, id: 's3', at: '3', author: 'lead', op: { op: 'renameLabel', from: 'TOPIC', to: 'ISSUE' } };
    expect(withoutReverted([step, revert, rename]).map((s) => s.id)).toEqual(['s3']);
    expect(labels(migrateLayerTo(layer('dana'), 0, [step, revert, rename]).layer)).toContain('Geneva:GPE');
    // One that met the step already gets the revert's labels.
    const merged = migrateLayerTo(layer('dana'), 0, [step]).layer;
    expect(labels(migrateLayerTo(merged, 1, [step, revert]).layer)).toContain('Geneva:GPE');
  });
});

async function workspaceOfThree(): Promise<{ ws: Workspace; dir: string }> {
  const dir = join(await mkdtemp(join(tmpdir(), 'parley-undo-')), 'ws');
  const ws = await Workspace.create(dir, 'u', [makeDocument('d1', 'One', TEXT, {})]);
  for (const annotator of ['ana', 'ben', 'gold']) {
    const l = layer(annotator);
    await ws.editLayer(annotator, 'd1', (x) => {
      x.mentions.push(...l.mentions);
      x.frames.push(...l.frames);
    });
  }
  return { ws, dir };
}

const onDisk = async (dir: string, annotator: string): Promise<Layer> => JSON.parse(await readFile(join(dir, 'annotations', annotator, 'd1.json'), 'utf8'));

describe('undoing a schema step on a workspace', () => {
  for (const [what, op] of [
    ['a merge into a new label', { op: 'mergeLabels', from: ['GPE', 'LOC'], into: 'PLACE' }],
    ['a deletion with its mentions', { op: 'deleteLabel', name: 'GPE' }],
    ['a split by review', { op: 'splitLabel', from: 'GPE', into: [{ label: 'COUNTRY' }, { label: 'CITY', mentions: [mentionKey('ben', 'd1', 'm3')] }], otherwise: 'COUNTRY' }],
    ['a role removed', { op: 'removeRole', frameType: 'Agreement', role: 'Party' }],
  ] as [string, MigrationOp][]) {
    it(`puts back ${what} exactly in every analyst's layer and gold, as a step of its own`, async () => {
      const { ws, dir } = await workspaceOfThree();
      const schemaBefore = structuredClone(ws.schema);
      const before = await Promise.all(['ana', 'ben', 'gold'].map((a) => onDisk(dir, a)));
      const { migration } = await runSchemaMigration(ws, op, 'lead');
      const changed = await onDisk(dir, 'ben');
      expect({ mentions: changed.mentions, frames: changed.frames }).not.toEqual({ mentions: before[1].mentions, frames: before[1].frames });
      expect((await undoableMigration(ws))?.version).toBe(1);

      const undone = await undoSchemaMigration(ws, migration.version, 'lead');
      expect(undone).toMatchObject({ layers: 3, skipped: 0 });
      expect(ws.schema).toEqual(schemaBefore);
      for (const [i, a] of ['ana', 'ben', 'gold'].entries()) {
        const now = await onDisk(dir, a);
        expect(now.mentions).toEqual(before[i].mentions);
        expect(now.frames).toEqual(before[i].frames);
        expect(now.schemaVersion).toBe(2);
      }
      expect(ws.schemaHistory.map((m) => `${m.version} ${m.op.op}`)).toEqual([`1 ${op.op}`, '2 revertMigration']);
      // Once undone, there is nothing left to undo, and the undo itself is not undone this way.
      expect(await undoableMigration(ws)).toBeNull();
      await expect(undoSchemaMigration(ws, 1, 'lead')).rejects.toThrow(/version 2 \(revertMigration\) came after version 1/);
      ws.close();
    });
  }

  it('sends a mention tagged since with the label a merge made back to where that label came from, and refuses after a schema edit', async () => {
    const { ws, dir } = await workspaceOfThree();
    const { migration } = await runSchemaMigration(ws, { op: 'mergeLabels', from: ['GPE'], into: 'PLACE' }, 'lead');
    await ws.editLayer('ana', 'd1', (l) => {
      l.mentions.push({ ...mention('m9', 'ceasefire', 'PLACE'), id: 'm9' });
    });
    const undone = await undoSchemaMigration(ws, migration.version, 'lead');
    expect(undone.skipped).toBe(0);
    expect(labels(await onDisk(dir, 'ana'))).toContain('ceasefire:GPE');

    const second = await runSchemaMigration(ws, { op: 'deleteLabel', name: 'EVENT' }, 'lead');
    await ws.saveSchema({ ...ws.schema, labels: ws.schema.labels.map((l) => (l.name === 'PERSON' ? { ...l, color: '#000000' } : l)) });
    await expect(undoSchemaMigration(ws, second.migration.version, 'lead')).rejects.toThrow(/the schema was edited after version 3/);
    ws.close();
  });
});

describe('parley schema undo', () => {
  it('puts the newest step back and says what came back; with nothing to undo it says so', async () => {
    const { ws, dir } = await workspaceOfThree();
    const lines: string[] = [];
    await expect(undoCommand(ws, undefined, 'lead', (l) => lines.push(l))).rejects.toThrow(/no migrations to undo/);
    await runSchemaMigration(ws, { op: 'deleteLabel', name: 'GPE' }, 'lead');
    await undoCommand(ws, undefined, 'lead', (l) => lines.push(l));
    expect(lines).toEqual(['Undone: delete the label GPE and its mentions: 3 layers, 12 mentions and 3 frames put back. The schema is at version 2.']);
    expect(labels(await onDisk(dir, 'gold'))).toContain('Geneva:GPE');
    ws.close();
  });
});
