import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at a time even on a 2-core machine (the default would be one): the end-to-end files spend
    // most of their time waiting for blocks and sessions, not computing.
    maxWorkers: 2,
  },
})
