// Two test projects: `unit` (plain Node) and `gpu` (real WGSL through Dawn, the npm package `webgpu`,
// on whatever Vulkan adapter exists: SwiftShader on CI). GPU tests are named *.gpu.test.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.gpu.test.ts', 'node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'gpu',
          include: ['src/**/*.gpu.test.ts', 'test/**/*.gpu.test.ts'],
          environment: 'node',
          // SwiftShader is slow and Dawn holds one Vulkan instance per process: run GPU files one at a time.
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
