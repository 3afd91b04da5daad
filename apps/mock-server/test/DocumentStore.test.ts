import { afterAll } from "@effect/vitest"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { DocumentStore } from "../src/store/DocumentStore.ts"
import * as SqliteDocuments from "../src/store/SqliteDocuments.ts"
import { documentSuite } from "./support/documentSuite.ts"

const dir = mkdtempSync(join(tmpdir(), "checkout-mock-documents-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

documentSuite("memory", DocumentStore.layerMemory)
documentSuite("SQLite", SqliteDocuments.layerSqlite(join(dir, "documents.db")))
