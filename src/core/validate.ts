/** Checks a change against the document text and the schema before it is saved. */
import { ParleyError } from './errors';
import type { Change, Frame, LabelSchema, Mention, Span } from './model';
import { describeRefusal, overlapRefusal } from './overlaps';

function fail(message: string): never {
  throw new ParleyError('invalid_argument', message);
}

function isLowSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

export function checkSpan(span: Span, text: string, what: string): void {
  if (span.start >= span.end) fail(`${what}: empty span ${span.start}-${span.end}`);
  if (span.end > text.length) fail(`${what}: span ${span.start}-${span.end} runs past the end of the text (${text.length} characters)`);
  if (isLowSurrogate(text, span.start) || (span.end < text.length && isLowSurrogate(text, span.end))) {
    fail(`${what}: span ${span.start}-${span.end} splits a character in two`);
  }
  if (text.slice(span.start, span.end) !== span.quote) fail(`${what}: the quote does not match the text at ${span.start}-${span.end}`);
}

export function checkMention(m: Mention, text: string, schema: LabelSchema): void {
  if (!schema.labels.some((l) => l.name === m.label)) fail(`unknown label ${m.label}: add it in the schema editor first`);
  checkSpan(m, text, `mention ${m.id}`);
}

export function checkFrame(f: Frame, text: string, schema: LabelSchema): void {
  if (!schema.frameTypes.some((t) => t.name === f.type)) fail(`unknown frame type ${f.type}`);
  checkSpan(f.evidence, text, `${f.type} ${f.id} evidence`);
}

/** A mention the analyst adds or relabels may overlap the layer's others only as the schema's overlap rules allow. */
function checkOverlap(m: Mention, schema: LabelSchema, mentions: readonly Mention[] | undefined): void {
  if (!mentions || m.pending) return;
  const refused = overlapRefusal(schema, m, mentions);
  if (refused) fail(describeRefusal(m, refused));
}

/** `mentions`: the layer's mentions before the change, to check overlaps against. */
export function checkChange(change: Change, text: string, schema: LabelSchema, mentions?: readonly Mention[]): void {
  switch (change.op) {
    case 'addMention':
      checkMention(change.mention, text, schema);
      return checkOverlap(change.mention, schema, mentions);
    case 'updateMention':
      checkMention(change.after, text, schema);
      if (change.after.label !== change.before.label) checkOverlap(change.after, schema, mentions);
      return;
    case 'addFrame':
      return checkFrame(change.frame, text, schema);
    case 'updateFrame':
      return checkFrame(change.after, text, schema);
    case 'batch': {
      // Against what the batch leaves: mentions it removes or replaces do not count, those it adds do.
      const gone = new Set(change.changes.flatMap((c) => (c.op === 'removeMention' ? [c.mention.id] : c.op === 'updateMention' ? [c.before.id] : [])));
      const after = mentions?.filter((m) => !gone.has(m.id));
      for (const c of change.changes) {
        checkChange(c, text, schema, after);
        if (c.op === 'addMention') after?.push(c.mention);
        if (c.op === 'updateMention') after?.push(c.after);
      }
      return;
    }
    case 'setField':
      if (!schema.documentFields.some((f) => f.name === change.name)) fail(`unknown document field ${change.name}`);
      return;
    default:
      return;
  }
}

/** Label and frame-type names and keys must be unique, and keys must not clash with each other. */
export function checkSchema(schema: LabelSchema): void {
  const names = new Set<string>();
  const keys = new Map<string, string>();
  const useKey = (key: string, owner: string) => {
    if (!key) return;
    const k = key.toLowerCase();
    const other = keys.get(k);
    if (other) fail(`the key “${key}” is used by both ${other} and ${owner}`);
    keys.set(k, owner);
  };
  for (const l of schema.labels) {
    if (names.has(l.name)) fail(`two labels are named ${l.name}`);
    names.add(l.name);
    useKey(l.key, l.name);
  }
  const frameNames = new Set<string>();
  for (const t of schema.frameTypes) {
    if (frameNames.has(t.name)) fail(`two frame types are named ${t.name}`);
    frameNames.add(t.name);
    useKey(t.key, t.name);
    const roles = new Set<string>();
    for (const r of t.roles) {
      if (roles.has(r.name)) fail(`${t.name} has two roles named ${r.name}`);
      roles.add(r.name);
      if (r.max !== null && r.max < r.min) fail(`${t.name}.${r.name}: at most ${r.max} is fewer than at least ${r.min}`);
    }
  }
  const fields = new Set<string>();
  for (const f of schema.documentFields) {
    if (fields.has(f.name)) fail(`two document fields are named ${f.name}`);
    fields.add(f.name);
  }
}
