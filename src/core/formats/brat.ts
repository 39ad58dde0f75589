/**
 * brat standoff: per document `<id>.txt` (the text, unchanged) and `<id>.ann`
 * (T, E, A, N and # lines, offsets in Unicode code points), plus
 * annotation.conf and visual.conf for the whole folder. What brat has no place
 * for (ids, origin, author, time, mention attributes, the document's title,
 * source, status and fields, the linked entities) goes to a sidecar
 * `<id>.parley.json`, keyed by the .ann ids, so a folder read back gives the
 * same layer. The sidecar is optional on import: brat's own folders read
 * without it.
 */
import { omit } from './assemble';
import { annotationConf, bratName, isBinary, bratRoleName, bratValueOk, newUsage, noteOverlaps, noteShortRoles, visualConf } from './bratConf';
import { readBrat } from './bratRead';
import { BREAK, encodeEventNote, encodeNote, FRAME_IN_ANN, fragments, MENTION_IN_ANN, SIDECAR_SUFFIX, type NoteFiller } from './bratSyntax';
import { extension } from './input';
import { FileNames } from './names';
import { entityMap, exportable, provenanceText, ReportBuilder, referencedEntities } from './prepare';
import { indexSchema } from './schema';
import type { DatasetContext, DatasetDocument, FileChunk, FormatDef, FormatWriter, ImportFile } from './types';

const BREAKS = new RegExp(BREAK.source, 'gu');

/** Entity names shown on N lines are for people reading the file; the sidecar keeps the exact name. */
function oneLine(text: string): string {
  return text.replace(BREAKS, ' ');
}

/**
 * An N line's database and id: an entity id that already names its database
 * (`Wikidata:Q71`, as brat's own links read back) keeps it; Parley's own ids
 * go under `parley`, URI-encoded.
 */
function normalizationRef(entityId: string): string {
  return /^[A-Za-z][\w.-]*:\S+$/.test(entityId) && !entityId.startsWith('parley:') ? entityId : `parley:${encodeURIComponent(entityId)}`;
}

