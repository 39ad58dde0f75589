/**
 * Gold says who decided each record and how: a frame attribute the lead sets
 * by hand is recorded as edited by hand by the lead (in gold, the curation
 * summary, CSV and brat), and the CSV export has a row per gold mention
 * saying whether all agreed, whose version was accepted, or that the lead
 * edited it by hand.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frameGoldSummary } from '../../../src/core/goldSummary';
import type { Frame, Mention } from '../../../src/core/model';
import { createHandlers } from '../../../src/main/handlers';
import { reviewState } from '../../../src/main/review/service';
import { makeDocument, Workspace } from '../../../src/main/workspace';
import { KERRY_TEXT, LAVROV, mention, removeTempDirs, runJob, sessionOn, span, tempDir, writeLayer } from './fixtures';

afterAll(removeTempDirs);

/** The rows of a CSV file as records by column name (RFC 4180: quoted cells, doubled quotes, CRLF). */
async function csvRows(path: string): Promise<Record<string, string>[]> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') cell += text[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k]])));
}

const t = KERRY_TEXT;
function analyst(who: string, polarity: string, extra: Mention[] = []) {
  const mentions: Mention[] = [mention(`${who}1`, 'PERSON', t, 'Kerry', { author: who }), mention(`${who}2`, 'PERSON', t, 'Lavrov', { author: who, entityId: LAVROV.id }), ...extra];
  const frames: Frame[] = [
    {
      id: `${who}-s`,
      type: 'Stance',
      evidence: span(t, 'Kerry met Lavrov in Geneva'),
      roles: { Holder: [{ kind: 'mention', mentionId: `${who}1` }], Target: [{ kind: 'mention', mentionId: `${who}2` }] },
      attrs: { Polarity: polarity },
      origin: 'manual',
      author: who,
      createdAt: '2024-05-01T10:00:00.000Z',
    },
  ];
  return { status: 'done' as const, mentions, frames, fields: {} };
}

async function setUp() {
  const root = await tempDir();
  const ws = await Workspace.create(join(root, 'ws'), 'Gold', [makeDocument('kerry', 'Kerry and Lavrov meet', t, {})]);
  await ws.saveEntities([LAVROV]);
  // Both mark Kerry and Lavrov; only ana marks Geneva, only ben marks Syria; their stances differ in polarity.
  await writeLayer(ws, 'ana', 'kerry', analyst('ana', 'favor', [mention('ana3', 'GPE', t, 'Geneva', { author: 'ana' })]));
  await writeLayer(ws, 'ben', 'kerry', analyst('ben', 'against', [mention('ben3', 'GPE', t, 'Syria', { author: 'ben' })]));
  const { session, handlers: datasets, jobs } = await sessionOn(ws.root, 'lea');
  return { root, session, datasets, jobs, api: createHandlers(session) };
}

const annotators = ['ana', 'ben'];

