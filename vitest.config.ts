import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.{ts,tsx}', 'testdata/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
