/**
 * WebAnno TSV 3.3, the format INCEpTION and WebAnno exchange: one `.tsv` file
 * per document with a header of layers (`#T_SP=` span layers and their
 * features, `#T_RL=` relation layers), then sentence blocks (`#Text=` lines)
 * of token lines `sent-tok<TAB>begin-end<TAB>token<TAB>column…`. Offsets are
 * UTF-16 code units (Java strings), as Parley's own.
 *
 * Mentions go to INCEpTION's built-in named-entity layer (`value` the label,
 * `identifier` the entity link); each frame type is a custom span layer
 * `webanno.custom.<Type>` over the evidence, with the attributes as features
 * and the mention fillers as a slot feature `roles` (role names and target
 * tokens). A relation between two mentions goes to one relation layer,
 * `webanno.custom.Relation`, as INCEpTION writes one: on the first token of
 * its target (the dependent), the type in `value`, its attributes as further
 * features, and the `BT_` column naming the source's (the governor's) first
 * token, with both ends' disambiguation ids when either has one. Tokens are the text's words, split wherever a mention or evidence
 * starts or ends, so every span is written exactly; sentences cover the text
 * from their first token to the next sentence's, so the text reads back
 * whole.
 */
import { sentences } from '../tokenize';
import { FileNames } from './names';
import { exportable, ReportBuilder } from './prepare';
import { indexSchema } from './schema';
import type { DatasetContext, DatasetDocument, FileChunk, FormatDef, FormatWriter, ImportFile } from './types';
import { readWebanno } from './webannoRead';
import { escapeText, escapeValue, FORMAT_LINE, frameLayer, NE_TYPE, NULL_COLUMN, NULL_VALUE, RELATION_LAYER, RELATION_VALUE, tsvName } from './webannoSyntax';

interface Unit {
  start: number;
  end: number;
  id: string;
}

interface Written {
  start: number;
  end: number;
  /** Index of the layer: 0 for mentions, 1 + frame type index for frames. */
  layer: number;
  /** Column values before the disambiguation id. */
  values: string[];
  /** Slot targets (frames only), resolved once ids are known. */
  targets?: Written[];
  units: Unit[];
  disambiguation?: number;
}

/** A relation between two written mentions: its type, attribute values by feature, and its ends. */
interface Relation {
  type: string;
  attrs: Record<string, string>;
  source: string;
  target: string;
}

const BREAKS = /[\t\n\r\f\v\u0085\u2028\u2029]/u;

