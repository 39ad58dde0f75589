/**
 * Fuzzing the boundary: every API method, and every importer, fed mutated
 * inputs. Counts uncaught exceptions (an `internal` error, or a throw out of
 * dispatch), 5xx answers of the HTTP host, partial imports (a failed import
 * that changed the workspace) and cases that took more than one second of
 * CPU time (and, for information, of wall-clock time).
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METHOD_NAMES, type Handlers, type MethodName } from '../../src/core/api/contract';
import { seededRandom } from '../../src/core/random';
import { runExport } from '../../src/main/datasets/export';
import { createHandlers, dispatch } from '../../src/main/handlers';
import { startHost, TOKEN_HEADER, type RunningHost } from '../../src/main/host';
import { Session } from '../../src/main/session';
import { SettingsStore } from '../../src/main/settings/settingsFile';
import { makeDocument, Workspace } from '../../src/main/workspace';

export interface FuzzFigures {
  api_cases: number;
  import_cases: number;
  uncaught_exceptions: number;
  http_5xx: number;
  partial_imports: number;
  /** Cases that took more than one second of CPU time. */
  cases_over_1s: number;
  /** Cases that took more than one second by the wall clock (other programs' load included): no target. */
  cases_over_1s_wall: number;
}

const TEXT = 'Sergey Lavrov met John Kerry in Geneva. Lavrov said the talks on Syria went well.';
const MENTION = { id: 'm1', label: 'PERSON', start: 0, end: 13, quote: 'Sergey Lavrov', origin: 'manual', author: 'ana', createdAt: '2026-01-01T00:00:00Z' };

/** A valid call of each method worth fuzzing (methods that open folders or write outside the workspace are left out). */
const SAMPLES: Partial<Record<MethodName, unknown>> = {
  'workspace.info': {},
  'documents.list': {},
  'documents.open': { docId: 'd1', mentionsBefore: 10 },
  'annotations.get': { docId: 'd1' },
  'annotations.change': { docId: 'd1', change: { op: 'addMention', mention: MENTION } },
  'annotations.undo': { docId: 'd1' },
  'annotations.redo': { docId: 'd1', layer: 'gold' },
  'review.annotators': {},
  'review.document': { docId: 'd1', annotators: ['ana', 'ben'] },
  'review.agreement': { annotators: ['ana', 'ben'] },
  'schema.labelUse': {},
  'schema.renameLabel': { from: 'EVENT', to: 'EVENTS' },
  'schema.deleteLabel': { name: 'DATE', mentions: 'relabel', relabelTo: 'EVENT' },
  'frames.corpus': {},
  'entities.list': {},
  'entities.save': { entity: { id: 'e1', type: 'PERSON', name: 'Sergey Lavrov', aliases: ['Lavrov'] } },
  'entities.delete': { id: 'e1' },
  'entities.findMentions': { entityId: 'e1', docId: 'd1' },
  'entities.pendingMentions': {},
  'entities.decideMentions': { items: [{ docId: 'd1', mentionId: 'm1' }], accept: true },
  'datasets.formats': {},
  'jobs.get': { jobId: 'job_0' },
  'settings.setLastDocument': { docId: 'd1' },
};

type Rand = () => number;

function pick<T>(r: Rand, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function junk(r: Rand, depth = 0): unknown {
  switch (Math.floor(r() * 12)) {
    case 0: return null;
    case 1: return -1;
    case 2: return 1e308;
    case 3: return '';
    case 4: return 'x'.repeat(Math.floor(r() * 3) === 0 ? 3_000_000 : 300);
    case 5: return '../../etc/passwd';
    case 6: return depth < 3 ? [junk(r, depth + 1), junk(r, depth + 1)] : [];
    case 7: return depth < 3 ? { [pick(r, ['__proto__', 'constructor', 'a', 'op', 'docId'])]: junk(r, depth + 1) } : {};
    case 8: return true;
    case 9: return '\u0000\ud800%';
    case 10: return Array.from({ length: 50_001 }, () => ({ op: 'setStatus', before: 'done', after: 'done' }));
    default: return 'd1';
  }
}

/** A copy of `value` with one random part replaced, removed or added. */
function mutate(r: Rand, value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null || depth > 4 || r() < 0.2) return junk(r);
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>;
  const keys = Object.keys(copy);
  const roll = r();
  if (roll < 0.15 && keys.length) delete copy[pick(r, keys)];
  else if (roll < 0.3) Object.defineProperty(copy, pick(r, ['__proto__', 'extra', 'constructor']), { value: junk(r), enumerable: true });
  else if (keys.length) {
    const k = pick(r, keys);
    copy[k] = mutate(r, copy[k], depth + 1);
  }
  return copy;
}

