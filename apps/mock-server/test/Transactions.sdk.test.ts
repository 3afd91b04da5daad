import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe } from "@effect/vitest"
import { startServer } from "./support/server.ts"
import { transactionsSdkSuite } from "./support/transactionsSdkSuite.ts"

// Transactions through the official SDK, on the memory store and on SQLite files (whose bytes are searched for
// card data).
describe("memory store", () => transactionsSdkSuite(startServer))

describe("SQLite store", () => {
  const dir = mkdtempSync(join(tmpdir(), "transactions-sdk-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  transactionsSdkSuite(
    (options) => startServer({ ...options, store: { kind: "sqlite", path: join(dir, "sessions.db") } }),
    () => readdirSync(dir).map((file) => readFileSync(join(dir, file)).toString("latin1")).join("\n")
  )
})
