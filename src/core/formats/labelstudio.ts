/**
 * Label Studio tasks: one JSON array, one task per document and annotator,
 * with a labeling config (label_config.xml) generated from the schema.
 * Offsets are code points, as Label Studio's frontend counts them (it
 * converts DOM offsets with Array.from of the text); `offsets: 'utf16'`
 * reads and writes the UTF-16 units its 1.0 frontend counted. Mentions are `labels` regions whose id is the
 * mention id, and whose note is the region's meta text. A frame is a region
 * over its evidence labelled with the frame type (its note the meta text), a `relation` from it to
 * each mention filler labelled with the role, and a per-region `choices`
 * result for each attribute. What Label Studio has no field for rides in the
 * task's `meta.parley`, keyed by region id.
 */
import { extension } from './input';
import { read } from './labelstudioRead';
import { createWriter } from './labelstudioWrite';
import type { FormatDef, ImportFile } from './types';

function detect(files: ImportFile[]): boolean {
  // Full tasks name "annotations" or "data"; JSON-MIN records hold lists of regions with "labels".
  return files.some((f) => extension(f.path) === 'json' && /"annotations"\s*:|"data"\s*:\s*\{|^\s*\[\s*\{[^]*"labels"\s*:\s*\[/.test(f.text.slice(0, 4096)));
}

export const labelstudio: FormatDef = {
  name: 'labelstudio',
  title: 'Label Studio JSON',
  description: 'Label Studio tasks (code-point offsets) with a generated labeling config; frames as evidence regions with role relations and attribute choices.',
  canImport: true,
  canExport: true,
  offsetUnit: 'codepoint',
  detect,
  createWriter,
  read,
};
