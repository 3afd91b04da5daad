import { defineConfig } from "vitest/config"
import shared from "../../vitest.shared.ts"

// The README's examples, run as a user's tests would run them (`pnpm test:examples`); not part of `pnpm test`.
// The shared settings are spread, not merged: merging would add the examples to the shared `include`, not replace it.
export default defineConfig({
  ...shared,
  test: { ...shared.test, name: "client-examples", include: ["examples/**/*.test.ts"] }
})