function mutateText(r: Rand, text: string): string {
  const n = 1 + Math.floor(r() * 4);
  let t = text;
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * Math.max(1, t.length));
    switch (Math.floor(r() * 6)) {
      case 0: t = t.slice(0, at); break;
      case 1: t = t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 20)); break;
      case 2: t = t.slice(0, at) + pick(r, ['{', '}', '"', '\n', '\t', ',', '0', '-1', '\u0000', 'é', '🇷🇺', 'null', '__proto__']) + t.slice(at); break;
      case 3: t = t.slice(0, at) + t.slice(at).replace(/\d+/, String(Math.floor(r() * 1e6))); break;
      case 4: t = t + '\n' + t.split('\n')[Math.floor(r() * t.split('\n').length)]; break;
      default: t = t.replace(/"(PERSON|ORG|T\d)"/, '"NOPE"');
    }
  }
  return t;
}

/**
 * The status of one POST, or 0 when the connection failed. Each request has a
 * connection of its own: a kept-alive one that the host closes after its idle
 * timeout, just as the next request is written on it, fails in the client,
 * which says nothing about the host.
 */
function post(host: RunningHost, path: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const headers = { [TOKEN_HEADER]: host.token, host: `127.0.0.1:${host.port}`, 'content-type': 'application/json' };
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'POST', headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (e) => {
      if (process.env.FUZZ_DEBUG) console.error('connection failed:', e.message);
      resolve(0);
    });
    req.end(body);
  });
}

async function listing(dir: string): Promise<string> {
  const docs = (await readdir(join(dir, 'documents'))).sort().join(',');
  const layers: string[] = [];
  for (const a of await readdir(join(dir, 'annotations'))) for (const f of await readdir(join(dir, 'annotations', a))) layers.push(`${a}/${f}`);
  return `${docs}|${layers.sort().join(',')}|${await readFile(join(dir, 'index.json'), 'utf8')}`;
}

