/**
 * The one API contract between the UI and the Node side: every namespace's
 * methods in one map. Electron's IPC and the browser host's HTTP both carry
 * exactly this map; main checks each call's arguments against its schema.
 */
import type { z } from 'zod';
import { annotationsContract } from './annotations';
import { datasetsContract } from './datasets';
import { dialogContract } from './dialog';
import { documentsContract } from './documents';
import { entitiesContract } from './entities';
import { framesContract } from './frames';
import { jobsContract } from './jobs';
import { networkContract } from './network';
import { reviewContract } from './review';
import { guidelinesContract } from './guidelines';
import { schemaContract } from './schema';
import { searchContract } from './search';
import { settingsContract } from './settings';
import { suggestionsContract } from './suggestions';
import { syncContract } from './sync';
import { teamContract } from './team';
import { workspaceContract } from './workspace';

export const contract = {
  ...workspaceContract,
  ...documentsContract,
  ...annotationsContract,
  ...reviewContract,
  ...schemaContract,
  ...guidelinesContract,
  ...framesContract,
  ...entitiesContract,
  ...datasetsContract,
  ...jobsContract,
  ...dialogContract,
  ...settingsContract,
  ...suggestionsContract,
  ...searchContract,
  ...syncContract,
  ...teamContract,
  ...networkContract,
} as const;

export type Contract = typeof contract;

export type MethodName = keyof Contract;
export type ArgsOf<M extends MethodName> = z.input<Contract[M]['args']>;
export type ResultOf<M extends MethodName> = Contract[M]['result'];

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Main's side: one async function per method. */
export type Handlers = { [M in MethodName]: (args: z.output<Contract[M]['args']>) => Promise<ResultOf<M>> };
