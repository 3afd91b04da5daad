import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "@effect/vitest"
import { paymentResourcesSuite } from "./support/paymentResourcesSuite.ts"
import { startServer } from "./support/server.ts"

// The same suite on the SQLite store, in a fresh database file.
const dir = mkdtempSync(join(tmpdir(), "checkout-mock-resources-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

paymentResourcesSuite((options) => startServer({ ...options, store: { kind: "sqlite", path: join(dir, "sessions.db") } }))
