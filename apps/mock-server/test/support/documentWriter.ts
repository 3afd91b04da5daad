// A child process for the durability test: writes documents to the SQLite store at argv[2] from 8 fibers, and prints
// one line per write once it is committed (`insert <id> <body>`, `refund <id> <transaction id> <version>`), until it
// is killed.
import { Effect } from "effect"
import { DocumentStore } from "../../src/store/DocumentStore.ts"
import * as SqliteDocuments from "../../src/store/SqliteDocuments.ts"

const acknowledge = (line: string) => Effect.sync(() => process.stdout.write(`${line}\n`))

const worker = (w: number) =>
  Effect.gen(function*() {
    const documents = yield* DocumentStore
    for (let n = 0;; n++) {
      const id = `t-${w}-${n}`
      const body = JSON.stringify({ type: "transaction", id, amount: n, refunded: 0 })
      yield* documents.insert({ merchantAccountId: "default", kind: "transaction", id, createdAt: n, body })
      yield* acknowledge(`insert ${id} ${body}`)
      // A refund and its transaction's update, in one transaction.
      const refund = `r-${w}-${n}`
      const updated = yield* documents.transact(
        Effect.andThen(
          documents.insert({ merchantAccountId: "default", kind: "refund", id: refund, parentId: id, createdAt: n, body: "{}" }),
          documents.update("default", "transaction", id, 1, (current) =>
            Effect.succeed({ ...current, body: current.body.replace("\"refunded\":0", "\"refunded\":1"), updatedAt: n + 1 }))
        )
      )
      yield* acknowledge(`refund ${refund} ${id} ${updated.version}`)
    }
  })

Effect.runFork(
  Effect.forEach([0, 1, 2, 3, 4, 5, 6, 7], worker, { concurrency: "unbounded" }).pipe(
    Effect.provide(SqliteDocuments.layerSqlite(process.argv[2]))
  )
)
