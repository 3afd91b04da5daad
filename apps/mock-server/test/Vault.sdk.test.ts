import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe } from "@effect/vitest"
import { startServer } from "./support/server.ts"
import { vaultSdkSuite } from "./support/vaultSdkSuite.ts"

// Buyers and the vault through the official SDK, on the memory store and on SQLite files.
describe("memory store", () => vaultSdkSuite(startServer))

describe("SQLite store", () => {
  const dir = mkdtempSync(join(tmpdir(), "vault-sdk-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  vaultSdkSuite((options) => startServer({ ...options, store: { kind: "sqlite", path: join(dir, "sessions.db") } }))
})
