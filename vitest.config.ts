import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 120_000,
    // Many files spend most of their time waiting on child processes (the CLI, servers,
    // writers killed on purpose), so more files run at once than there are cores.
    maxWorkers: 3,
  },
});
