import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Says once which tests skip when ../shared (corpus, fixtures) is not beside the repository.
    globalSetup: ['test/setup/shared-data.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
