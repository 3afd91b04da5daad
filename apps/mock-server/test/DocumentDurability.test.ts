import { afterAll, assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { spawn } from "node:child_process"
import { once } from "node:events"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { DocumentStore } from "../src/store/DocumentStore.ts"
import * as SqliteDocuments from "../src/store/SqliteDocuments.ts"

const writer = new URL("./support/documentWriter.ts", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "checkout-mock-document-durability-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("the SQLite document store", () => {
  it("every acknowledged write, and every acknowledged transaction whole, survives a kill -9", async () => {
    const db = join(dir, "documents.db")
    const child = spawn(process.execPath, [writer, db], { stdio: ["ignore", "pipe", "inherit"] })
    const exited = once(child, "exit")
    const inserted = new Map<string, string>()
    const refunds = new Map<string, { readonly transaction: string; readonly version: number }>()
    const killAfter = 400
    for await (const line of createInterface({ input: child.stdout })) {
      const [what, id, ...rest] = line.split(" ")
      if (what === "insert") inserted.set(id, rest.join(" "))
      else refunds.set(id, { transaction: rest[0], version: Number(rest[1]) })
      if (inserted.size + refunds.size === killAfter) child.kill("SIGKILL")
    }
    const [, signal] = await exited
    assert.strictEqual(signal, "SIGKILL")
    assert.isAtLeast(inserted.size + refunds.size, killAfter)
    assert.isAbove(refunds.size, 0)

    await Effect.runPromise(
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        for (const [id, body] of inserted) {
          const stored = yield* documents.get("default", "transaction", id)
          assert.isDefined(stored, id)
          // Inserted, and refunded or not: never half a refund.
          const refund = yield* documents.list({ merchantAccountId: "default", kind: "refund", parentId: id, limit: 2 })
          if (refund.items.length === 0) {
            assert.deepStrictEqual([stored!.body, stored!.version], [body, 1], id)
          } else {
            assert.deepStrictEqual([stored!.body, stored!.version], [body.replace("\"refunded\":0", "\"refunded\":1"), 2], id)
          }
        }
        for (const [id, { transaction, version }] of refunds) {
          assert.strictEqual((yield* documents.get("default", "refund", id))?.parentId, transaction)
          assert.strictEqual((yield* documents.get("default", "transaction", transaction))?.version, version)
        }
      }).pipe(Effect.provide(SqliteDocuments.layerSqlite(db)))
    )
  })
})
