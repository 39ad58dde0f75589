import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../../src/core/formats';
import type { DatasetDocument, FormatName } from '../../../src/core/formats/types';
import { asImport, context, corpusArb, ENTITY_POOL, exportDocs, withoutPending } from './helpers';

const LOSSLESS: FormatName[] = ['native', 'brat', 'doccano', 'labelstudio'];

function referenced(docs: DatasetDocument[]): string[] {
  const ids = new Set<string>();
  for (const d of docs) {
    for (const m of d.mentions) if (m.entityId && m.pending !== true) ids.add(m.entityId);
    for (const f of d.frames) for (const xs of Object.values(f.roles)) for (const x of xs) if (x.kind === 'entity') ids.add(x.entityId);
  }
  return [...ids].sort();
}

describe.each(LOSSLESS)('%s round trip', (format) => {
  it('import(export(x)) equals x for random layers with nested mentions, links, notes and frames', () => {
    const ctx = context(ENTITY_POOL);
    fc.assert(
      fc.property(corpusArb(), (docs) => {
        const { files, report } = exportDocs(format, docs, ctx);
        expect(report.dropped).toEqual([]);
        const back = FORMATS[format].read(asImport(files), ctx);
        expect(back.documents).toEqual(docs.map(withoutPending));
        expect(back.entities.map((e) => e.id).sort()).toEqual(referenced(docs));
        expect(back.entities).toEqual(expect.arrayContaining(ENTITY_POOL.filter((e) => referenced(docs).includes(e.id))));
      }),
      { numRuns: 150 },
    );
  });
});
