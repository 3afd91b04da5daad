import { defineConfig } from "vitest/config"

// Settings every package's vitest.config.ts merges.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: [new URL("./vitest.setup.ts", import.meta.url).pathname],
    sequence: { concurrent: false }
  }
})
