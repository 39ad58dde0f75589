/**
 * Gives each test its own `parley serve` on a fresh temporary workspace, and
 * a page opened on the URL it printed. Each worker starts the server for its
 * next test while the current one runs, so a test does not wait for a server
 * to start; every test still has a process, a workspace and a user folder of
 * its own.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test as base, expect, type Page } from '@playwright/test';

export interface Server {
  url: string;
  workspace: string;
  home: string;
  process: ChildProcess;
}

/** `again`: a fixed address (port and token), so a server started again there is reached by a page left open. */
export async function startServer(workspace?: string, again?: { port: number; token: string }): Promise<Server> {
  const home = await mkdtemp(join(tmpdir(), 'parley-home-'));
  const ws = workspace ?? join(await mkdtemp(join(tmpdir(), 'parley-ws-')), 'workspace');
  const child = spawn(process.execPath, ['bin/parley.js', 'serve', '--workspace', ws, ...(again ? ['--port', String(again.port)] : [])], {
    env: { ...process.env, PARLEY_HOME: home, ...(again ? { PARLEY_TOKEN: again.token } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`parley serve printed no URL:\n${out}\n${err}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[a-f0-9]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`parley serve exited with ${code}:\n${err}`)));
  });
  return { url, workspace: ws, home, process: child };
}

let template: Promise<string> | null = null;

/**
 * A fresh workspace of the sample articles, as `parley init` makes it, in a
 * temporary folder of its own (`<tmp>/<prefix>…/ws`). The worker runs
 * `parley init` once and copies its result for each call.
 */
export async function sampleWorkspace(prefix = 'parley-ws-'): Promise<string> {
  template ??= (async () => {
    const root = await mkdtemp(join(tmpdir(), 'parley-template-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    await promisify(execFile)(process.execPath, ['bin/parley.js', 'init', '--workspace', join(root, 'ws')]);
    return join(root, 'ws');
  })();
  const ws = join(await mkdtemp(join(tmpdir(), prefix)), 'ws');
  await cp(await template, ws, { recursive: true });
  return ws;
}

export async function stopServer(s: Server): Promise<void> {
  // Wait for it to exit: a save still in flight would write into the folder being removed.
  if (s.process.exitCode === null && s.process.signalCode === null) {
    const exited = new Promise((r) => s.process.once('exit', r));
    s.process.kill('SIGTERM');
    const stubborn = setTimeout(() => s.process.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(stubborn);
  }
  await rm(s.home, { recursive: true, force: true, maxRetries: 3 });
}

/** Stops a server the fixtures started and removes its workspace. */
async function disposeServer(s: Server): Promise<void> {
  await stopServer(s);
  await rm(join(s.workspace, '..'), { recursive: true, force: true, maxRetries: 3 });
}

/** Fresh servers for one worker's tests, each started while the test before it runs. */
interface ServerPool {
  take(): Promise<Server>;
}

export const test = base.extend<{ server: Server; app: Page }, { serverPool: ServerPool }>({
  serverPool: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      let next: Promise<Server> | null = null;
      const startAhead = () => {
        next = startServer();
        // A start that fails is reported to the test that takes it, not as an unhandled rejection.
        next.catch(() => undefined);
      };
      await use({
        take() {
          const s = next ?? startServer();
          startAhead();
          return s;
        },
      });
      const left = await (next as Promise<Server> | null)?.catch(() => null);
      if (left) await disposeServer(left);
    },
    { scope: 'worker' },
  ],
  server: async ({ serverPool }, use) => {
    const s = await serverPool.take();
    await use(s);
    await disposeServer(s);
  },
  app: async ({ page, server }, use) => {
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(server.url);
    await expect(page.getByRole('listbox', { name: 'Documents' })).toBeVisible();
    await use(page);
  },
});

export { expect };

/**
 * Selects `phrase` (its n-th occurrence) in the reader by dragging the mouse
 * over it, from its first character to its last, as a person would. Only the
 * geometry is read by script; the selection is made by the mouse.
 */
export async function selectText(page: Page, phrase: string, occurrence = 0, scope = '.doc-text'): Promise<void> {
  const [from, to] = await phraseEnds(page, phrase, occurrence, scope);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // A few steps, as a hand moves: the browser extends the selection on each.
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 3 });
  await page.mouse.up();
}

/** Screen points just inside the first and the last character of `phrase`, scrolled into view unless `scroll` is false. */
export async function phraseEnds(page: Page, phrase: string, occurrence = 0, scope = '.doc-text', scroll = true): Promise<[{ x: number; y: number }, { x: number; y: number }]> {
  // The reader may still be drawing the document: wait until the phrase is there.
  await expect(page.locator(scope).first()).toContainText(phrase);
  const found = await page.evaluate(
    ({ phrase, occurrence, scope, scroll }) => {
      const host = document.querySelector(scope)!;
      const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
      // Join the text nodes so a phrase across mention boundaries is found too.
      const nodes: Text[] = [];
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push(n as Text);
        all += (n as Text).data;
      }
      let at = -1;
      for (let i = 0; i <= occurrence; i++) {
        at = all.indexOf(phrase, at + 1);
        if (at < 0) return null;
      }
      const locate = (pos: number): [Text, number] => {
        let acc = 0;
        for (const t of nodes) {
          if (pos < acc + t.data.length) return [t, pos - acc];
          acc += t.data.length;
        }
        return [nodes[nodes.length - 1], nodes[nodes.length - 1].data.length - 1];
      };
      const charRect = (pos: number) => {
        const [t, o] = locate(pos);
        const r = document.createRange();
        r.setStart(t, o);
        r.setEnd(t, o + 1);
        return r.getClientRects()[0] ?? r.getBoundingClientRect();
      };
      const [t0] = locate(at);
      if (scroll) t0.parentElement?.scrollIntoView({ block: 'center' });
      const a = charRect(at);
      const b = charRect(at + phrase.length - 1);
      return [
        { x: a.left + Math.min(2, a.width / 4), y: a.top + a.height / 2 },
        { x: b.right - Math.min(2, b.width / 4), y: b.top + b.height / 2 },
      ];
    },
    { phrase, occurrence, scope, scroll },
  );
  if (!found) throw new Error(`“${phrase}” is not in the reader`);
  return found as [{ x: number; y: number }, { x: number; y: number }];
}

/** The rows of the document list (not the options of its sort and filter menus). */
export function documentRows(page: Page) {
  return page.getByRole('listbox', { name: 'Documents', exact: true }).getByRole('option');
}

export async function openDocument(page: Page, titlePart: string): Promise<void> {
  await documentRows(page).filter({ hasText: titlePart }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(titlePart);
}

export function mark(page: Page, quote: string) {
  return page.locator('.doc-text mark.mention').filter({ hasText: quote });
}

/** Tags `phrase` with the label on `key` and creates an entity from the mention, as the mention card offers. */
export async function tagAsNewEntity(page: Page, phrase: string, key: string, label: string): Promise<void> {
  await selectText(page, phrase);
  await page.keyboard.press(key);
  const card = page.getByRole('region', { name: 'Selected mention' });
  await card.getByRole('button', { name: `Create entity “${phrase}” (${label})` }).click();
  await expect(card.getByRole('button', { name: phrase, exact: true })).toBeVisible();
}

/**
 * Writes a colleague's finished layer for one document into a workspace that
 * no server has open yet (a fixture, as their own copy of Parley would have
 * saved it). Each mention is `[id, quote, label, occurrence?]`.
 */
export async function writeColleagueLayer(ws: string, docId: string, annotator: string, mentions: [string, string, string, number?][]): Promise<void> {
  const doc = JSON.parse(await readFile(join(ws, 'documents', `${docId}.json`), 'utf8'));
  const text: string = doc.text;
  const m = ([id, quote, label, occurrence = 0]: [string, string, string, number?]) => {
    let start = -1;
    for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
    return { id, label, start, end: start + quote.length, quote, origin: 'manual', author: annotator, createdAt: '2026-11-20T10:00:00.000Z' };
  };
  const layer = {
    version: 1,
    docId,
    annotator,
    textHash: doc.sha256,
    status: 'done',
    mentions: mentions.map(m),
    frames: [],
    fields: {},
    updatedAt: '2026-11-20T10:00:00.000Z',
    history: { undo: [], redo: [] },
  };
  await mkdir(join(ws, 'annotations', annotator), { recursive: true });
  await writeFile(join(ws, 'annotations', annotator, `${docId}.json`), JSON.stringify(layer));
}

/** On the 27 August article (“Russia and US fail to agree on Syria and Ukraine”), by mouse and keys: Kerry (a PERSON mention) favours a unified Syria (a TOPIC mention). */
export async function kerryFavoursUnifiedSyria(app: Page): Promise<void> {
  await openDocument(app, 'Russia and US fail to agree on Syria and Ukraine');
  await selectText(app, 'Kerry', 9);
  await app.keyboard.press('p');
  await selectText(app, 'a unified Syria');
  await app.keyboard.press('t');
  await selectText(app, 'Kerry said the United States in favor of a unified Syria');
  await app.keyboard.press('s');
  await mark(app, 'Kerry').last().click();
  await mark(app, 'a unified Syria').last().click();
  await app.keyboard.press('1');
  await expect(app.getByRole('region', { name: 'Selected frame' })).toContainText('Complete');
}
