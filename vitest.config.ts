import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Generous: CI boxes have 2 cores shared by Java, s3rver, Chromium and the workers.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // 2 cores on the CI machines; the emulators run beside the workers.
    maxWorkers: 2,
    // DynamoDB Local and s3rver start once per run; each file gets its own table and bucket.
    globalSetup: ['tests/support/global-setup.ts'],
  },
});
