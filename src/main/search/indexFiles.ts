/**
 * The search index's own JSON files, `manifest.json` and each segment's
 * `.docs.json`, read through the one read path as cache files: a damaged
 * one is said in the log, by file, line and problem, and the documents it
 * covered are indexed again from their own files.
 */
import { z } from 'zod';
import type { FileKind } from '../store/jsonFile';

const SegmentRefSchema = z.object({ name: z.string().regex(/^[a-z0-9]+$/, 'a segment name'), generation: z.number().int().nonnegative() });
export type SegmentRef = z.infer<typeof SegmentRefSchema>;

export const manifestKind: FileKind<{ version: number; segments: SegmentRef[] }> = {
  what: 'search index manifest',
  schema: z.object({ version: z.number().int(), segments: z.array(SegmentRefSchema) }),
};

/** What `.docs.json` holds: ids, hashes, and where each text starts in string units and in bytes (one more entry than documents). */
export interface DocsFile {
  version: number;
  ids: string[];
  sha256: string[];
  starts: number[];
  byteStarts: number[];
}

const count = z.number().int().nonnegative();
export const docsKind: FileKind<DocsFile> = {
  what: "search index segment's document list",
  schema: z
    .object({ version: z.number().int(), ids: z.array(z.string()), sha256: z.array(z.string()), starts: z.array(count), byteStarts: z.array(count) })
    .refine((f) => f.sha256.length === f.ids.length && f.starts.length === f.ids.length + 1 && f.byteStarts.length === f.ids.length + 1, 'the lists do not have one entry per document'),
};
