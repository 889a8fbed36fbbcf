import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/scripts/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: [
            'test/dom/**/*.test.ts',
            'test/sites/**/*.test.ts',
            'test/settings/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'props',
          environment: 'jsdom',
          include: ['test/props/**/*.test.ts'],
          testTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