export async function fuzz(options: { apiCases: number; importCases: number; seed?: number; onProgress?: (n: number) => void }): Promise<FuzzFigures> {
  const r = seededRandom(options.seed ?? 1);
  const root = await mkdtemp(join(tmpdir(), 'parley-fuzz-'));
  const dir = join(root, 'ws');
  await Workspace.create(dir, 'fuzz', [makeDocument('d1', 'Talks', TEXT, {}), makeDocument('d2', 'More', 'Kerry and Lavrov again in Geneva.', {})]);
  const settings = await SettingsStore.load(join(root, 'home'));
  await settings.update((s) => (s.annotator = 'ana'));
  const session = await Session.start(dir, {}, settings);
  const handlers: Handlers = createHandlers(session);
  await handlers['annotations.change']({ docId: 'd1', change: { op: 'addMention', mention: MENTION as never } });
  const staticDir = join(root, 'static');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html>');
  const host = await startHost({ handlers, staticDir });
  const figures: FuzzFigures = { api_cases: 0, import_cases: 0, uncaught_exceptions: 0, http_5xx: 0, partial_imports: 0, cases_over_1s: 0, cases_over_1s_wall: 0 };
  const methods = METHOD_NAMES.filter((m) => m in SAMPLES);
  // Slow is measured in this process's CPU time (the host and the handlers run here too): on a
  // shared machine the wall clock also counts other programs and the disk's fsync queue.
  const timed = async (work: () => Promise<void>, what: () => string) => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await work();
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const ms = performance.now() - t0;
    if (ms > 1000) figures.cases_over_1s_wall++;
    if (cpuMs > 1000) figures.cases_over_1s++;
    if (process.env.FUZZ_DEBUG && ms > 1000) console.error(`slow ${Math.round(ms)} ms (${Math.round(cpuMs)} ms CPU):`, what().slice(0, 300));
  };
  try {
    for (let i = 0; i < options.apiCases; i++) {
      const method = r() < 0.03 ? pick(r, ['%', '%E0%A4%A', '..%2F..', 'x'.repeat(5000), '__proto__']) : pick(r, methods);
      const args = mutate(r, SAMPLES[method as MethodName] ?? {});
      figures.api_cases++;
      await timed(async () => {
        if (i % 10 === 0) {
          const raw = r() < 0.3 ? mutateText(r, JSON.stringify(args) ?? '') : (JSON.stringify(args) ?? '');
          const path = r() < 0.1 ? `/${pick(r, ['%', '%%', '%c0%af', 'a%ZZ'])}` : `/api/${method}`;
          const status = await post(host, path, raw);
          if (status >= 500 || status === 0) {
            figures.http_5xx++;
            if (process.env.FUZZ_DEBUG) console.error(`http ${status}:`, path, raw.slice(0, 300));
          }
          return;
        }
        try {
          const result = await dispatch(handlers, method, args);
          if (!result.ok && result.error.code === 'internal') {
            figures.uncaught_exceptions++;
            if (process.env.FUZZ_DEBUG) console.error(method, result.error.message, JSON.stringify(args).slice(0, 300));
          }
        } catch (e) {
          figures.uncaught_exceptions++;
          if (process.env.FUZZ_DEBUG) console.error(method, 'threw', e);
        }
      }, () => `${method} ${JSON.stringify(args)}`);
      options.onProgress?.(figures.api_cases);
    }
    // Importers: a valid export of each format, mutated.
    const sources: { format: string; file: string; text: string }[] = [];
    for (const format of ['native', 'brat', 'conll', 'doccano', 'labelstudio', 'spacy'] as const) {
      const out = join(root, `export-${format}`);
      await runExport(session.workspace, { format, out, statuses: ['not_started', 'in_progress', 'done', 'reviewed'] } as never, 'ana');
      for (const name of await readdir(out)) {
        if (name.endsWith('.conf')) continue;
        sources.push({ format, file: name, text: await readFile(join(out, name), 'utf8') });
      }
    }
    for (let i = 0; i < options.importCases; i++) {
      const src = pick(r, sources);
      const caseDir = join(root, `case${i}`);
      await mkdir(caseDir);
      const mutated = mutateText(r, src.text);
      await writeFile(join(caseDir, src.file.replace(/^d1\./, `f${i}.`)), mutated);
      figures.import_cases++;
      await timed(async () => {
        const before = await listing(dir);
        const { jobId } = await handlers['datasets.import']({ paths: [caseDir], annotator: `fuzz${i}` });
        let state = await handlers['jobs.get']({ jobId });
        while (state.state === 'running') {
          await new Promise((done) => setTimeout(done, 2));
          state = await handlers['jobs.get']({ jobId });
        }
        if (state.state === 'failed' && state.error?.code === 'internal') {
          figures.uncaught_exceptions++;
          if (process.env.FUZZ_DEBUG) console.error(src.format, state.error.message, `case${i}`, JSON.stringify(mutated).slice(0, 400));
        }
        if (state.state === 'failed' && (await listing(dir)) !== before) figures.partial_imports++;
      }, () => `import ${src.format} ${src.file} case${i}`);
      options.onProgress?.(figures.api_cases + figures.import_cases);
    }
  } finally {
    await host.close();
    Workspace.release(dir);
  }
  return figures;
}
