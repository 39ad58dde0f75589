/** The `network.*` methods: the stance and agreement network, two networks compared, and its files. */
import { z } from 'zod';
import { AnnotatorNameSchema } from '../model';
import { NETWORK_FORMATS, NetworkFilterSchema, type Network, type NetworkComparison } from '../network';
import { method } from './method';

export const NetworkExportSchema = z
  .object({
    format: z.enum(NETWORK_FORMATS),
    /** A file (GraphML, GEXF, JSON) or, for CSV, a folder that receives nodes.csv and edges.csv. */
    out: z.string().min(1).max(4096),
    filter: NetworkFilterSchema.optional(),
  })
  .strict();
export type NetworkExport = z.infer<typeof NetworkExportSchema>;

export interface NetworkExportResult {
  files: string[];
  nodes: number;
  edges: number;
  counted: number;
  incomplete: number;
}

export const networkContract = {
  'network.build': method<Network>()(z.object({ filter: NetworkFilterSchema.optional() }).strict()),
  'network.compare': method<NetworkComparison & { left: string; right: string }>()(
    z.object({ left: AnnotatorNameSchema, right: AnnotatorNameSchema, filter: NetworkFilterSchema.optional() }).strict(),
  ),
  'network.export': method<NetworkExportResult>()(NetworkExportSchema),
} as const;
