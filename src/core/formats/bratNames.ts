/** What every brat document of a folder shares: the schema's names as brat writes them, and the optional .parley.json sidecar. */
import { z } from 'zod';
import type { FrameTypeDef } from '../model';
import { SourceSchema, STATUSES } from '../model';
import type { ImportSession } from './assemble';
import { bratName, bratRoleName } from './bratConf';
import { badInput, checkFile, InputError } from './input';
import { lineOfPath, parseJson, shaped } from './json';
import type { ImportFile } from './types';

const SidecarSchema = z.object({
  parley: z.number().int(),
  document: z.object({ id: z.string().min(1).max(200), title: z.string(), source: SourceSchema, sha256: z.string().optional() }).optional(),
  annotator: z.string().min(1).optional(),
  status: z.enum(STATUSES).optional(),
  fields: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  entities: z.array(z.unknown()).optional(),
});
export type Sidecar = z.infer<typeof SidecarSchema>;


/** Names in the file (brat-safe, maybe numbered) mapped back to the schema's names. */
export class Names {
  private readonly labels = new Map<string, string>();
  private readonly frames = new Map<string, FrameTypeDef>();

  constructor(session: ImportSession) {
    for (const l of session.schema.labels) this.labels.set(l, l);
    for (const l of session.schema.labels) if (!this.labels.has(bratName(l))) this.labels.set(bratName(l), l);
    for (const f of session.schema.frameTypes.values()) this.frames.set(f.name, f);
    for (const f of session.schema.frameTypes.values()) if (!this.frames.has(bratName(f.name))) this.frames.set(bratName(f.name), f);
  }

  label(type: string): string | undefined {
    return this.labels.get(type);
  }

  frame(type: string): FrameTypeDef | undefined {
    return this.frames.get(type);
  }

  /** "Party2" → Party, position 2; a role named with digits of its own is matched first. */
  role(def: FrameTypeDef, written: string): { role: string; number: number } | undefined {
    const find = (name: string) => def.roles.find((r) => r.name === name) ?? def.roles.find((r) => bratRoleName(r) === name || bratName(r.name) === name);
    const whole = find(written);
    if (whole) return { role: whole.name, number: 1 };
    const digits = /\d+$/.exec(written)?.[0] ?? '';
    for (let k = 1; k <= digits.length; k++) {
      const r = find(written.slice(0, written.length - k));
      if (r) return { role: r.name, number: Number(written.slice(written.length - k)) };
    }
    return undefined;
  }

  attribute(def: FrameTypeDef, written: string): string {
    return def.attributes.find((a) => a.name === written || bratName(a.name) === written)?.name ?? written;
  }
}

export interface DocumentFiles {
  stem: string;
  txt?: ImportFile;
  ann?: ImportFile;
  sidecar?: ImportFile;
}

export function readSidecar(file: ImportFile | undefined, session: ImportSession): Sidecar | undefined {
  if (!file) return undefined;
  const text = checkFile(file, session.warnings);
  const value = parseJson(text, file.path);
  try {
    const sidecar = shaped(SidecarSchema, value);
    for (const [i, e] of (sidecar.entities ?? []).entries()) session.entity(e, file.path, ['entities', i]);
    return sidecar;
  } catch (e) {
    if (e instanceof InputError) throw badInput(e.message, file.path, lineOfPath(text, e.path));
    throw e;
  }
}
