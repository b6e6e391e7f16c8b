import { defineConfig } from 'vitest/config';

// Generous: CI boxes have 2 cores shared by Java, s3rver, Chromium and the workers.
const timeouts = { testTimeout: 120_000, hookTimeout: 180_000 };

export default defineConfig({
  test: {
    // 2 cores on the CI machines; the emulators run beside the workers.
    maxWorkers: 2,
    projects: [
      // Pure tests: no emulators, so `npm run test:unit` runs on a machine without Java.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], ...timeouts } },
      {
        test: {
          name: 'aws',
          include: ['tests/{integration,infra,e2e}/**/*.test.ts'],
          ...timeouts,
          // DynamoDB Local and s3rver start once per run; each file gets its own table and bucket.
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
    ],
  },
});
