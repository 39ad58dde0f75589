/**
 * CoNLL token files: one `token<TAB>tag` line per token, a blank line after
 * each sentence, and a `-DOCSTART-<TAB>O` line (then a blank line) before
 * each document. Tags are IOB2 (B-, I-, O) by default or BIOES (also E-, S-).
 * Tokens come from `tokenize` and sentences from `sentences`, except that a
 * sentence never ends inside a kept mention. A tag cannot nest, so mentions
 * are flattened (see `flatten`: longest first, then earliest, an overlapping
 * one dropped whole) and the drops are reported. Frames and everything but
 * the mention labels are left out. Import rebuilds each document's text from
 * the tokens, joined by single spaces within a sentence and by line breaks
 * between sentences.
 */
import type { Mention } from '../model';
import { sentences, tokenize } from '../tokenize';
import { ParleyError } from '../errors';
import { IMPORTED_ANNOTATOR, ImportSession, orSkip, skipper } from './assemble';
import { flatten, type TokenRun } from './flatten';
import { atLine, badInput, baseName, checkFile, extension, forEachLine, InputError } from './input';
import { slug, titleFromText } from './names';
import { exportable, ReportBuilder } from './prepare';
import { indexSchema } from './schema';
import type { DatasetContext, DatasetDocument, ExportOptions, FormatDef, FormatWriter, ImportFile, ImportResult, ImportOptions } from './types';

const FILE = 'documents.conll';
const DOCSTART = '-DOCSTART-';

/** Tag columns are split on whitespace by most tools, so labels lose theirs. */
function tagLabel(label: string): string {
  return label.replace(/\s+/g, '_');
}

/** The tag of every token: O outside the runs, B-/I- (and E-/S- in BIOES) inside. */
function tags(count: number, runs: TokenRun[], scheme: 'IOB2' | 'BIOES'): string[] {
  const out = new Array<string>(count).fill('O');
  for (const r of runs) {
    const label = tagLabel(r.label);
    if (scheme === 'BIOES' && r.first === r.last) {
      out[r.first] = `S-${label}`;
      continue;
    }
    out[r.first] = `B-${label}`;
    const inside = `I-${label}`;
    for (let i = r.first + 1; i <= r.last; i++) out[i] = inside;
    if (scheme === 'BIOES') out[r.last] = `E-${label}`;
  }
  return out;
}

function createWriter(ctx: DatasetContext, options: ExportOptions): FormatWriter {
  const schema = indexSchema(ctx.schema);
  const report = new ReportBuilder();
  const scheme = options.tagScheme ?? 'IOB2';
  report.note(`Tags: ${scheme}. Nested and overlapping mentions were flattened: the longest (in tokens) wins, then the earliest.`);
  return {
    begin: () => [],
    document(doc: DatasetDocument) {
      const text = doc.document.text;
      const layer = exportable(doc, schema, report, false);
      report.unwrite('frames', 'frame (CoNLL holds only mention tags)', layer.frames.length);
      const tokens = tokenize(text);
      const { runs, widened, noToken, overlapping, losers } = flatten(layer.mentions, tokens);
      report.unwrite('mentions', 'mention overlapping a longer or earlier one (CoNLL tags cannot nest)', overlapping);
      const span = (m: Mention) => ({ start: m.start, end: m.end, label: m.label, quote: m.quote });
      for (const { mention, winner } of losers) report.list({ document: doc.document.id, ...span(mention), winner: span(winner) });
      report.unwrite('mentions', 'mention covering no token (only whitespace)', noToken);
      report.count('{n} mention(s) starting or ending inside a token were widened to whole tokens', widened);
      const tagOf = tags(tokens.length, runs, scheme);
      // A sentence boundary inside a kept mention would cut it in two, so such boundaries are skipped.
      const inside = new Uint8Array(tokens.length);
      for (const r of runs) inside.fill(1, r.first + 1, r.last + 1);
      let data = `${DOCSTART}\tO\n\n`;
      let s = 0;
      const sents = sentences(text);
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i];
        while (s < sents.length && sents[s].end <= t.start) s++;
        if (i > 0 && s < sents.length && sents[s].start >= tokens[i - 1].end && inside[i] === 0) data += '\n';
        data += text.slice(t.start, t.end) + '\t' + tagOf[i] + '\n';
      }
      if (tokens.length) data += '\n';
      return [{ path: FILE, data }];
    },
    end: () => [],
    report: () => report.report(),
  };
}

