/** The workspace and documents parts of the API: which workspace is open, its document list, and a document's text and layer. */
import { DocumentPageQuerySchema } from '../../core/documentPage';
import { ParleyError } from '../../core/errors';
import type { Mention } from '../../core/model';
import { lineEndFrom } from '../../core/text';
import { historyOf } from '../annotations/layerEdits';
import type { ApiContext, HandlersOf } from '../context';
import { DocumentList } from '../documentList';
import { seesAll } from '../team/teamFile';

export function createDocumentHandlers(session: ApiContext): HandlersOf<'workspace'> & HandlersOf<'documents'> {
  const ws = () => session.workspace;
  const list = new DocumentList();
  return {
    'workspace.info': async () => session.info(),
    'workspace.pickFolder': async () => (session.host.pickFolder ? { native: true, path: await session.host.pickFolder() } : { native: false, path: null }),
    'workspace.open': async ({ path, create, scheme }) => {
      await session.open(path, create, scheme);
      return session.info();
    },
    'workspace.setAnnotator': async ({ annotator, confirm }) => {
      if (annotator === session.annotator) return session.info();
      if (confirm !== true) {
        throw new ParleyError('invalid_argument', `changing the analyst of this copy from ${session.annotator} to ${annotator} moves your next edits to ${annotator}'s layer; ask again with confirm: true`);
      }
      await session.setCloneAnnotator(annotator);
      return session.info();
    },
    'documents.list': async () => list.all(ws(), session.annotator, await seesAll(ws(), session.annotator)),
    'documents.page': async (query) => list.page(ws(), session.annotator, DocumentPageQuerySchema.parse(query), await seesAll(ws(), session.annotator)),
    'documents.open': async ({ docId, mentionsBefore, textBefore }) => {
      // Read side by side: on a first open of a long document both files are large.
      const [whole, db] = await Promise.all([ws().document(docId), ws().layer(session.annotator, docId)]);
      const { history: _history, ...layer } = db.data;
      // A long document opens with its first screens, their text and their mentions; the rest follows in documents.text and annotations.get.
      const textEnd = textBefore === undefined ? whole.text.length : lineEndFrom(whole.text, textBefore);
      const document = textEnd === whole.text.length ? whole : { ...whole, text: whole.text.slice(0, textEnd) };
      const cut = mentionsBefore === undefined ? layer.mentions.length : firstStartingAt(layer.mentions, Math.max(mentionsBefore, textBefore === undefined ? 0 : textEnd));
      const complete = cut === layer.mentions.length;
      return {
        document,
        layer: complete ? layer : { ...layer, mentions: layer.mentions.slice(0, cut) },
        history: historyOf(db.data),
        stale: ws().isStale(db.data),
        complete,
        chars: whole.text.length,
      };
    },
    'documents.text': async ({ docId, from, chars }) => {
      const { text } = await ws().document(docId);
      if (from > text.length) throw new ParleyError('invalid_argument', `${docId} has ${text.length} characters: no text from ${from}`);
      return { text: text.slice(from, lineEndFrom(text, from + chars)) };
    },
  };
}

/** Index of the first mention starting at or after `offset` (mentions are kept sorted by start). */
function firstStartingAt(mentions: readonly Mention[], offset: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
