/**
 * HTML articles as plain-text documents. Mozilla's Readability (the engine
 * of Firefox's reader view) finds the article in the page and leaves out
 * navigation, ads, scripts and footers; linkedom gives it a DOM without a
 * browser. The article's blocks (paragraphs, headings, list items) become
 * paragraphs separated by a blank line, as in the bundled corpus.
 */
import { createRequire } from 'node:module';
import { Readability } from '@mozilla/readability';
import type * as Linkedom from 'linkedom';
import { ImportSession } from '../../core/formats/assemble';
import { badInput, baseName, checkFile } from '../../core/formats/input';
import { slug, titleFromText, UniqueIds } from '../../core/formats/names';
import { unlabelled } from '../../core/formats/text';
import type { DatasetContext, ImportFile, ImportResult } from '../../core/formats/types';
import type { Source } from '../../core/model';

/**
 * linkedom, loaded the first time an HTML file is read: loading it cost every
 * start of the CLI and the server a tenth of a second of CPU. (Its CommonJS
 * build, the one `require` is given, from the same sources.)
 */
let linkedom: typeof Linkedom | undefined;
function parseHTML(html: string): ReturnType<typeof Linkedom.parseHTML> {
  linkedom ??= createRequire(import.meta.url)('linkedom') as typeof Linkedom;
  return linkedom.parseHTML(html);
}

const BLOCKS = new Set(
  'address article aside blockquote dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section table tbody thead tfoot tr td th ul'.split(' '),
);
/** HTML's own whitespace; a no-break space is text, and stays. */
const SPACE = /[ \t\n\r\f]+/g;

/** The text of an element, one paragraph per block, `<br>` kept as a line break. */
export function blockText(root: Node): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const p = current
      .split('\n')
      .map((line) => line.replace(SPACE, ' ').trim())
      .filter(Boolean)
      .join('\n');
    if (p) paragraphs.push(p);
    current = '';
  };
  const visit = (node: Node, pre: boolean) => {
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? '';
      current += pre ? text.replace(/\r\n?/g, '\n') : text.replace(SPACE, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName.toLowerCase();
    if (tag === 'script' || tag === 'style' || tag === 'noscript' || tag === 'template') return;
    if (tag === 'br') {
      current += '\n';
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) visit(child, pre || tag === 'pre');
    if (block) flush();
  };
  visit(root, false);
  flush();
  return paragraphs.join('\n\n');
}

function meta(doc: Document, ...names: string[]): string | undefined {
  for (const n of names) {
    const el = doc.querySelector(`meta[property="${n}"], meta[name="${n}"], meta[itemprop="${n}"]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return undefined;
}

/** "Lavrov meets Kerry | World News" → "Lavrov meets Kerry" when the site's name is known. */
function cleanTitle(title: string, site: string | undefined): string {
  const t = title.replace(SPACE, ' ').trim();
  if (!site) return t;
  for (const sep of [' | ', ' - ', ' – ', ' — ', ' :: ']) {
    if (t.endsWith(`${sep}${site}`)) return t.slice(0, -(sep.length + site.length)).trim();
    if (t.startsWith(`${site}${sep}`)) return t.slice(site.length + sep.length).trim();
  }
  return t;
}

export interface Article {
  title: string;
  text: string;
  source: Omit<Source, 'file'>;
  /** False when no article was found and the page's visible text was taken instead. */
  found: boolean;
}

export function extractArticle(html: string): Article {
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  // Read before Readability, which changes the document as it works.
  const url = doc.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() || meta(doc, 'og:url');
  const date = meta(doc, 'article:published_time', 'datePublished', 'date', 'pubdate', 'DC.date.issued');
  const site = meta(doc, 'og:site_name');
  const pageTitle = doc.querySelector('title')?.textContent ?? '';
  // Markup with no element (a comment, a doctype alone) is no document to Readability.
  if (!doc.documentElement) return { title: pageTitle, text: '', source: {}, found: false };
  const parsed = new Readability<Node>(doc, { serializer: (el) => el }).parse();
  let text = parsed?.content ? blockText(parsed.content) : '';
  const found = text !== '';
  if (!found) {
    const { document: fresh } = parseHTML(html);
    const body = (fresh as unknown as Document).body;
    for (const el of Array.from(body?.querySelectorAll('nav, header, footer, aside, form, script, style, noscript') ?? [])) el.remove();
    text = body ? blockText(body) : '';
  }
  const outlet = parsed?.siteName?.trim() || site;
  const source: Article['source'] = {};
  if (outlet) source.outlet = outlet;
  const when = parsed?.publishedTime?.trim() || date;
  if (when) source.date = when;
  if (url) source.url = url;
  return { title: cleanTitle(parsed?.title || pageTitle, outlet), text, source, found };
}

export function isHtmlPath(path: string): boolean {
  return /\.x?html?$/i.test(path);
}

/** Reads HTML files as documents without labels, all or nothing like every reader. */
export function readHtml(files: ImportFile[], ctx: DatasetContext): ImportResult {
  const session = new ImportSession(ctx);
  const ids = new UniqueIds();
  for (const file of files) {
    const html = checkFile(file, session.warnings);
    const article = html.trim() === '' ? null : extractArticle(html);
    // A document without text is nothing to annotate: the import stops here, before anything is written.
    if (!article?.text) throw badInput(`no article text found in ${file.path}: the file is ${html.trim() === '' ? 'empty (or only whitespace)' : 'a page without visible text'}; leave it out of the import`, file.path);
    if (!article.found) session.warnings.push(`${file.path}: no article found; the page's visible text was imported instead`);
    const name = baseName(file.path);
    session.finish(unlabelled({ id: ids.take(slug(name)), title: article.title || titleFromText(article.text, name), text: article.text, source: { ...article.source, file: file.path } }));
  }
  return session.result();
}
