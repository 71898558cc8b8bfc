import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'integration',
    include: ['integration/**/*.test.ts'],
    globalSetup: ['./setup/portal.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Each file may start its own CMS; two at a time is what two cores take.
    maxWorkers: 2,
  },
});
