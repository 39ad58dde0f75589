/**
 * Label Studio's own frontend (the pinned npm package label-studio@1.0.1,
 * its build served from node_modules) in a Playwright page, opened on a task
 * Parley exported: used by the real-client test and by the peer bench.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { Page } from '@playwright/test';
import { defaultSchema } from '../src/core/defaults';
import { FORMATS } from '../src/core/formats';
import type { DatasetDocument, ExportOptions } from '../src/core/formats/types';

const BUILD = join(process.cwd(), 'node_modules', 'label-studio', 'build');
const ORIGIN = 'http://labelstudio.test';
const TYPES: Record<string, string> = { '.js': 'application/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

/** Parley's Label Studio export of one document: the labelling config and the task (with its annotation). */
export function exportedTask(doc: DatasetDocument, options: ExportOptions): { config: string; task: unknown } {
  const writer = FORMATS.labelstudio.createWriter({ schema: defaultSchema(), entities: [] }, options);
  const files = new Map<string, string>();
  for (const c of [...writer.begin(), ...writer.document(doc), ...writer.end()]) files.set(c.path, (files.get(c.path) ?? '') + c.data);
  const tasks = JSON.parse(files.get('tasks.json')!) as unknown[];
  return { config: files.get('label_config.xml')!, task: { id: 1, ...(tasks[0] as object) } };
}

/**
 * Opens Label Studio on the task, its first annotation selected. The page
 * sets `window.lsStarted` (performance.now()) just before Label Studio is
 * created, once its script has loaded. `commit`: returns once the page is
 * on its way, for a task so big that Label Studio holds the page's load
 * event for a long time.
 */
export async function openInLabelStudio(page: Page, config: string, task: unknown, waitUntil: 'load' | 'commit' = 'load'): Promise<void> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/static/css/main.css"></head>
<body><div id="label-studio"></div><script src="/static/js/main.js"></script>
<script>
  window.lsStarted = performance.now();
  new LabelStudio('label-studio', {
    config: ${JSON.stringify(config)},
    interfaces: ['panel', 'controls', 'side-column', 'annotations:menu'],
    task: ${JSON.stringify(task).replace(/</g, '\\u003c')},
    onLabelStudioLoad: (ls) => { const [first] = ls.annotationStore.annotations; if (first) ls.annotationStore.selectAnnotation(first.id); },
  });
</script></body></html>`;
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/parley.html') return route.fulfill({ contentType: 'text/html', body: html });
    const file = normalize(join(BUILD, path));
    if (!file.startsWith(BUILD)) return route.abort();
    try {
      return await route.fulfill({ contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: await readFile(file) });
    } catch {
      return route.fulfill({ status: 404, body: '' });
    }
  });
  // Fonts and anything else from the internet are not needed, and the machine is offline.
  await page.route(/^(?!http:\/\/labelstudio\.test)https?:/, (route) => route.abort());
  await page.goto(`${ORIGIN}/parley.html`, { waitUntil, timeout: waitUntil === 'commit' ? 60_000 : undefined });
}
