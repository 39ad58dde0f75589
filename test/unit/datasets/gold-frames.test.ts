/** Gold after adjudication exports its frames, with gold's own mentions, in every format that holds frames. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Frame, Mention } from '../../../src/core/model';
import { createHandlers } from '../../../src/main/handlers';
import { reviewState } from '../../../src/main/review/service';
import { makeDocument, Workspace } from '../../../src/main/workspace';
import { KERRY_TEXT, LAVROV, mention, removeTempDirs, runJob, sessionOn, span, tempDir, writeLayer } from './fixtures';

afterAll(removeTempDirs);

const t = KERRY_TEXT;
function analyst(who: string, polarity: string) {
  const mentions: Mention[] = [mention(`${who}1`, 'PERSON', t, 'Kerry', { author: who }), mention(`${who}2`, 'PERSON', t, 'Lavrov', { author: who, entityId: LAVROV.id })];
  const base = { origin: 'manual' as const, author: who, createdAt: '2024-05-01T10:00:00.000Z' };
  const frames: Frame[] = [
    { id: `${who}-s`, type: 'Stance', evidence: span(t, 'Kerry met Lavrov in Geneva'), roles: { Holder: [{ kind: 'mention', mentionId: `${who}1` }], Target: [{ kind: 'mention', mentionId: `${who}2` }] }, attrs: { Polarity: polarity }, ...base },
    {
      id: `${who}-a`,
      type: 'Agreement',
      evidence: span(t, 'The talks on Syria went on for hours'),
      roles: { Party: [{ kind: 'mention', mentionId: `${who}1` }, { kind: 'mention', mentionId: `${who}2` }], Topic: [{ kind: 'topic', text: 'Syria' }] },
      attrs: { Status: 'proposed' },
      ...base,
    },
  ];
  return { status: 'done' as const, mentions, frames, fields: {} };
}

describe('gold exports after adjudication', () => {
  it('carry the decided frames with gold mentions in native, brat, doccano, Label Studio and CSV', async () => {
    const root = await tempDir();
    const created = await Workspace.create(join(root, 'ws'), 'Gold', [makeDocument('kerry', 'Kerry and Lavrov meet', t, {})]);
    await created.saveEntities([LAVROV]);
    await writeLayer(created, 'ana', 'kerry', analyst('ana', 'favor'));
    await writeLayer(created, 'ben', 'kerry', analyst('ben', 'against'));
    const { session, handlers: datasets, jobs } = await sessionOn(created.root, 'lea');
    const api = createHandlers(session);
    const annotators = ['ana', 'ben'];

    // The mentions and the agreement are agreed; the stance's polarity is decided for ben.
    expect(await api['review.acceptAgreed']({ docId: 'kerry', annotators })).toMatchObject({ mentions: 2, frames: 1 });
    const stance = (await reviewState(session.workspace, 'kerry', annotators)).frameItems.find((i) => i.type === 'Stance')!;
    await api['review.decideFrame']({ docId: 'kerry', annotators, key: stance.key, decision: { kind: 'accept', annotator: 'ana' } });
    await api['review.decideFrame']({ docId: 'kerry', annotators, key: stance.key, decision: { kind: 'field', field: 'attr:Polarity', from: 'ben' } });

    const exportGold = async (format: 'native' | 'brat' | 'doccano' | 'labelstudio' | 'csv') => {
      const out = join(root, format);
      expect((await runJob(datasets, jobs, datasets['datasets.export']({ format, out, annotator: 'gold' }))).state, format).toBe('done');
      return out;
    };

    const native = await exportGold('native');
    const record = (await readFile(join(native, 'documents.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l))[1];
    expect(record.annotator).toBe('gold');
    expect(record.mentions.map((m: Mention) => m.quote).sort()).toEqual(['Kerry', 'Lavrov']);
    expect(record.frames.map((f: Frame) => `${f.type}:${Object.values(f.attrs).join()}`).sort()).toEqual(['Agreement:proposed', 'Stance:against']);
    const ids = new Set(record.mentions.map((m: Mention) => m.id));
    for (const f of record.frames as Frame[]) for (const fillers of Object.values(f.roles)) for (const x of fillers) if (x.kind === 'mention') expect(ids.has(x.mentionId)).toBe(true);
    expect(record.mentions.find((m: Mention) => m.quote === 'Lavrov').entityId).toBe(LAVROV.id);
    // Provenance: the adjudicator and the decision's time, and the analysts each record came from.
    for (const x of [...record.mentions, ...record.frames] as (Mention | Frame)[]) {
      expect(x.author).toBe('lea');
      expect(x.createdAt).not.toBe('2024-05-01T10:00:00.000Z');
      expect(x.from).toEqual(['ana', 'ben']);
    }

    const ann = await readFile(join(await exportGold('brat'), 'kerry.ann'), 'utf8');
    const stanceE = /^(E\d+)\tStance:T\d+ Holder:T1 Target:T2$/m.exec(ann)![1];
    expect(ann).toMatch(new RegExp(`^A\\d+\\tPolarity ${stanceE} against$`, 'm'));
    const agreementE = /^(E\d+)\tAgreement:T\d+ Party:T1 Party2:T2$/m.exec(ann)![1];
    expect(ann).toMatch(new RegExp(`^A\\d+\\tStatus ${agreementE} proposed$`, 'm'));
    // Each gold mention is one T line, whatever number of frames refer to it.
    expect(ann.match(/\tPERSON /g)).toHaveLength(2);
    expect(ann).toMatch(/^#\d+\tProvenance T1\tfrom ana and ben, agreed by all, decided by lea at \d{4}-/m);
    expect(ann).toMatch(new RegExp(`^#\\d+\\tProvenance ${stanceE}\\tfrom ana and ben, decided by lea at `, 'm'));

    const doccano = JSON.parse((await readFile(join(await exportGold('doccano'), (await readdir(join(root, 'doccano'))).find((f) => f.endsWith('.jsonl'))!), 'utf8')).trim().split('\n').at(-1)!);
    expect(doccano.relations.map((r: { type: string }) => r.type).sort()).toEqual(['Holder', 'Party', 'Party', 'Target']);

    const lsDir = await exportGold('labelstudio');
    const tasks = JSON.parse(await readFile(join(lsDir, (await readdir(lsDir)).find((f) => f.endsWith('.json') && !f.includes('config'))!), 'utf8'));
    const result = tasks[0].annotations[0].result as { type: string; labels?: string[]; value?: { choices?: string[] } }[];
    expect(result.filter((r) => r.type === 'relation').map((r) => r.labels![0]).sort()).toEqual(['Holder', 'Party', 'Party', 'Target']);
    expect(result.filter((r) => r.type === 'choices').map((r) => r.value!.choices![0]).sort()).toEqual(['against', 'proposed']);

    const csv = await exportGold('csv');
    expect((await readFile(join(csv, 'stances.csv'), 'utf8')).split('\n')[1]).toMatch(/Kerry.*Lavrov.*against.*,lea,\d{4}-[^,]*,ana \| ben,accepted,"?from ana and ben, decided by lea at /);
    expect((await readFile(join(csv, 'agreements.csv'), 'utf8')).split('\n')[1]).toContain('proposed');
  }, 60_000);
});
