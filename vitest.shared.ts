import { defineConfig } from "vitest/config"

// Settings every package's vitest.config.ts merges.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: [new URL("./vitest.setup.ts", import.meta.url).pathname],
    sequence: { concurrent: false },
    // Hang guards only, never pass criteria: a test's size is set by its work, and the slowest (a fuzz run, a
    // child process's heap load) takes well under a minute on a loaded 2-core machine. A test that hangs fails here.
    testTimeout: 300_000,
    hookTimeout: 300_000
  }
})
