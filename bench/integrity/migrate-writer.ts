/**
 * A writer for the migration kill test: opens a workspace (finishing
 * whatever an earlier kill left), says `start`, runs one schema migration
 * given as JSON, and says `done`.
 *
 * node --import tsx bench/integrity/migrate-writer.ts WORKSPACE 'OP-JSON'
 */
import { MigrationOpSchema } from '../../src/core/migrations';
import { runSchemaMigration } from '../../src/main/schemes/migrate';
import { Workspace } from '../../src/main/workspace';

const [dir, opJson] = process.argv.slice(2);
const op = MigrationOpSchema.parse(JSON.parse(opJson));
const ws = await Workspace.open(dir);
process.stdout.write('start\n');
await runSchemaMigration(ws, op, 'lead');
process.stdout.write('done\n');
ws.close();
