import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../../src/core/formats';
import { migrateSchema, type Migration, type MigrationOp } from '../../../src/core/migrations';
import type { DatasetContext } from '../../../src/core/formats/types';
import { catchError, context, exportDocs, LAVROV, roundTrip, sampleDocument, withoutPending } from './helpers';

describe('native JSONL', () => {
  it('writes a header line, then one self-contained document per line with UTF-16 offsets', () => {
    const { files, report } = exportDocs('native', [sampleDocument(), sampleDocument()]);
    const lines = files.get('documents.jsonl')!.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    const header = JSON.parse(lines[0]);
    expect(header).toMatchObject({ parley: 1, format: 'native', offsets: 'utf16' });
    expect(header.schema.labels.map((l: { name: string }) => l.name)).toEqual(['PERSON', 'ORG', 'GPE', 'LOC', 'DATE', 'EVENT', 'TOPIC']);
    const record = JSON.parse(lines[1]);
    // The flag is two astral characters: four UTF-16 units from 7 to 11; "Mu\u0308ller" starts at 17.
    expect(record.mentions[1]).toEqual({ id: 'm2', label: 'GPE', start: 7, end: 11, quote: '🇷🇺', entityId: 'ent_russia', note: 'flag as\nstand-in', origin: 'manual', author: 'ana', createdAt: '2024-05-01T10:00:00.000Z' });
    expect(record.mentions[2]).toMatchObject({ start: 17, end: 24, quote: 'Mu\u0308ller' });
    expect(record.mentions.map((m: { id: string }) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect(record.frames).toEqual(sampleDocument().frames);
    expect(record.entities).toEqual([LAVROV, context().entities[2], context().entities[1]]);
    expect(record).toMatchObject({ annotator: 'ana', status: 'done', fields: { 'Overall tone': 'negative' }, document: sampleDocument().document });
    expect(report).toEqual({ documents: 2, mentions: 12, frames: 4, dropped: [], notes: ['2 pending suggestion(s) were left out'] });
  });

  it('reads back exactly what it wrote, with the entities the file carries', () => {
    const result = roundTrip('native', [sampleDocument()], context());
    expect(result.documents).toEqual([withoutPending(sampleDocument())]);
    expect(result.entities.map((e) => e.id)).toEqual(['ent_lavrov', 'ent_russia', 'ent_muller']);
    expect(result.warnings).toEqual([]);
  });

  it('drops what it could not read back and says why', () => {
    const doc = sampleDocument();
    doc.mentions.push({ ...doc.mentions[0], id: 'bad', quote: 'Lavrow' }, { ...doc.mentions[0], id: 'x', label: 'SPY' });
    doc.frames.push({ ...doc.frames[0], id: 'f9', roles: { Holder: [{ kind: 'mention', mentionId: 'p1' }] } });
    const { report } = exportDocs('native', [doc]);
    expect(report.dropped).toEqual([
      { reason: 'mention offsets or quote do not match the text', count: 1 },
      { reason: 'mention label not in the schema', count: 1 },
      { reason: 'frame refers to a mention that is pending, dropped or missing', count: 1 },
    ]);
  });

  it('needs its header line', () => {
    const e = catchError(() => FORMATS.native.read([{ path: 'a.jsonl', text: '{"document":{}}\n' }], context()));
    expect(e).toMatchObject({ code: 'bad_input', file: 'a.jsonl', line: 1 });
    expect(e.message).toContain('header');
  });

  it('rejects a record whose frame refers to a mention it does not hold, naming the line', () => {
    const second = { ...sampleDocument(), document: { ...sampleDocument().document, id: 'doc-2' } };
    const { files } = exportDocs('native', [sampleDocument(), second]);
    const lines = files.get('documents.jsonl')!.split('\n');
    const broken = JSON.parse(lines[2]);
    broken.frames[0].roles.Holder[0].mentionId = 'ghost';
    lines[2] = JSON.stringify(broken);
    const e = catchError(() => FORMATS.native.read([{ path: 'a.jsonl', text: lines.join('\n') }], context()));
    expect(e).toMatchObject({ code: 'bad_input', file: 'a.jsonl', line: 3 });
    expect(e.message).toContain('refers to mention ghost, which is not in the document');
  });

  it('refuses a mention attribute with a reserved name (__proto__, constructor, prototype), naming the line and the key, instead of dropping it', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const { files } = exportDocs('native', [sampleDocument()]);
      const lines = files.get('documents.jsonl')!.split('\n');
      // Written as text: JSON.parse keeps "__proto__" as an own key, as it does from a file.
      lines[1] = lines[1].replace('"label":"PERSON"', `"label":"PERSON","attrs":{"${key}":"x","role":"minister"}`);
      const e = catchError(() => FORMATS.native.read([{ path: 'a.jsonl', text: lines.join('\n') }], context()));
      expect(e).toMatchObject({ code: 'bad_input', file: 'a.jsonl', line: 2 });
      expect(e.message).toContain(`attrs.${key}: is a reserved name (__proto__, constructor, prototype)`);
    }
  });

  describe('a file made under an older schema version', () => {
    const step = (version: number, op: MigrationOp): Migration => ({ version, id: `m${version}`, at: `2026-01-0${version}T00:00:00Z`, author: 'lead', op });
    const history = [step(1, { op: 'renameLabel', from: 'PERSON', to: 'PER' }), step(2, { op: 'mergeLabels', from: ['LOC', 'GPE'], into: 'PLACE' })];
    /** The workspace after both steps. */
    const migrated = (): DatasetContext => {
      const ctx = context();
      return { ...ctx, schema: history.reduce((s, m) => migrateSchema(s, m.op), ctx.schema), history };
    };

    it('records the schema version it was written under', () => {
      expect(JSON.parse(exportDocs('native', [sampleDocument()], migrated()).files.get('documents.jsonl')!.split('\n')[0])).toMatchObject({ schemaVersion: 2 });
      expect(JSON.parse(exportDocs('native', [sampleDocument()]).files.get('documents.jsonl')!.split('\n')[0])).toMatchObject({ schemaVersion: 0 });
    });

    it('is migrated on the way in with exactly the steps it missed, and says so', () => {
      // Written before any step (version 0): PERSON, GPE and LOC, which the workspace no longer has.
      const old = exportDocs('native', [sampleDocument()]).files.get('documents.jsonl')!;
      const result = FORMATS.native.read([{ path: 'old.jsonl', text: old }], migrated());
      const labels = result.documents[0].mentions.map((m) => `${m.id}:${m.label}`);
      expect(labels).toEqual(['m1:PER', 'm2:PLACE', 'm3:PER', 'm4:TOPIC', 'm5:PLACE', 'm6:EVENT']);
      expect(result.documents[0].frames).toEqual(sampleDocument().frames);
      expect(result.warnings).toContain('old.jsonl (made under schema version 0): 1 document(s) were migrated to the workspace\'s schema on the way in (rename the label PERSON to PER; merge LOC, GPE into PLACE)');

      // Written after the rename only: the merge alone is applied, so a PER written then stays PER.
      const mid: DatasetContext = { ...migrated(), schema: migrateSchema(context().schema, history[0].op), history: history.slice(0, 1) };
      const afterRename = FORMATS.native.read([{ path: 'mid.jsonl', text: exportDocs('native', [renamed(sampleDocument())], mid).files.get('documents.jsonl')! }], migrated());
      expect(afterRename.documents[0].mentions.map((m) => m.label)).toEqual(['PER', 'PLACE', 'PER', 'TOPIC', 'PLACE', 'EVENT']);
      expect(afterRename.warnings.join('\n')).toContain('mid.jsonl (made under schema version 1): 1 document(s) were migrated to the workspace\'s schema on the way in (merge LOC, GPE into PLACE)');

      // Written under the newest version: read as it is.
      const current = FORMATS.native.read([{ path: 'new.jsonl', text: exportDocs('native', [result.documents[0]], migrated()).files.get('documents.jsonl')! }], migrated());
      expect(current.documents[0].mentions.map((m) => m.label)).toEqual(labels.map((l) => l.split(':')[1]));
      expect(current.warnings.join('\n')).not.toContain('migrated');
    });

    function renamed(doc: ReturnType<typeof sampleDocument>) {
      return { ...doc, mentions: doc.mentions.map((m) => (m.label === 'PERSON' ? { ...m, label: 'PER' } : m)) };
    }
  });
});
