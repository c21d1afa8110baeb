import { defineConfig } from 'vitest/config';

/** Browser tests: Playwright driving Debian's Chromium against `pillar demo`. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
