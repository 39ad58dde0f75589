/**
 * How a namespace declares its methods: each names its argument schema
 * (checked in main) and its result type. The argument schemas several
 * namespaces share live here too.
 */
import { z } from 'zod';
import { DocIdSchema } from '../model';

/** Declares a method: its result type, then its argument schema. */
export function method<R>() {
  return <A extends z.ZodType>(args: A) => ({ args, result: undefined as unknown as R });
}

/** A method that takes no arguments. */
export const none = z.object({}).strict();
export const docArgs = z.object({ docId: DocIdSchema }).strict();
/** Which layer an edit goes to: the analyst's own, or the adjudicated gold layer. */
export const layerArg = z.enum(['own', 'gold']).optional();
export const layerDocArgs = z.object({ docId: DocIdSchema, layer: layerArg }).strict();
/** The revision an edit was made on; a stale one is refused. */
export const revisionArg = z.number().int().nonnegative().optional();
