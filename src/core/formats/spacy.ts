/**
 * spaCy-ready JSON Lines in the shape Prodigy uses: per document the text,
 * its tokens and the mention spans, offsets in code points (Python string
 * indices). Every span starts and ends on a token boundary, so
 * `doc.char_span(start, end, label)` accepts it; with spaCy's own tokenizer
 * that holds in the common case, and always for a Doc built from the tokens
 * given (`Doc(vocab, words=[t["text"]…], spaces=[t["ws"]…])`), which include
 * whitespace tokens so the text comes back exactly. Mentions that start or
 * end inside a token are widened to whole tokens; spans may overlap, as in
 * `doc.spans` (use `spacy.util.filter_spans` for `doc.ents`). Frames are left
 * out; the document's id, title, annotator and source ride in `meta`.
 */
import { z } from 'zod';
import { SourceSchema } from '../model';
import { tokenize, type Token } from '../tokenize';
import { IMPORTED_ANNOTATOR, ImportSession, TextOffsets } from './assemble';
import { tokensOf } from './flatten';
import { atLine, checkFile, extension } from './input';
import { parseJsonLines, shaped } from './json';
import { slug, titleFromText, UniqueIds } from './names';
import { exportable, ReportBuilder } from './prepare';
import { indexSchema } from './schema';
import type { DatasetContext, DatasetDocument, FormatDef, FormatWriter, ImportFile, ImportResult, ImportOptions } from './types';

const FILE = 'spacy.jsonl';

interface SpacyToken {
  text: string;
  start: number;
  end: number;
  id: number;
  ws: boolean;
}

/**
 * Word tokens plus the whitespace tokens spaCy makes: a single space after a
 * token is its `ws` flag; any other whitespace is a token of its own.
 */
function spacyTokens(text: string, words: Token[], cp: (n: number) => number): { tokens: SpacyToken[]; wordIndex: number[] } {
  const tokens: SpacyToken[] = [];
  const wordIndex: number[] = [];
  let pos = 0;
  const push = (start: number, end: number) => tokens.push({ text: text.slice(start, end), start: cp(start), end: cp(end), id: tokens.length, ws: false });
  const gap = (end: number) => {
    let s = pos;
    if (s < end && tokens.length && text[s] === ' ') {
      tokens[tokens.length - 1].ws = true;
      s++;
    }
    if (s < end) push(s, end);
  };
  for (const w of words) {
    gap(w.start);
    wordIndex.push(tokens.length);
    push(w.start, w.end);
    pos = w.end;
  }
  gap(text.length);
  return { tokens, wordIndex };
}

function createWriter(ctx: DatasetContext): FormatWriter {
  const schema = indexSchema(ctx.schema);
  const report = new ReportBuilder();
  return {
    begin: () => [],
    document(doc: DatasetDocument) {
      const text = doc.document.text;
      const layer = exportable(doc, schema, report, true);
      report.unwrite('frames', 'frame (the spaCy file holds only spans)', layer.frames.length);
      const cp = (n: number) => layer.codePoints!.toCodePoint(n);
      const words = tokenize(text);
      const { tokens, wordIndex } = spacyTokens(text, words, cp);
      const spans = [];
      let widened = 0;
      for (const m of layer.mentions) {
        const t = tokensOf(words, m.start, m.end);
        if (!t) {
          report.unwrite('mentions', 'mention covering no token (only whitespace)');
          continue;
        }
        if (!t.exact) widened++;
        spans.push({ start: cp(words[t.first].start), end: cp(words[t.last].end), label: m.label, token_start: wordIndex[t.first], token_end: wordIndex[t.last] });
      }
      report.count('{n} mention(s) starting or ending inside a token were widened to whole tokens', widened);
      const { id, title, source } = doc.document;
      const record = { text, tokens, spans, meta: { id, title, annotator: doc.annotator, ...source } };
      return [{ path: FILE, data: `${JSON.stringify(record)}\n` }];
    },
    end: () => [],
    report: () => report.report(),
  };
}

const RecordSchema = z.object({
  text: z.string(),
  // Prodigy's verdict on the example: only accepted ones hold labels.
  answer: z.string().optional(),
  spans: z.array(z.object({ start: z.number(), end: z.number(), label: z.string(), text: z.string().optional() })).optional(),
  // Prodigy names who answered in multi-user sessions.
  _annotator_id: z.string().optional(),
  meta: SourceSchema.extend({ id: z.string().min(1).max(200).optional(), title: z.string().optional(), annotator: z.string().min(1).optional() }).optional(),
});

function read(files: ImportFile[], ctx: DatasetContext, options: ImportOptions = {}): ImportResult {
  const session = new ImportSession(ctx, options);
  const ids = new UniqueIds();
  for (const file of files) {
    const content = checkFile(file, session.warnings);
    const hint = session.unitHint(file.path, 'spaCy and Prodigy', 'codepoint', false);
    const answers = new Map<string, number>();
    parseJsonLines(content, file.path, (value, line) =>
      atLine(file.path, line, () => {
        const record = shaped(RecordSchema, value);
        if (record.answer !== undefined && record.answer !== 'accept') {
          answers.set(record.answer, (answers.get(record.answer) ?? 0) + 1);
          return;
        }
        const { text } = record;
        const offsets = new TextOffsets(text, 'codepoint', hint);
        const { id, title, annotator: named, ...source } = record.meta ?? {};
        const annotator = named ?? (record._annotator_id ? slug(record._annotator_id, IMPORTED_ANNOTATOR) : IMPORTED_ANNOTATOR);
        const mentions = (record.spans ?? []).map((s, i) => {
          const { span, quote } = offsets.quoted(s.start, s.end, s.text, ['spans', i], ['spans', i, 'text']);
          return session.mention({ label: s.label, start: span.start, end: span.end, quote }, {}, annotator, ['spans', i]);
        });
        const docId = id ?? ids.take(`spacy-${line}`);
        session.finish({
          document: { id: docId, title: title ?? titleFromText(text, docId), text, source },
          annotator,
          status: mentions.length ? 'in_progress' : 'not_started',
          mentions,
          frames: [],
          fields: {},
        });
      }),
    );
    for (const [answer, n] of answers) session.warnings.push(`${file.path}: ${n} example(s) answered "${answer}" in Prodigy were skipped; only accepted examples hold labels`);
  }
  return session.result();
}

function detect(files: ImportFile[]): boolean {
  return files.some((f) => ['jsonl', 'ndjson'].includes(extension(f.path)) && /^\s*\{"text":.*"(?:spans|tokens)":/.test(f.text.slice(0, 100_000).split('\n', 1)[0]));
}

export const spacy: FormatDef = {
  name: 'spacy',
  title: 'spaCy JSONL',
  description: 'Text, tokens and mention spans on token boundaries (code-point offsets), ready for Doc.char_span; frames left out.',
  canImport: true,
  canExport: true,
  offsetUnit: 'codepoint',
  detect,
  createWriter,
  read,
};