/** The token boundaries: every change between space and non-space, and every span edge. */
function units(text: string, spans: { start: number; end: number }[]): { start: number; end: number }[] {
  const cuts = new Set<number>([0, text.length]);
  for (let i = 1; i < text.length; i++) if (/\s/u.test(text[i]) !== /\s/u.test(text[i - 1])) cuts.add(i);
  const edges = new Set<number>();
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
    edges.add(s.start);
    edges.add(s.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: { start: number; end: number }[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const [start, end] = [sorted[i - 1], sorted[i]];
    const piece = text.slice(start, end);
    if (/\S/u.test(piece)) out.push({ start, end });
    // Space at a span's edge becomes a token of its own, so the span keeps it; tabs and line breaks cannot stand in a token line.
    else if (!BREAKS.test(piece) && (edges.has(start) || edges.has(end)) && spans.some((s) => s.start <= start && end <= s.end)) out.push({ start, end });
  }
  return out;
}

function createWriter(ctx: DatasetContext): FormatWriter {
  const schema = indexSchema(ctx.schema);
  const report = new ReportBuilder();
  const names = new FileNames();
  const frameTypes = ctx.schema.frameTypes;

  function document(doc: DatasetDocument): FileChunk[] {
    const text = doc.document.text;
    const layer = exportable(doc, schema, report, false);
    const spans: Written[] = [];
    const byMention = new Map<string, Written>();
    let notCarried = 0;
    for (const m of layer.mentions) {
      const w: Written = { start: m.start, end: m.end, layer: 0, values: [m.entityId !== undefined ? escapeValue(m.entityId) : NULL_VALUE, escapeValue(m.label)], units: [] };
      if (m.note !== undefined || (m.attrs && Object.keys(m.attrs).length)) notCarried++;
      spans.push(w);
      byMention.set(m.id, w);
    }
    const frames: { w: Written; roles: string[]; fillers: string[] }[] = [];
    const relations: Relation[] = [];
    let fillersLost = 0;
    for (const f of layer.frames) {
      const t = frameTypes.findIndex((x) => x.name === f.type);
      const def = frameTypes[t];
      if (def.relation) {
        const ends = def.relation === 'equivalence' ? [] : def.roles.map((r) => f.roles[r.name] ?? []);
        const [from, to] = ends.map((list) => (list.length === 1 && list[0].kind === 'mention' ? list[0].mentionId : undefined));
        if (from === undefined || to === undefined) report.unwrite('frames', def.relation === 'equivalence' ? 'equivalence, which WebAnno TSV has no layer for' : 'relation whose ends are not two mentions (a WebAnno relation joins two named entities)');
        else {
          const attrs: Record<string, string> = {};
          for (const [name, value] of Object.entries(f.attrs)) attrs[tsvName(name, false)] = value;
          relations.push({ type: f.type, attrs, source: from, target: to });
          if (f.note !== undefined) notCarried++;
        }
        continue;
      }
      const values = def.attributes.map((a) => (f.attrs[a.name] !== undefined ? escapeValue(f.attrs[a.name]) : NULL_VALUE));
      const roles: string[] = [];
      const fillers: string[] = [];
      for (const [role, list] of Object.entries(f.roles)) {
        for (const x of list) {
          if (x.kind === 'mention') {
            roles.push(role);
            fillers.push(x.mentionId);
          } else fillersLost++;
        }
      }
      if (f.note !== undefined) notCarried++;
      const w: Written = { start: f.evidence.start, end: f.evidence.end, layer: 1 + t, values, units: [] };
      spans.push(w);
      frames.push({ w, roles, fillers });
    }
    report.count('{n} entity or topic role filler(s) were left out: a WebAnno slot points at an annotation', fillersLost);
    report.count('{n} note(s) or mention attribute(s) were left out: the named-entity layer has no feature for them', notCarried);

    // Tokens, and the spans that cannot be written (empty, or edged by a tab or line break).
    const tokens = units(text, spans);
    const starts = new Map(tokens.map((u, i) => [u.start, i]));
    const ends = new Map(tokens.map((u, i) => [u.end, i]));
    const ok = new Set<Written>();
    for (const w of spans) {
      const a = starts.get(w.start);
      const b = ends.get(w.end);
      if (w.start < w.end && a !== undefined && b !== undefined && a <= b) ok.add(w);
      // An empty mention is written as INCEpTION writes one: a zero-length sub-token (1-1.1 0-0).
      else if (w.start === w.end && w.layer === 0 && tokens.length) ok.add(w);
    }
    const gone = new Set<string>();
    for (const [id, w] of byMention) {
      if (!ok.has(w)) {
        gone.add(id);
        report.unwrite('mentions', 'mention that is empty or starts or ends on a tab or line break, which WebAnno TSV cannot address');
      }
    }
    const linked = relations.filter((r) => !gone.has(r.source) && !gone.has(r.target));
    report.unwrite('frames', 'relation to a mention WebAnno TSV cannot address', relations.length - linked.length);
    for (const fr of frames) {
      if (!ok.has(fr.w)) report.unwrite('frames', 'frame whose evidence is empty or starts or ends on a tab or line break');
      else {
        const keep = fr.fillers.map((id) => !gone.has(id));
        fr.roles = fr.roles.filter((_, i) => keep[i]);
        fr.fillers = fr.fillers.filter((_, i) => keep[i]);
        fr.w.targets = fr.fillers.map((id) => byMention.get(id)!);
      }
    }

    // Sentences: grouped by where their tokens start; each covers the text up to the next one's first token.
    const sents = sentences(text);
    const groups: Unit[][] = [];
    let s = 0;
    let current = -1;
    for (const t of tokens) {
      while (s < sents.length - 1 && sents[s].end <= t.start) s++;
      if (s !== current || groups.length === 0) {
        groups.push([]);
        current = s;
      }
      const group = groups[groups.length - 1];
      group.push({ ...t, id: `${groups.length}-${group.length + 1}` });
    }
    if (groups.length && /[^ ]/.test(text.slice(0, groups[0][0].start))) report.count('{n} document(s) begin with line breaks or tabs, which WebAnno TSV reads back as spaces');
    if (!groups.length && text.length) report.count('{n} document(s) hold no word, so WebAnno TSV keeps no text for them');

    // Which spans cover which tokens; disambiguation ids for spans over several tokens or stacked with their own kind.
    const all = groups.flat();
    const live = spans.filter((w) => ok.has(w)).sort((a, b) => a.start - b.start || b.end - a.end);
    const onUnit = new Map<Unit, Written[]>();
    let u0 = 0;
    for (const w of live) {
      while (u0 < all.length && all[u0].end <= w.start) u0++;
      for (let i = u0; i < all.length && all[i].start < w.end; i++) {
        if (all[i].start >= w.start && all[i].end <= w.end) {
          w.units.push(all[i]);
          const list = onUnit.get(all[i]) ?? [];
          list.push(w);
          onUnit.set(all[i], list);
        }
      }
    }
    // Zero-length sub-tokens, each after the last token starting at or before it (the first token when none does).
    const subsOf = new Map<Unit, Unit[]>();
    for (const w of live) {
      if (w.start !== w.end) continue;
      let host = all[0];
      for (const u of all) if (u.start <= w.start) host = u;
      const subs = subsOf.get(host) ?? [];
      subsOf.set(host, subs);
      const sub: Unit = { start: w.start, end: w.start, id: `${host.id}.${subs.length + 1}` };
      subs.push(sub);
      w.units.push(sub);
      onUnit.set(sub, [w]);
    }
    let nextId = 1;
    for (const w of live) {
      const stacked = w.units.some((u) => onUnit.get(u)!.filter((x) => x.layer === w.layer).length > 1);
      if (w.units.length > 1 || stacked) w.disambiguation = nextId++;
    }

    // Relations are written on their target's first unit, stacked in file order.
    const relationsOn = new Map<Unit, Relation[]>();
    for (const r of linked) {
      const at = byMention.get(r.target)!.units[0];
      relationsOn.set(at, [...(relationsOn.get(at) ?? []), r]);
    }
    const features = [RELATION_VALUE, ...new Set(linked.flatMap((r) => Object.keys(r.attrs).filter((k) => k !== RELATION_VALUE)))];

    // The header: the layers this document uses.
    const used = [...new Set(live.map((w) => w.layer))].sort((a, b) => a - b);
    const header = [FORMAT_LINE];
    for (const l of used) {
      if (l === 0) header.push(`#T_SP=${NE_TYPE}|identifier|value`);
      else {
        const def = frameTypes[l - 1];
        const type = frameLayer(def.name);
        const feats = def.attributes.map((a) => `|${tsvName(a.name, false)}`).join('');
        header.push(`#T_SP=${type}${feats}|ROLE_${type}:roles_${type}RolesLink|${NE_TYPE}`);
      }
    }
    if (linked.length) header.push(`#T_RL=${RELATION_LAYER}${features.map((f) => `|${f}`).join('')}|BT_${NE_TYPE}`);
    const idOf = (w: Written) => (w.disambiguation !== undefined ? `[${w.disambiguation}]` : '');
    /** The BT_ column: the source's first unit, and both ends' disambiguation ids when either has one. */
    const sourceRef = (r: Relation) => {
      const [from, to] = [byMention.get(r.source)!, byMention.get(r.target)!];
      const ids = from.disambiguation !== undefined || to.disambiguation !== undefined ? `[${from.disambiguation ?? 0}_${to.disambiguation ?? 0}]` : '';
      return `${from.units[0].id}${ids}`;
    };
    const lines = [`${header.join('\n')}\n`];
    groups.forEach((group, g) => {
      const from = group[0].start;
      const to = g + 1 < groups.length ? groups[g + 1][0].start : text.length;
      lines.push('');
      for (const part of text.slice(from, to).split('\n')) lines.push(`#Text=${escapeText(part)}`);
      for (const u of group.flatMap((t) => [t, ...(subsOf.get(t) ?? [])])) {
        let row = `${u.id}\t${u.start}-${u.end}\t${text.slice(u.start, u.end)}\t`;
        const here = onUnit.get(u) ?? [];
        for (const l of used) {
          const stack = here.filter((w) => w.layer === l);
          const width = l === 0 ? 2 : frameTypes[l - 1].attributes.length;
          for (let c = 0; c < width; c++) row += `${stack.length ? stack.map((w) => w.values[c] + idOf(w)).join('|') : NULL_COLUMN}\t`;
          if (l > 0) {
            const fr = (w: Written) => frames.find((x) => x.w === w)!;
            const roleCol = stack.map((w) => `${fr(w).roles.length ? fr(w).roles.map(escapeValue).join(';') : NULL_COLUMN}${idOf(w)}`).join('|');
            const targetCol = stack.map((w) => (w.targets!.length ? w.targets!.map((t) => `${t.units[0].id}${idOf(t)}`).join(';') : NULL_VALUE)).join('|');
            row += `${stack.length ? roleCol : NULL_COLUMN}\t${stack.length ? targetCol : NULL_COLUMN}\t`;
          }
        }
        if (linked.length) {
          const stack = relationsOn.get(u) ?? [];
          const value = (r: Relation, f: string) => {
            const v = f === RELATION_VALUE ? r.type : r.attrs[f];
            return v === undefined ? NULL_VALUE : escapeValue(v);
          };
          for (const f of features) row += `${stack.length ? stack.map((r) => value(r, f)).join('|') : NULL_COLUMN}\t`;
          row += `${stack.length ? stack.map(sourceRef).join('|') : NULL_COLUMN}\t`;
        }
        lines.push(row);
      }
    });
    const stem = names.take(doc.document.id);
    return [{ path: `${stem}.tsv`, data: `${lines.join('\n')}\n` }];
  }

  return {
    begin: () => {
      report.note('WebAnno TSV keeps the text, mention spans, labels and entity links, frames with their attributes and mention fillers, and relations between mentions (read back with the stretch between their ends as evidence); document titles, fields, status, notes and annotation ids stay in Parley');
      return [];
    },
    document,
    end: () => [],
    report: () => report.report(),
  };
}

function detect(files: ImportFile[]): boolean {
  return files.some((f) => /\.tsv$/i.test(f.path) && f.text.startsWith('#FORMAT=WebAnno TSV'));
}

export const webanno: FormatDef = {
  name: 'webanno',
  title: 'WebAnno TSV 3.3',
  description: 'One .tsv file per document as INCEpTION and WebAnno exchange them: mentions on the named-entity layer, frames as custom span layers with slot features, relations on a relation layer; UTF-16 offsets.',
  canImport: true,
  canExport: true,
  offsetUnit: 'utf16',
  detect,
  createWriter,
  read: readWebanno,
};
