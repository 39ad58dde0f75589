import { describe, expect, it, vi } from 'vitest';
import { sync } from '../../../src/main/sync/sync';
import { editEntities, leadAndBen, tag } from './team';

// Syncs spawn no git, but several repositories per test make them slow on a busy machine.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 60_000 });

describe('sync through the API, as the window uses it', () => {
  it('shows the state, syncs on demand, lists who labelled what, and resolves a conflict', async () => {
    const { lead, ben, api } = await leadAndBen();
    expect((await api['sync.status']({})).phase).toBe('up_to_date');

    await tag(lead, 'lead', 'doc1', 'Lavrov', 'PERSON');
    const before = await api['sync.status']({});
    expect(before).toMatchObject({ phase: 'to_send', changesToSend: 1, hasToken: false });
    const sent = await api['sync.run']({});
    expect(sent.outgoingText).toBe('1 layer (lead 1)');
    expect(sent.status.phase).toBe('up_to_date');

    await tag(ben, 'ben', 'doc1', 'Kerry', 'PERSON');
    await editEntities(ben, () => [{ id: 'e1', type: 'PERSON', name: 'Kerry', aliases: [] }]);
    await sync(ben);
    await editEntities(lead, () => [{ id: 'e1', type: 'PERSON', name: 'John Kerry', aliases: [] }]);
    const came = await api['sync.run']({});
    expect(came.incomingText).toBe('1 layer (ben 1), 1 conflict recorded');
    expect(came.status.phase).toBe('conflicts');
    expect(await api['sync.labellers']({})).toEqual({ doc1: [{ annotator: 'ben', status: 'in_progress', mentions: 1 }, { annotator: 'lead', status: 'in_progress', mentions: 1 }] });
    expect((await api['entities.list']({})).map((e) => e.name)).toEqual(['John Kerry']);

    const [c] = await api['sync.conflicts']({});
    expect(await api['sync.resolve']({ id: c.id, take: 'theirs' })).toEqual([]);
    expect((await api['entities.list']({})).map((e) => e.name)).toEqual(['Kerry']);
    expect((await api['sync.run']({})).status.phase).toBe('up_to_date');
  });
});
