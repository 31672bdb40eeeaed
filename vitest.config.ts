import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Unit tests of the search adapters sit beside them in src/.
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