function createWriter(ctx: DatasetContext): FormatWriter {
  const schema = indexSchema(ctx.schema);
  const registry = entityMap(ctx.entities);
  const report = new ReportBuilder();
  const names = new FileNames();
  // The conf is written last, so it allows exactly the overlaps and mention attributes the documents have.
  const usage = newUsage();

  function document(doc: DatasetDocument): FileChunk[] {
    const text = doc.document.text;
    if (text.includes('\0')) {
      report.drop('document whose text holds NUL characters, which brat cannot read');
      return [];
    }
    const layer = exportable(doc, schema, report, true);
    const cp = layer.codePoints!;
    const ann: string[] = [];
    const extras: Record<string, unknown> = {};
    let t = 0;
    let n = 0;
    let a = 0;
    let c = 0;
    const textBound = (type: string, start: number, end: number) => {
      const id = `T${++t}`;
      const frags = fragments(text, start, end);
      let offsets = '';
      let quote = '';
      for (let i = 0; i < frags.length; i++) {
        const [s, e] = frags[i];
        offsets += `${i ? ';' : ''}${cp.toCodePoint(s)} ${cp.toCodePoint(e)}`;
        quote += `${i ? ' ' : ''}${text.slice(s, e)}`;
      }
      ann.push(`${id}\t${type} ${offsets}\t${quote}`);
      // Fragments leave out line breaks; a span that starts or ends with one needs its exact offsets kept.
      return { id, exact: frags[0][0] === start && frags[frags.length - 1][1] === end };
    };

    const tOf = new Map<string, string>();
    for (const m of layer.mentions) {
      const { id, exact } = textBound(bratName(m.label), m.start, m.end);
      tOf.set(m.id, id);
      if (m.entityId !== undefined) {
        ann.push(`N${++n}\tReference ${id} ${normalizationRef(m.entityId)}\t${oneLine(registry.get(m.entityId)?.name ?? m.entityId)}`);
      }
      if (m.note !== undefined) ann.push(`#${++c}\tAnnotatorNotes ${id}\t${encodeNote(m.note)}`);
      const mentionFrom = provenanceText(m, doc.annotator);
      if (mentionFrom) ann.push(`#${++c}\tProvenance ${id}\t${mentionFrom}`);
      // Attributes brat can write (a name and value without spaces) are A lines; the sidecar keeps them all.
      for (const [name, value] of Object.entries(m.attrs ?? {})) {
        if (bratName(name) === name && bratValueOk(value)) {
          ann.push(`A${++a}\t${name} ${id}${value === 'true' ? '' : ` ${value}`}`);
          const values = usage.mentionAttrs.get(name) ?? new Set<string>();
          usage.mentionAttrs.set(name, values.add(value));
        }
      }
      extras[id] = exact ? omit(m, MENTION_IN_ANN) : { ...omit(m, MENTION_IN_ANN), span: [m.start, m.end] };
    }

    noteOverlaps(layer.mentions, usage);
    let e = 0;
    // Frames of one type on the same evidence share one trigger, written once, as brat does.
    const triggers = new Map<string, ReturnType<typeof textBound>>();
    for (const f of layer.frames) {
      const type = bratName(f.type);
      const at = `${type}\u0000${f.evidence.start}\u0000${f.evidence.end}`;
      const trigger = triggers.get(at) ?? textBound(type, f.evidence.start, f.evidence.end);
      triggers.set(at, trigger);
      const eid = `E${++e}`;
      noteShortRoles(schema.frameTypes.get(f.type)!, f.roles, usage);
      let args = '';
      const noted: NoteFiller[] = [];
      const emptyRoles: string[] = [];
      for (const [role, fillers] of Object.entries(f.roles)) {
        if (fillers.length === 0) emptyRoles.push(role);
        // Numbering every filler of a role keeps their order, including the ones kept in the note.
        fillers.forEach((x, i) => {
          const def = schema.frameTypes.get(f.type)!.roles.find((r) => r.name === role)!;
          const name = bratRoleName(def) + (fillers.length > 1 ? String(i + 1) : '');
          if (x.kind === 'mention') args += ` ${name}:${tOf.get(x.mentionId)}`;
          else noted.push({ role: name, kind: x.kind, value: x.kind === 'entity' ? x.entityId : x.text });
        });
      }
      ann.push(`${eid}\t${type}:${trigger.id}${args}`);
      const otherAttrs: Record<string, string> = {};
      for (const [name, value] of Object.entries(f.attrs)) {
        // An attribute whose only value is "true" is brat's binary kind: present, with no value.
        if (bratName(name) === name && bratValueOk(value)) ann.push(`A${++a}\t${name} ${eid}${value === 'true' && isBinary(schema.frameTypes.get(f.type), name) ? '' : ` ${value}`}`);
        else otherAttrs[name] = value;
      }
      if (f.note !== undefined || noted.length) ann.push(`#${++c}\tAnnotatorNotes ${eid}\t${encodeEventNote(f.note, noted)}`);
      const frameFrom = provenanceText(f, doc.annotator);
      if (frameFrom) ann.push(`#${++c}\tProvenance ${eid}\t${frameFrom}`);
      const extra: Record<string, unknown> = omit(f, FRAME_IN_ANN);
      if (Object.keys(otherAttrs).length) extra.attrs = otherAttrs;
      if (emptyRoles.length) extra.emptyRoles = emptyRoles;
      if (!trigger.exact) extra.evidence = [f.evidence.start, f.evidence.end];
      extras[eid] = extra;
    }

    const stem = names.take(doc.document.id);
    const { text: _text, ...document } = doc.document;
    const sidecar = {
      parley: 1,
      offsets: 'utf16',
      document,
      annotator: doc.annotator,
      status: doc.status,
      fields: doc.fields,
      annotations: extras,
      entities: referencedEntities(layer, registry, report),
    };
    return [
      { path: `${stem}.txt`, data: text },
      { path: `${stem}.ann`, data: ann.length ? `${ann.join('\n')}\n` : '' },
      { path: `${stem}${SIDECAR_SUFFIX}`, data: `${JSON.stringify(sidecar)}\n` },
    ];
  }

  return {
    begin: () => [],
    document,
    end: () => [
      { path: 'annotation.conf', data: annotationConf(ctx.schema, usage) },
      { path: 'visual.conf', data: visualConf(ctx.schema, usage) },
    ],
    report: () => report.report(),
  };
}

function detect(files: ImportFile[]): boolean {
  return files.some((f) => extension(f.path) === 'ann');
}

export const brat: FormatDef = {
  name: 'brat',
  title: 'brat standoff',
  description: 'A folder of .txt and .ann files (T, E, A, N and # lines, code-point offsets) with annotation.conf and visual.conf; Parley-only details in <id>.parley.json.',
  canImport: true,
  canExport: true,
  offsetUnit: 'codepoint',
  detect,
  createWriter,
  read: readBrat,
};
