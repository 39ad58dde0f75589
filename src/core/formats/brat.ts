/**
 * brat standoff: per document `<id>.txt` (the text, unchanged) and `<id>.ann`
 * (T, E, R, *, A, M, N and # lines, offsets in Unicode code points), plus
 * annotation.conf and visual.conf for the whole folder. What brat has no place
 * for (ids, origin, author, time, mention attributes, the document's title,
 * source, status and fields, the linked entities) goes to a sidecar
 * `<id>.parley.json`, keyed by the .ann ids, so a folder read back gives the
 * same layer. The sidecar is optional on import: brat's own folders read
 * without it.
 */
import { omit } from './assemble';
import { annotationConf, bratName, bratRoleName, bratValueOk, newUsage, noteOverlaps, noteShortRoles, visualConf } from './bratConf';
import { readBrat } from './bratRead';
import { planFrames, sameSpan } from './bratFrames';
import { BREAK, encodeEventNote, encodeNote, FRAME_IN_ANN, fragments, joinFragments, MENTION_IN_ANN, NOTE_TYPE, PROVENANCE_TYPE, SIDECAR_SUFFIX, type NoteFiller } from './bratSyntax';
import { extension } from './input';
import { FileNames } from './names';
import { entityMap, exportable, provenanceText, ReportBuilder, referencedEntities } from './prepare';
import { indexSchema } from './schema';
import type { RoleFiller } from '../model';
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
    const layer = exportable(doc, schema, report, true, true);
    const cp = layer.codePoints!;
    const ann: string[] = [];
    const extras: Record<string, unknown> = {};
    let t = 0;
    let n = 0;
    let a = 0;
    let c = 0;
    let mods = 0;
    /** A T line over these pieces, each cut at line breaks; `exact` when reading it back gives the pieces again. */
    const textBound = (type: string, pieces: readonly [number, number][]) => {
      const id = `T${++t}`;
      const frags = pieces.flatMap(([s, e]) => fragments(text, s, e));
      let offsets = '';
      let quote = '';
      for (let i = 0; i < frags.length; i++) {
        const [s, e] = frags[i];
        offsets += `${i ? ';' : ''}${cp.toCodePoint(s)} ${cp.toCodePoint(e)}`;
        quote += `${i ? ' ' : ''}${text.slice(s, e)}`;
      }
      ann.push(`${id}\t${type} ${offsets}\t${quote}`);
      // Fragments leave out line breaks; a span that starts or ends with one, or a gap of line breaks alone, needs its exact offsets kept.
      const back = joinFragments(text, frags);
      return { id, exact: back.length === pieces.length && back.every(([s, e], i) => s === pieces[i][0] && e === pieces[i][1]) };
    };
    const comments = (target: string, record: { comments?: Record<string, string> }): Record<string, string> | undefined => {
      let kept: Record<string, string> | undefined;
      for (const [type, value] of Object.entries(record.comments ?? {})) {
        if (bratName(type) === type && type !== NOTE_TYPE && type !== PROVENANCE_TYPE) ann.push(`#${++c}\t${type} ${target}\t${encodeNote(value)}`);
        else (kept ??= {})[type] = value;
      }
      return kept;
    };
    /**
     * `#` lines for the comments on the attributes written as the given A or M
     * lines (brat's notes on an attribute); the comments brat cannot write, and
     * those on attributes it did not write, are returned for the sidecar.
     */
    const attrNotes = (lines: Map<string, string>, all: Record<string, Record<string, string>> | undefined) => {
      let kept: Record<string, Record<string, string>> | undefined;
      for (const [name, byType] of Object.entries(all ?? {})) {
        const line = lines.get(name);
        for (const [type, value] of Object.entries(byType)) {
          if (line !== undefined && bratName(type) === type && type !== PROVENANCE_TYPE) ann.push(`#${++c}\t${type} ${line}\t${encodeNote(value)}`);
          else ((kept ??= {})[name] ??= {})[type] = value;
        }
      }
      return kept;
    };
    /** A (or, on events, brat's M) lines for the attributes brat can write, with their notes; the others are returned for the sidecar. */
    const attributes = (target: string, type: string, record: { attrs: Record<string, string>; attrComments?: Record<string, Record<string, string>> }, declared: (name: string) => boolean, binary: (name: string) => boolean, letter: 'A' | 'M') => {
      const other: Record<string, string> = {};
      const lines = new Map<string, string>();
      for (const [name, value] of Object.entries(record.attrs)) {
        if (bratName(name) !== name || !bratValueOk(value)) {
          other[name] = value;
          continue;
        }
        if (!declared(name)) {
          const key = `${type}\u0000${name}`;
          usage.frameAttrs.set(key, (usage.frameAttrs.get(key) ?? new Set<string>()).add(value));
        }
        const id = value === 'true' && binary(name) && letter === 'M' ? `M${++mods}` : `A${++a}`;
        ann.push(value === 'true' && binary(name) ? `${id}\t${name} ${target}` : `${id}\t${name} ${target} ${value}`);
        lines.set(name, id);
      }
      return { other, keptComments: attrNotes(lines, record.attrComments) };
    };

    const tOf = new Map<string, string>();
    for (const m of layer.mentions) {
      const { id, exact } = textBound(bratName(m.label), m.fragments ?? [[m.start, m.end]]);
      tOf.set(m.id, id);
      if (m.entityId !== undefined) {
        ann.push(`N${++n}\tReference ${id} ${normalizationRef(m.entityId)}\t${oneLine(registry.get(m.entityId)?.name ?? m.entityId)}`);
      }
      if (m.note !== undefined) ann.push(`#${++c}\t${NOTE_TYPE} ${id}\t${encodeNote(m.note)}`);
      const keptComments = comments(id, m);
      const mentionFrom = provenanceText(m, doc.annotator);
      if (mentionFrom) ann.push(`#${++c}\t${PROVENANCE_TYPE} ${id}\t${mentionFrom}`);
      // Attributes brat can write (a name and value without spaces) are A lines, with their notes; the sidecar keeps them all.
      const attrLines = new Map<string, string>();
      for (const [name, value] of Object.entries(m.attrs ?? {})) {
        if (bratName(name) === name && bratValueOk(value)) {
          attrLines.set(name, `A${++a}`);
          ann.push(`A${a}\t${name} ${id}${value === 'true' ? '' : ` ${value}`}`);
          const values = usage.mentionAttrs.get(name) ?? new Set<string>();
          usage.mentionAttrs.set(name, values.add(value));
        }
      }
      const keptAttrComments = attrNotes(attrLines, m.attrComments);
      const extra: Record<string, unknown> = omit(m, MENTION_IN_ANN);
      if (keptComments) extra.comments = keptComments;
      if (keptAttrComments) extra.attrComments = keptAttrComments;
      if (!exact) {
        if (m.fragments) extra.fragments = m.fragments;
        else extra.span = [m.start, m.end];
      }
      extras[id] = extra;
    }

    noteOverlaps(layer.mentions, usage);
    const plan = planFrames(layer.frames, schema, layer.mentions, report);
    // Frames of one type on the same evidence share one trigger, written once, as brat does.
    const triggers = new Map<string, ReturnType<typeof textBound>>();
    for (const f of plan.frames) {
      const def = schema.frameTypes.get(f.type)!;
      const type = bratName(f.type);
      const aid = plan.annId.get(f.id)!;
      const declared = (name: string) => def.attributes.some((x) => x.name === name);
      const binary = (name: string) => {
        const attr = def.attributes.find((x) => x.name === name);
        return !attr || (attr.values.length === 1 && attr.values[0] === 'true');
      };
      const extra: Record<string, unknown> = omit(f, FRAME_IN_ANN);
      const args = (fillers: RoleFiller[]) => fillers.map((x) => (x.kind === 'mention' ? tOf.get(x.mentionId)! : plan.annId.get((x as { frameId: string }).frameId)!));
      if (aid.startsWith('*')) {
        // brat's equivalences have no id: nothing can point at them, so their note and attributes stay in the sidecar.
        ann.push(`*\t${type} ${args(f.roles[def.roles[0].name]).join(' ')}`);
        Object.assign(extra, omit(f, ['type', 'evidence', 'roles']));
        if (!sameSpan(f.evidence, plan.stretch(f))) extra.evidence = [f.evidence.start, f.evidence.end];
        extras[aid] = extra;
        continue;
      }
      let written: ReturnType<typeof attributes>;
      if (aid.startsWith('R')) {
        const [from, to] = def.roles.map((r) => args(f.roles[r.name])[0]);
        ann.push(`${aid}\t${type} ${bratRoleName(def.roles[0])}:${from} ${bratRoleName(def.roles[1])}:${to}`);
        noteShortRoles(def, f.roles, usage);
        written = attributes(aid, type, f, declared, binary, 'A');
        if (f.note !== undefined) ann.push(`#${++c}\t${NOTE_TYPE} ${aid}\t${encodeNote(f.note)}`);
        if (!sameSpan(f.evidence, plan.stretch(f))) extra.evidence = [f.evidence.start, f.evidence.end];
      } else {
        const at = `${type}\u0000${f.evidence.start}\u0000${f.evidence.end}`;
        const trigger = triggers.get(at) ?? textBound(type, [[f.evidence.start, f.evidence.end]]);
        triggers.set(at, trigger);
        noteShortRoles(def, f.roles, usage);
        let line = '';
        const noted: NoteFiller[] = [];
        const emptyRoles: string[] = [];
        for (const [role, fillers] of Object.entries(f.roles)) {
          if (fillers.length === 0) emptyRoles.push(role);
          const roleDef = def.roles.find((r) => r.name === role)!;
          // brat numbers repeated arguments from the second on (Theme, Theme2); numbering every filler keeps their order, the noted ones included.
          fillers.forEach((x, i) => {
            const name = bratRoleName(roleDef) + (i === 0 ? '' : String(i + 1));
            if (x.kind === 'mention') line += ` ${name}:${tOf.get(x.mentionId)}`;
            else if (x.kind === 'frame') line += ` ${name}:${plan.annId.get(x.frameId)}`;
            else noted.push({ role: name, kind: x.kind, value: x.kind === 'entity' ? x.entityId : x.text });
          });
        }
        ann.push(`${aid}\t${type}:${trigger.id}${line}`);
        written = attributes(aid, type, f, declared, binary, 'M');
        if (f.note !== undefined || noted.length) ann.push(`#${++c}\t${NOTE_TYPE} ${aid}\t${encodeEventNote(f.note, noted)}`);
        if (emptyRoles.length) extra.emptyRoles = emptyRoles;
        if (!trigger.exact) extra.evidence = [f.evidence.start, f.evidence.end];
      }
      const keptComments = comments(aid, f);
      if (keptComments) extra.comments = keptComments;
      const frameFrom = provenanceText(f, doc.annotator);
      if (frameFrom) ann.push(`#${++c}\t${PROVENANCE_TYPE} ${aid}\t${frameFrom}`);
      if (Object.keys(written.other).length) extra.attrs = written.other;
      if (written.keptComments) extra.attrComments = written.keptComments;
      extras[aid] = extra;
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
  description: 'A folder of .txt and .ann files (T, E, R, *, A, M, N and # lines, code-point offsets) with annotation.conf and visual.conf; Parley-only details in <id>.parley.json.',
  canImport: true,
  canExport: true,
  offsetUnit: 'codepoint',
  detect,
  createWriter,
  read: readBrat,
};
