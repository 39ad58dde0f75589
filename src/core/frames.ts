/**
 * Frames (stances, agreements, and any type the schema adds): what a frame
 * still lacks, how its parts read, and keeping frames whole when a mention
 * they use is deleted.
 */
import type { Change, Entity, Frame, FrameTypeDef, LabelSchema, Mention, RoleFiller } from './model';

export interface FrameProblem {
  /** The role or attribute concerned, or 'type'. */
  part: string;
  message: string;
}

function fillerAllowed(f: RoleFiller, role: FrameTypeDef['roles'][number], mentions: ReadonlyMap<string, Mention>, frames?: ReadonlyMap<string, Frame>): string | null {
  switch (f.kind) {
    case 'mention': {
      if (!role.allowMention) return 'takes no mentions';
      const m = mentions.get(f.mentionId);
      if (!m) return 'refers to a mention that no longer exists';
      if (role.mentionLabels.length && !role.mentionLabels.includes(m.label)) return `takes ${role.mentionLabels.join('/')} mentions, not ${m.label}`;
      return null;
    }
    case 'entity':
      return role.allowEntity ? null : 'takes no entities';
    case 'topic':
      return role.allowTopic ? null : 'takes no free-text topic';
    case 'frame':
      return !frames || frames.has(f.frameId) ? null : 'refers to a frame that no longer exists';
  }
}

/** Everything a frame still needs or has wrong; empty when it is complete. */
export function frameProblems(frame: Frame, schema: LabelSchema, mentions: ReadonlyMap<string, Mention>, frames?: ReadonlyMap<string, Frame>): FrameProblem[] {
  const type = schema.frameTypes.find((t) => t.name === frame.type);
  if (!type) return [{ part: 'type', message: `${frame.type} is not a frame type in the schema` }];
  const problems: FrameProblem[] = [];
  for (const role of type.roles) {
    const fillers = frame.roles[role.name] ?? [];
    if (fillers.length < role.min) {
      problems.push({ part: role.name, message: role.min === 1 ? `${role.name} is missing` : `${role.name} needs at least ${role.min} (has ${fillers.length})` });
    }
    if (role.max !== null && fillers.length > role.max) problems.push({ part: role.name, message: `${role.name} takes at most ${role.max} (has ${fillers.length})` });
    for (const f of fillers) {
      const why = fillerAllowed(f, role, mentions, frames);
      if (why) problems.push({ part: role.name, message: `${role.name} ${why}` });
    }
  }
  for (const attr of type.attributes) {
    const v = frame.attrs[attr.name];
    if (v === undefined) problems.push({ part: attr.name, message: `${attr.name} is not set` });
    else if (!attr.values.includes(v)) problems.push({ part: attr.name, message: `${attr.name} “${v}” is not one of ${attr.values.join(', ')}` });
  }
  return problems;
}

/** How a role filler reads: the mention's words, the entity's name, or the topic. */
export function fillerText(f: RoleFiller, mentions: ReadonlyMap<string, Mention>, entities: readonly Entity[], frames?: ReadonlyMap<string, Frame>): string {
  switch (f.kind) {
    case 'mention': {
      const m = mentions.get(f.mentionId);
      if (!m) return '(deleted mention)';
      const e = m.entityId ? entities.find((x) => x.id === m.entityId) : undefined;
      return e ? e.name : m.quote;
    }
    case 'entity':
      return entities.find((e) => e.id === f.entityId)?.name ?? '(deleted entity)';
    case 'topic':
      return f.text;
    case 'frame': {
      const frame = frames?.get(f.frameId);
      return frame ? `${frame.type} “${frame.evidence.quote}”` : '(a frame)';
    }
  }
}

/** One line for a frame: "Kerry → independence of the Kurds: against". */
export function frameSummary(frame: Frame, type: FrameTypeDef | undefined, mentions: ReadonlyMap<string, Mention>, entities: readonly Entity[]): string {
  const roles = (type?.roles.map((r) => r.name) ?? Object.keys(frame.roles)).map((name) =>
    (frame.roles[name] ?? []).map((f) => fillerText(f, mentions, entities)).join(' & ') || '?',
  );
  const attrs = (type?.attributes.map((a) => a.name) ?? Object.keys(frame.attrs)).map((a) => frame.attrs[a] ?? '?');
  return `${roles.join(' → ')}${attrs.length ? `: ${attrs.join(', ')}` : ''}`;
}

/**
 * A deletion with the frames that point at what is deleted losing that filler
 * in the same step, so no frame points at something gone, and undo puts both
 * back.
 */
function removeWithFillers(remove: Change, title: string, frames: readonly Frame[], points: (x: RoleFiller) => boolean, skip?: string): Change {
  const changes: Change[] = [];
  for (const f of frames) {
    if (f.id === skip) continue;
    let touched = false;
    const roles: Frame['roles'] = {};
    for (const [name, fillers] of Object.entries(f.roles)) {
      const kept = fillers.filter((x) => !points(x));
      if (kept.length !== fillers.length) touched = true;
      roles[name] = kept;
    }
    if (touched) changes.push({ op: 'updateFrame', before: f, after: { ...f, roles } });
  }
  return changes.length ? { op: 'batch', title, changes: [...changes, remove] } : remove;
}

/** The changes that delete a mention: frames that use it lose that filler in the same step. */
export function removeMentionChange(mention: Mention, frames: readonly Frame[]): Change {
  return removeWithFillers({ op: 'removeMention', mention }, `delete ${mention.label} “${mention.quote}”`, frames, (x) => x.kind === 'mention' && x.mentionId === mention.id);
}

/** The changes that delete a frame: frames that hold it (an event as another's argument, a relation to it) lose that filler in the same step. */
export function removeFrameChange(frame: Frame, frames: readonly Frame[]): Change {
  return removeWithFillers({ op: 'removeFrame', frame }, `delete ${frame.type} “${frame.evidence.quote}”`, frames, (x) => x.kind === 'frame' && x.frameId === frame.id, frame.id);
}

/** Adds a filler to a role, replacing the old one where the role takes only one. */
export function withFiller(frame: Frame, role: FrameTypeDef['roles'][number], filler: RoleFiller): Frame {
  const current = frame.roles[role.name] ?? [];
  const same = (x: RoleFiller) => JSON.stringify(x) === JSON.stringify(filler);
  if (current.some(same)) return frame;
  const next = role.max === 1 ? [filler] : [...current, filler];
  return { ...frame, roles: { ...frame.roles, [role.name]: next } };
}
