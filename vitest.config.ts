import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const UNIT = 'test/unit';

// A test file that mocks a module (vi.mock and its kin) needs a module graph of its own, or its
// mock would miss modules an earlier file already loaded in the same worker, and leak into later
// ones. Every other file shares its worker's modules: loading src/main again for each of ninety
// files was a third of the unit tests' CPU time.
const files = (readdirSync(UNIT, { recursive: true }) as string[]).filter((f) => f.endsWith('.test.ts')).map((f) => join(UNIT, f));
const mocking = files.filter((f) => /\bvi\.(mock|doMock|stubGlobal|stubEnv|useFakeTimers|spyOn)\(/.test(readFileSync(f, 'utf8')));

/** Child processes a file starts (the CLI, servers, writers killed on purpose): what makes a file slow. */
const STARTS = /\b(parley|parleySync|serve|startServer|spawn|spawnSync|execFile|execFileSync|fork|[a-z]+Loop)\(/g;

/**
 * The slowest files first, so that none starts last and runs alone. Vitest
 * knows each file's last duration after a run here; on a clean clone (CI) it
 * knows none and would start the largest files first, leaving the small files
 * that start servers and the CLI (the slow ones) for the end. Here the files
 * that start the most processes go first.
 */
class SlowFirst extends BaseSequencer {
  override async sort(specs: TestSpecification[]): Promise<TestSpecification[]> {
    const key = (s: TestSpecification) => `${s.project.name}:${relative(this.ctx.config.root, s.moduleId)}`;
    if (specs.every((s) => this.ctx.cache.getFileTestResults(key(s)))) return super.sort(specs);
    // Processes started, then the size of the file (Vitest's own order).
    const weight = new Map(
      specs.map((s) => {
        const text = readFileSync(s.moduleId, 'utf8');
        return [s, (text.match(STARTS)?.length ?? 0) * 1e6 + text.length];
      }),
    );
    return [...specs].sort((a, b) => (a.project.name === b.project.name ? weight.get(b)! - weight.get(a)! : a.project.name < b.project.name ? -1 : 1));
  }
}

const shared = {
  testTimeout: 120_000,
};

export default defineConfig({
  test: {
    // Many files spend most of their time waiting on child processes (the CLI, servers,
    // writers killed on purpose), so more files run at once than there are cores.
    maxWorkers: 3,
    sequence: { sequencer: SlowFirst },
    // Projects start in the order of their names: the few isolated files first, then the rest.
    projects: [
      { test: { ...shared, name: 'isolated', include: mocking } },
      { test: { ...shared, name: 'unit', include: [`${UNIT}/**/*.test.ts`], exclude: mocking, isolate: false } },
    ],
  },
});
