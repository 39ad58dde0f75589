import { describe, expect, it, vi } from 'vitest';
import type { AppStore } from '../../../src/renderer/app/store';
import { SaveQueue } from '../../../src/renderer/app/saveQueue';

// What the window's main process is asked to do, in order.
const calls: string[] = [];
vi.mock('../../../src/renderer/api', () => ({
  api: {
    sync: {
      status: async () => ({ phase: 'to_send' }),
      run: async () => {
        calls.push('sync');
        return { incomingText: 'nothing', outgoingText: '1 layer (ana 1)', conflicts: [], status: { phase: 'up_to_date' } };
      },
    },
  },
}));

const { refreshStatus, syncNow } = await import('../../../src/renderer/features/sync/actions');

describe('syncing from the window', () => {
  it('waits for the saves still on their way, so the sync sends them', async () => {
    const saves = new SaveQueue();
    const schemaSaves = new SaveQueue();
    const toasts: string[] = [];
    const app = {
      saves,
      schemaSaves,
      state: { doc: null },
      set(this: { state: object }, patch: object | ((s: object) => object)) {
        this.state = { ...this.state, ...(typeof patch === 'function' ? patch(this.state) : patch) };
      },
      loadWorkspace: async () => undefined,
      toast: (t: string) => toasts.push(t),
      fail: (e: unknown) => toasts.push(String(e)),
    } as unknown as AppStore;
    await refreshStatus(app);
    // A mention and a label change saved just before the click, each slower than the click.
    saves.push(() => new Promise((r) => setTimeout(() => { calls.push('mention saved'); r(); }, 50)));
    schemaSaves.push(() => new Promise((r) => setTimeout(() => { calls.push('schema saved'); r(); }, 80)));
    await syncNow(app);
    expect(calls).toEqual(['mention saved', 'schema saved', 'sync']);
    expect(toasts).toEqual(['Synced; went out: 1 layer (ana 1).']);
  });
});
