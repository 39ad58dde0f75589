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
import { IMPORTED_ANNOTATOR, ImportSession } from './assemble';
import { flatten, type TokenRun } from './flatten';
import { atLine, baseName, checkFile, extension, forEachLine, InputError } from './input';
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
      const { runs, widened, noToken, overlapping } = flatten(layer.mentions, tokens);
      report.unwrite('mentions', 'mention overlapping a longer or earlier one (CoNLL tags cannot nest)', overlapping);
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

interface TaggedSentence {
  words: string[];
  tags: { tag: string; line: number }[];
}

function readFile(file: ImportFile, session: ImportSession, labelOf: Map<string, string>): void {
  const text = checkFile(file, session.warnings);
  const documents: TaggedSentence[][] = [[]];
  let sentence: TaggedSentence = { words: [], tags: [] };
  const endSentence = () => {
    if (sentence.words.length) documents[documents.length - 1].push(sentence);
    sentence = { words: [], tags: [] };
  };
  forEachLine(text, (line, lineNo) =>
    atLine(file.path, lineNo, () => {
      const cols = line.trim().split(/\s+/);
      if (cols[0] === '') return endSentence();
      if (cols[0] === DOCSTART) {
        endSentence();
        if (documents[documents.length - 1].length) documents.push([]);
        return;
      }
      if (cols.length < 2) throw new InputError('expected a token and its tag separated by a tab, e.g. "Lavrov<TAB>B-PERSON"');
      const tag = cols[cols.length - 1];
      if (tag !== 'O') {
        const m = TAG.exec(tag);
        if (!m) throw new InputError(`cannot read the tag ${JSON.stringify(tag)}; expected O or B-, I-, E-, S- followed by a label`);
        session.checkLabel(labelOf.get(m[2]) ?? m[2]);
      }
      sentence.words.push(cols[0]);
      sentence.tags.push({ tag, line: lineNo });
    }),
  );
  endSentence();
  const docs = documents.filter((d) => d.length);
  docs.forEach((sents, n) => {
    const id = docs.length === 1 ? slug(baseName(file.path)) : `${slug(baseName(file.path))}-${n + 1}`;
    session.finish(buildDocument(id, sents, file, session, labelOf));
  });
}

function buildDocument(id: string, sents: TaggedSentence[], file: ImportFile, session: ImportSession, labelOf: Map<string, string>): DatasetDocument {
  let text = '';
  const mentions: Mention[] = [];
  let open: { label: string; start: number; end: number; line: number } | null = null;
  const close = () => {
    if (open) {
      const { label, start, end, line } = open;
      mentions.push(atLine(file.path, line, () => session.mention({ label, start, end, quote: text.slice(start, end) }, {}, IMPORTED_ANNOTATOR)));
    }
    open = null;
  };
  sents.forEach((s, si) => {
    if (si > 0) text += '\n';
    s.words.forEach((word, wi) => {
      if (wi > 0) text += ' ';
      const start = text.length;
      text += word;
      const { tag, line } = s.tags[wi];
      const m = TAG.exec(tag);
      if (!m) return close();
      const [, kind, raw] = m;
      const label = labelOf.get(raw) ?? raw;
      // I- or E- after O or another label starts a mention, as IOB1 files expect.
      if (kind === 'B' || kind === 'S' || kind === 'U' || !open || open.label !== label) {
        close();
        open = { label, start, end: text.length, line };
      } else open.end = text.length;
      if (kind === 'E' || kind === 'S' || kind === 'L' || kind === 'U') close();
    });
    close();
  });
  return {
    document: { id, title: titleFromText(text, id), text, source: { file: file.path } },
    annotator: IMPORTED_ANNOTATOR,
    status: mentions.length ? 'in_progress' : 'not_started',
    mentions,
    frames: [],
    fields: {},
  };
}

function read(files: ImportFile[], ctx: DatasetContext, options: ImportOptions = {}): ImportResult {
  const session = new ImportSession(ctx, options);
  const labelOf = new Map(ctx.schema.labels.map((l) => [tagLabel(l.name), l.name]));
  for (const file of files) readFile(file, session, labelOf);
  return session.result();
}

function detect(files: ImportFile[]): boolean {
  return files.some((f) => {
    if (['conll', 'iob', 'iob2', 'bio', 'bioes'].includes(extension(f.path))) return true;
    const first = /^\s*(\S[^\n]*)/.exec(f.text.slice(0, 1000))?.[1] ?? '';
    return first.startsWith(DOCSTART) || /^\S+[\t ]+(?:\S+[\t ]+)*(?:O|[BIES]-\S+)\r?$/.test(first);
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
