import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          environment: 'node',
          include: [
            'test/core/**/*.test.ts',
            'test/cli/**/*.test.ts',
            'test/lint/**/*.test.ts',
            'test/lookup/**/*.test.ts',
            'test/fuzz/**/*.test.ts',
            'test/mime/**/*.test.ts',
          ],
        },
      },
      {
        plugins: [WxtVitest()],
        esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
        test: {
          name: 'ext',
          environment: 'happy-dom',
          include: [
            'test/ui/**/*.test.{ts,tsx}',
            'test/background/**/*.test.ts',
            'test/webmail/**/*.test.ts',
            'test/fuzz/**/*.test.tsx',
            'test/security/**/*.test.ts',
          ],
        },
      },
    ],
  },
});
