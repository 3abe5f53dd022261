import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    // Bundle tests and browser tests share dist/; `npm test` builds it once before vitest.
    fileParallelism: true,
  },
});
