/** The workspace: one concept a file (see each); this is what the rest of main imports. */
export { Workspace, type LayerView, type OpenOptions } from './workspace';
export { BulkChange } from './bulkChange';
export { checkRevision } from './revision';
export { entryOf, makeDocument, sha256 } from './documents';
export { readSeeds } from './seeds';
export { ENTITIES_FILE, INDEX_FILE, INDEX_JOURNAL, isWorkspaceFolder, LEGACY_FILE, SCHEMA_FILE } from './layout';
export { checkAnalystName, identityPath, readIdentity, writeIdentity } from './identity';
