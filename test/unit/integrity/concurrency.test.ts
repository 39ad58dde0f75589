import { describe, expect, it } from 'vitest';
import { concurrency } from '../../../bench/integrity/concurrency';

// The short race; `npm run bench:concurrency` runs 300 documents, three rounds, three imports and three CLI imports.
describe('everything that writes a workspace at once, against one server', { timeout: 300_000 }, () => {
  it('keeps every acknowledged edit and imported document, and the CLI writes nothing around the server', async () => {
    const figures = await concurrency({ documents: 260, rounds: 1, imports: 1, cliImports: 1, seed: 5 });
    expect(figures.acknowledged_edits).toBeGreaterThanOrEqual(400);
    expect(figures).toMatchObject({
      import_jobs: 1,
      acknowledged_edits_lost: 0,
      imported_documents_missing: 0,
      refused_imports_partly_written: 0,
      cli_imports: 1,
      cli_imports_refused_naming_server: 1,
      cli_imports_written_around_server: 0,
    });
  });
});
