import { defineConfig, mergeConfig } from "vitest/config"
import shared from "../../vitest.shared.ts"

// The README's examples run with the tests, as a user's tests would run them: against the mock server's executable.
export default mergeConfig(
  { ...shared, test: { ...shared.test, include: ["test/**/*.test.ts", "examples/**/*.test.ts"] } },
  defineConfig({ test: { name: "client" } })
)
