/**
 * A scheme: a label schema with its definitions and the guidelines that
 * explain it, as one JSON file a team can share (`parley schema export`,
 * `parley schema import`, `parley init --scheme`). Parley ships several
 * (`schemes/` in the installation); see docs/schemes.md for the format.
 */
import { z } from 'zod';
import { ParleyError } from './errors';
import { describePath, lineOfPath, parseJson } from './formats/json';
import { LabelSchemaSchema, type Guide, type LabelSchema } from './model';
import { checkSchema } from './validate';

export const SCHEME_FORMAT = 'parley-scheme';
export const SCHEME_VERSION = 1;

export const SchemeSchema = z
  .object({
    format: z.literal(SCHEME_FORMAT),
    version: z.literal(SCHEME_VERSION),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a short name in lower case, digits and hyphens').max(60),
    title: z.string().min(1).max(200),
    description: z.string().max(2000),
    /** Where the scheme comes from: the papers, codebooks or projects it follows. */
    source: z.string().max(2000),
    schema: LabelSchemaSchema,
    /** Markdown: the workspace's `guidelines.md`; guides link to its headings by anchor. */
    guidelines: z.string().max(500_000),
  })
  .strict();
export type Scheme = z.infer<typeof SchemeSchema>;

/** A heading's anchor, as the Guidelines pane gives it: lower case, words joined by hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Every heading anchor of a Markdown text (ATX headings, outside fenced code). */
export function guidelineAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s{0,3}(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const m = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (m) anchors.add(headingAnchor(m[1]));
  }
  return anchors;
}

/** Every guide in a schema, with a name a person can find it by ("Stance › Holder", "Polarity = favor"). */
export function guidesOf(schema: LabelSchema): { where: string; path: (string | number)[]; guide: Guide }[] {
  const out: { where: string; path: (string | number)[]; guide: Guide }[] = [];
  schema.labels.forEach((l, i) => l.guide && out.push({ where: `label ${l.name}`, path: ['labels', i, 'guide'], guide: l.guide }));
  schema.frameTypes.forEach((t, i) => {
    if (t.guide) out.push({ where: `frame type ${t.name}`, path: ['frameTypes', i, 'guide'], guide: t.guide });
    t.roles.forEach((r, j) => r.guide && out.push({ where: `${t.name} › ${r.name}`, path: ['frameTypes', i, 'roles', j, 'guide'], guide: r.guide }));
    t.attributes.forEach((a, j) => {
      if (a.guide) out.push({ where: `${t.name} › ${a.name}`, path: ['frameTypes', i, 'attributes', j, 'guide'], guide: a.guide });
      for (const [value, guide] of Object.entries(a.valueGuides ?? {})) {
        if (!a.values.includes(value)) throw new ParleyError('bad_input', `${t.name} › ${a.name} has a guide for “${value}”, which is not one of its values (${a.values.join(', ')})`);
        out.push({ where: `${a.name} = ${value}`, path: ['frameTypes', i, 'attributes', j, 'valueGuides', value], guide });
      }
    });
  });
  return out;
}

/**
 * Reads a scheme file: its JSON, its shape, the schema's own rules (unique
 * names and keys) and that every guide's anchor is a heading of its
 * guidelines. Any problem names the file and the line.
 */
export function parseScheme(text: string, file: string): Scheme {
  const value = parseJson(text, file);
  const result = SchemeSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path as (string | number)[];
    const line = path.length ? lineOfPath(text, path) : 1;
    throw new ParleyError('bad_input', `${path.length ? `${describePath(path)}: ` : ''}${issue.message}`, file, line);
  }
  const scheme = result.data;
  try {
    checkSchema(scheme.schema);
  } catch (e) {
    throw new ParleyError('bad_input', `the scheme's schema: ${(e as Error).message}`, file, lineOfPath(text, ['schema']));
  }
  const anchors = guidelineAnchors(scheme.guidelines);
  let guides;
  try {
    guides = guidesOf(scheme.schema);
  } catch (e) {
    throw new ParleyError('bad_input', (e as Error).message, file, lineOfPath(text, ['schema']));
  }
  for (const { where, path, guide } of guides) {
    if (guide.anchor && !anchors.has(guide.anchor)) {
      throw new ParleyError('bad_input', `${where} links to the guidelines heading “${guide.anchor}”, which the guidelines do not have`, file, lineOfPath(text, ['schema', ...path, 'anchor']));
    }
  }
  return scheme;
}

/** A workspace's schema and guidelines as a scheme file's text. */
export function writeScheme(meta: Pick<Scheme, 'name' | 'title' | 'description' | 'source'>, schema: LabelSchema, guidelines: string): string {
  const scheme: Scheme = { format: SCHEME_FORMAT, version: SCHEME_VERSION, ...meta, schema, guidelines };
  return `${JSON.stringify(SchemeSchema.parse(scheme), null, 2)}\n`;
}
