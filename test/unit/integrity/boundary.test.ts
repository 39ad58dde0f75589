import { join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/handlers';
import { startHost, TOKEN_HEADER } from '../../../src/main/host';
import { handlersOn, tempDir, workspaceWith } from './fixtures';

describe('the API boundary', () => {
  it('malformed percent-encoding answers 400; prototype keys, huge strings and huge batches are refused', async () => {
    const { handlers } = await handlersOn(await workspaceWith(1));
    const staticDir = await tempDir();
    await mkdir(staticDir, { recursive: true });
    await writeFile(join(staticDir, 'index.html'), '<!doctype html>');
    const host = await startHost({ handlers, staticDir });
    try {
      const post = (path: string) => fetch(`http://127.0.0.1:${host.port}${path}`, { method: 'POST', headers: { [TOKEN_HEADER]: host.token }, body: '{}' });
      expect((await post('/api/%')).status).toBe(400);
      expect((await post('/api/%E0%A4%A')).status).toBe(400);
      expect((await fetch(`http://127.0.0.1:${host.port}/%c0%25`)).status).toBe(400);
    } finally {
      await host.close();
    }
    const decision = (key: string, after: string) => ({ docId: 'd0', layer: 'gold', change: { op: 'setDecision', key, before: null, after } });
    expect(await dispatch(handlers, 'annotations.change', JSON.parse('{"docId":"d0","layer":"gold","change":{"op":"setDecision","key":"__proto__","before":null,"after":"x"}}'))).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringMatching(/reserved name/) },
    });
    expect(await dispatch(handlers, 'annotations.change', decision('k', 'x'.repeat(10 * 1024 * 1024)))).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    const batch = { op: 'batch', title: 'many', changes: Array.from({ length: 50_000 }, () => ({ op: 'setStatus', before: 'done', after: 'done' })) };
    expect(await dispatch(handlers, 'annotations.change', { docId: 'd0', change: batch })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await dispatch(handlers, 'annotations.change', decision('k', 'x'))).toMatchObject({ ok: true });
  });
});