describe('gold provenance', () => {
  it('records a frame attribute set by hand as the lead’s, until it is taken from an analyst again', async () => {
    const { session, api } = await setUp();
    const state = () => reviewState(session.workspace, 'kerry', annotators);
    const stance = (await state()).frameItems.find((i) => i.type === 'Stance')!;
    await api['review.decideFrame']({ docId: 'kerry', annotators, key: stance.key, decision: { kind: 'accept', annotator: 'ana' } });
    // The lead sets a value of their own: the same as ben's, yet gold says it was set by hand.
    await api['review.decideFrame']({ docId: 'kerry', annotators, key: stance.key, decision: { kind: 'field', field: 'attr:Polarity', value: 'against' } });
    let gold = (await session.workspace.layer('gold', 'kerry')).data;
    const frame = gold.frames.find((f) => f.type === 'Stance')!;
    expect(frame.attrs.Polarity).toBe('against');
    expect(frame.from).toEqual(['ana']);
    expect(frame.handEdits).toEqual([{ field: 'Polarity', by: 'lea', at: expect.stringMatching(/^\d{4}-/) }]);
    const s = await state();
    const summary = frameGoldSummary(s.frameItems.find((i) => i.type === 'Stance')!, gold.frames, gold.mentions, new Map([...s.sources].map(([a, l]) => [a, l.mentions])), true);
    expect(summary.join(' ')).toContain('Polarity against, set by hand by lea');
    expect(summary.join(' ')).not.toContain('Polarity as ben');
    // Where gold differs from ana: the polarity is the lead's, set by hand.
    const differs = (await api['review.goldDifferences']({ annotator: 'ana' })).differences.find((d) => d.type === 'frame')!;
    expect(differs.gold).toEqual(['Stance “Kerry met Lavrov in Geneva” · Polarity: against (set by hand by lea)']);

    // Taking the polarity from ben: no longer by hand.
    await api['review.decideFrame']({ docId: 'kerry', annotators, key: stance.key, decision: { kind: 'field', field: 'attr:Polarity', from: 'ben' } });
    gold = (await session.workspace.layer('gold', 'kerry')).data;
    const again = gold.frames.find((f) => f.type === 'Stance')!;
    expect(again.handEdits).toBeUndefined();
    expect(again.from).toEqual(['ana', 'ben']);

    // Accepting a whole frame starts afresh: nothing of it by hand.
    await api['review.decideFrame']({ docId: 'kerry', annotators, key: stance.key, decision: { kind: 'field', field: 'attr:Polarity', value: 'neutral' } });
    await api['review.decideFrame']({ docId: 'kerry', annotators, key: stance.key, decision: { kind: 'accept', annotator: 'ben' } });
    expect((await session.workspace.layer('gold', 'kerry')).data.frames.find((f) => f.type === 'Stance')!.handEdits).toBeUndefined();
  }, 60_000);

  it('exports who decided each mention and frame in CSV and brat', async () => {
    const { root, session, api, datasets, jobs } = await setUp();
    const s = await reviewState(session.workspace, 'kerry', annotators);
    // Kerry and Lavrov: all agree. Geneva: ana's, accepted. Syria: ben's, relabelled by hand.
    expect(await api['review.acceptAgreed']({ docId: 'kerry', annotators })).toMatchObject({ mentions: 2 });
    const item = (needle: string) => s.mentionItems.find((i) => Object.values(i.byAnnotator).some((ms) => ms.some((m) => m.quote === needle)))!;
    await api['review.decideMention']({ docId: 'kerry', annotators, key: item('Geneva').key, decision: { kind: 'accept', annotators: ['ana'] } });
    await api['review.decideMention']({ docId: 'kerry', annotators, key: item('Syria').key, decision: { kind: 'relabel', label: 'ORG' } });
    const stance = s.frameItems.find((i) => i.type === 'Stance')!;
    await api['review.decideFrame']({ docId: 'kerry', annotators, key: stance.key, decision: { kind: 'field', field: 'attr:Polarity', value: 'unclear' } });

    const exportGold = async (format: 'csv' | 'brat' | 'native') => {
      const out = join(root, format);
      expect((await runJob(datasets, jobs, datasets['datasets.export']({ format, out, annotator: 'gold' }))).state, format).toBe('done');
      return out;
    };
    const csv = await exportGold('csv');
    const rows = await csvRows(join(csv, 'mentions.csv'));
    const row = (quote: string) => rows.find((r) => r.quote === quote)!;
    expect(rows).toHaveLength(4);
    expect(row('Kerry')).toMatchObject({ label: 'PERSON', annotator: 'gold', author: 'lea', from: 'ana | ben', decision: 'agreed by all' });
    expect(row('Kerry').provenance).toMatch(/^from ana and ben, agreed by all, decided by lea at \d{4}-/);
    expect(row('Lavrov')).toMatchObject({ entity_id: LAVROV.id, entity_name: 'Sergey Lavrov', decision: 'agreed by all' });
    expect(row('Geneva')).toMatchObject({ label: 'GPE', from: 'ana', decision: 'accepted' });
    expect(row('Geneva').provenance).toMatch(/^from ana, decided by lea at /);
    expect(row('Syria')).toMatchObject({ label: 'ORG', from: 'ben', decision: 'edited by hand' });
    expect(row('Syria').provenance).toMatch(/^edited by hand by lea at \S+ \(span from ben\)$/);

    const stances = await csvRows(join(csv, 'stances.csv'));
    expect(stances).toHaveLength(1);
    expect(stances[0]).toMatchObject({ polarity: 'unclear', from: 'ana', decision: 'accepted' });
    expect(stances[0].provenance).toMatch(/^from ana, decided by lea at \S+; Polarity edited by hand by lea at \d{4}-/);

    // Native keeps the record itself.
    const native = (await readFile(join(await exportGold('native'), 'documents.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l))[1];
    expect(native.frames.find((f: Frame) => f.type === 'Stance').handEdits).toEqual([{ field: 'Polarity', by: 'lea', at: expect.stringMatching(/^\d{4}-/) }]);

    const ann = await readFile(join(await exportGold('brat'), 'kerry.ann'), 'utf8');
    expect(ann).toMatch(/^#\d+\tProvenance E\d+\tfrom ana, decided by lea at \S+; Polarity edited by hand by lea at /m);

    // An analyst's own layer says nothing of decisions.
    const out = join(root, 'ana-csv');
    expect((await runJob(datasets, jobs, datasets['datasets.export']({ format: 'csv', out, annotator: 'ana' }))).state).toBe('done');
    const mine = await csvRows(join(out, 'mentions.csv'));
    expect(mine.map((r) => [r.quote, r.author, r.from, r.decision, r.provenance])).toContainEqual(['Geneva', 'ana', '', '', '']);
  }, 60_000);
});
