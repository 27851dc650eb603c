import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds dist/ once, so child-process tests (bin/oedr.js, built writers) never run stale code.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
