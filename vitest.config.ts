import { defineConfig } from 'vitest/config';

// `npm test` runs both projects: fast unit tests of shared/, then the integration tests that
// drive a real Strapi on temporary databases and the real Astro build.
export default defineConfig({
  test: {
    projects: ['shared', 'tests'],
  },
});