const TAG = /^([BIESLU])-(.+)$/;

/**
 * One document's text and mentions, built token by token as the file is
 * read, so only the document being read is held in memory, never the
 * whole file's tokens. The text is gathered in parts and joined once:
 * slicing a string still being built by `+=` would copy all of it, every time.
 */
class DocumentBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private inSentence = false;
  private readonly spans: { label: string; start: number; end: number; line: number }[] = [];
  private open: { label: string; start: number; end: number; line: number } | null = null;

  constructor(private readonly labelOf: Map<string, string>) {}

  get empty(): boolean {
    return this.length === 0;
  }

  word(word: string, tag: string, line: number): void {
    const sep = this.inSentence ? ' ' : this.length > 0 ? '\n' : '';
    if (sep) this.parts.push(sep);
    const start = this.length + sep.length;
    this.parts.push(word);
    this.length = start + word.length;
    this.inSentence = true;
    const m = TAG.exec(tag);
    if (!m) return this.close();
    const [, kind, raw] = m;
    const label = this.labelOf.get(raw) ?? raw;
    // I- or E- after O or another label starts a mention, as IOB1 files expect.
    if (kind === 'B' || kind === 'S' || kind === 'U' || !this.open || this.open.label !== label) {
      this.close();
      this.open = { label, start, end: this.length, line };
    } else this.open.end = this.length;
    if (kind === 'E' || kind === 'S' || kind === 'L' || kind === 'U') this.close();
  }

  endSentence(): void {
    this.close();
    this.inSentence = false;
  }

  private close(): void {
    if (this.open) this.spans.push(this.open);
    this.open = null;
  }

  build(id: string, file: ImportFile, session: ImportSession): DatasetDocument {
    this.endSentence();
    const text = this.parts.join('');
    const mentions = this.spans.map(({ label, start, end, line }) => atLine(file.path, line, () => session.mention({ label, start, end, quote: text.slice(start, end) }, {}, IMPORTED_ANNOTATOR)));
    return {
      document: { id, title: titleFromText(text, id), text, source: { file: file.path } },
      annotator: IMPORTED_ANNOTATOR,
      status: mentions.length ? 'in_progress' : 'not_started',
      mentions,
      frames: [],
      fields: {},
    };
  }
}

/**
 * Reads one file document by document. A file with one document names it
 * after the file, one with several numbers them, so the first document is
 * kept back until the second shows which.
 */
const isTag = (x: string | undefined) => x === 'O' || (x !== undefined && TAG.test(x));

/**
 * The 0-based column holding the tag: the option's, else the last column when
 * every line's last column is a tag, else the one column that always is (brat's
 * anntoconll.py writes the tag first, then offsets, then the token). Refuses
 * when several columns could be it.
 */
function tagColumnOf(text: string, file: string, option: number | undefined): number | 'last' {
  if (option !== undefined) return option;
  const rows: string[][] = [];
  forEachLine(text.slice(0, 200_000), (line) => {
    const cols = line.trim().split(/\s+/);
    if (cols[0] !== '' && cols[0] !== DOCSTART && rows.length < 2000) rows.push(cols);
  });
  if (rows.length === 0 || rows.every((c) => isTag(c[c.length - 1]))) return 'last';
  const width = Math.min(...rows.map((c) => c.length));
  const candidates: number[] = [];
  for (let i = 0; i < width; i++) if (rows.every((c) => isTag(c[i]))) candidates.push(i);
  if (candidates.length === 1) return candidates[0];
  if (candidates.length > 1) {
    throw badInput(`the tag could be in column ${candidates.map((i) => i + 1).join(' or ')}; name the one that holds it (--tag-column N)`, file);
  }
  return 'last';
}

