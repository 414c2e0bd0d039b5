import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Says once which tests skip when ../shared (corpus, fixtures) is not beside the repository.
    globalSetup: ['test/setup/shared-data.ts'],
    // Only a hang guard: no test is judged by its time, and on a shared machine a test may take many times its usual time.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
