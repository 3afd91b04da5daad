import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "@effect/vitest"
import { coreSuite } from "./support/coreSuite.ts"
import { startServer } from "./support/server.ts"

// The same suite on the SQLite store, in a fresh database file.
const dir = mkdtempSync(join(tmpdir(), "checkout-mock-sqlite-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

coreSuite(() => startServer({ store: { kind: "sqlite", path: join(dir, "sessions.db") } }))
