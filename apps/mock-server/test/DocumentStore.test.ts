import { afterAll, assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { compareCodePoints, DocumentStore } from "../src/store/DocumentStore.ts"
import { escapeText, unescapeText } from "../src/store/PgDocuments.ts"
import * as SqliteDocuments from "../src/store/SqliteDocuments.ts"
import { documentSuite } from "./support/documentSuite.ts"

const dir = mkdtempSync(join(tmpdir(), "checkout-mock-documents-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

documentSuite("memory", DocumentStore.layerMemory)
documentSuite("SQLite", SqliteDocuments.layerSqlite(join(dir, "documents.db")))

// Strings of any code points; often NUL, U+0001, and the neighbours of the surrogates in UTF-16 (U+E000 to U+FFFF sort
// below the code points past U+FFFF in UTF-8, above their surrogates in UTF-16).
const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom("\u0000", "\u0001", "\u0002", "a", "\ue000", "\uffff", "\u{10000}", "\u{1f600}"),
    fc.string({ unit: "binary", minLength: 1, maxLength: 1 })
  )
})
const sign = (n: number) => Math.sign(n)

describe("the order of ids", () => {
  it("compareCodePoints orders as the UTF-8 bytes do (SQLite's BINARY, PostgreSQL's \"C\")", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        assert.strictEqual(sign(compareCodePoints(a, b)), sign(Buffer.compare(Buffer.from(a), Buffer.from(b))), JSON.stringify([a, b]))
      })
    )
  })

  it("PostgreSQL's escape of NUL is undone exactly, leaves no NUL and keeps the order", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        assert.strictEqual(unescapeText(escapeText(a)), a)
        assert.notInclude(escapeText(a), "\u0000")
        assert.strictEqual(sign(compareCodePoints(escapeText(a), escapeText(b))), sign(compareCodePoints(a, b)))
      })
    )
  })
})
