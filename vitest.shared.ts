import { defineConfig } from "vitest/config"

// Settings every package's vitest.config.ts merges.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: [new URL("./vitest.setup.ts", import.meta.url).pathname],
    sequence: { concurrent: false },
    // Suites start real servers and processes; on a 2-core machine running several suites, 5 s is too tight.
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