function readFile(file: ImportFile, session: ImportSession, labelOf: Map<string, string>, tagOption: number | undefined, skip?: (error: ParleyError) => void): void {
  const text = checkFile(file, session.warnings);
  const tagColumn = tagColumnOf(text, file.path, tagOption);
  const base = slug(baseName(file.path));
  let doc = new DocumentBuilder(labelOf);
  /** With skip-invalid, the first problem of the document being read: the document is left out whole, named with that line. */
  let bad: ParleyError | null = null;
  let count = 0;
  let first: DocumentBuilder | ParleyError | null = null;
  const finish = (d: DocumentBuilder | ParleyError, id: string) =>
    orSkip(skip, () => {
      if (d instanceof ParleyError) throw d;
      session.finish(d.build(id, file, session));
    });
  const endDocument = () => {
    if (doc.empty && !bad) return doc.endSentence();
    count++;
    const done = bad ?? doc;
    if (count === 1) first = done;
    else {
      if (count === 2) finish(first!, `${base}-1`);
      finish(done, `${base}-${count}`);
    }
    doc = new DocumentBuilder(labelOf);
    bad = null;
  };
  const line = (line: string, lineNo: number) =>
    atLine(file.path, lineNo, () => {
      const cols = line.trim().split(/\s+/);
      if (cols[0] === '') return doc.endSentence();
      if (cols[0] === DOCSTART) return endDocument();
      if (cols.length < 2) throw new InputError('expected a token and its tag separated by a tab, e.g. "Lavrov<TAB>B-PERSON"');
      const at = tagColumn === 'last' ? cols.length - 1 : tagColumn;
      if (at >= cols.length) throw new InputError(`expected the tag in column ${at + 1}, but the line has ${cols.length} column(s)`);
      const tag = cols[at];
      // The token is the first column, or the last when the tag comes first (anntoconll.py: tag, start, end, token).
      const word = at === 0 ? cols[cols.length - 1] : cols[0];
      if (tag !== 'O') {
        const m = TAG.exec(tag);
        if (!m) throw new InputError(`cannot read the tag ${JSON.stringify(tag)}; expected O or B-, I-, E-, S- followed by a label`);
        session.checkLabel(labelOf.get(m[2]) ?? m[2]);
      }
      doc.word(word, tag, lineNo);
    });
  forEachLine(text, (text, lineNo) => {
    // The rest of a document being left out is passed over, up to the next one.
    if (bad) return text.trim().split(/\s+/)[0] === DOCSTART ? endDocument() : undefined;
    if (!skip) return line(text, lineNo);
    try {
      line(text, lineNo);
    } catch (e) {
      if (!(e instanceof ParleyError) || e.code !== 'bad_input') throw e;
      bad = e;
    }
  });
  endDocument();
  if (count === 1) finish(first!, base);
}

function read(files: ImportFile[], ctx: DatasetContext, options: ImportOptions = {}): ImportResult {
  const session = new ImportSession(ctx, options);
  const labelOf = new Map(ctx.schema.labels.map((l) => [tagLabel(l.name), l.name]));
  for (const file of files) readFile(file, session, labelOf, options.tagColumn, skipper(session, options));
  return session.result();
}

function detect(files: ImportFile[]): boolean {
  return files.some((f) => {
    if (['conll', 'iob', 'iob2', 'bio', 'bioes'].includes(extension(f.path))) return true;
    const first = /^\s*(\S[^\n]*)/.exec(f.text.slice(0, 1000))?.[1] ?? '';
    return first.startsWith(DOCSTART) || /^\S+[\t ]+(?:\S+[\t ]+)*(?:O|[BIES]-\S+)\r?$/.test(first) || /^(?:O|[BIES]-\S+)\t\d+\t\d+\t\S+\r?$/.test(first);
  });
}

export const conll: FormatDef = {
  name: 'conll',
  title: 'CoNLL (IOB2 / BIOES)',
  description: 'Token-per-line NER files; nested mentions flattened (longest, then earliest), frames left out.',
  canImport: true,
  canExport: true,
  offsetUnit: 'none',
  detect,
  createWriter,
  read,
};
