/** The `guidelines.*` methods: the shipped schemes, and the workspace's guidelines (`guidelines.md`), read, and saved over the version the editor started from. */
import { z } from 'zod';
import { method, none } from './method';

export interface Guidelines {
  /** Markdown; empty where the workspace has none. */
  text: string;
  /** sha256 of the text: a save names it as what it replaces. */
  hash: string;
}

/** A shipped scheme, as the Open workspace dialog offers it for a new workspace. */
export interface SchemeSummary {
  name: string;
  title: string;
  description: string;
  source: string;
  labels: number;
  frameTypes: number;
}

export const guidelinesContract = {
  'guidelines.schemes': method<SchemeSummary[]>()(none),
  'guidelines.get': method<Guidelines>()(none),
  'guidelines.save': method<Guidelines>()(z.object({ text: z.string().max(500_000), before: z.string().max(64) }).strict()),
} as const;
