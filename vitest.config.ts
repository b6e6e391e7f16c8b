import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites each start their own emulators; keep parallelism modest on 2 cores.
    maxWorkers: 2,
    globalSetup: [],
  },
});
