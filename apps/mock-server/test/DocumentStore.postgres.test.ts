import { assert, describe, it } from "@effect/vitest"
import { PgClient } from "@effect/sql-pg"
import { startPostgres } from "@checkout-kit/test-postgres"
import { Context, Effect, Exit, Layer, Redacted } from "effect"
import { DocumentStore } from "../src/store/DocumentStore.ts"
import * as PgDocuments from "../src/store/PgDocuments.ts"
import { StoreHealth } from "../src/StoreHealth.ts"
import { documentSuite } from "./support/documentSuite.ts"

// A throwaway cluster, disposed with the scope.
const cluster = Effect.acquireRelease(Effect.promise(startPostgres), (postgres) => Effect.promise(() => postgres.dispose()))
const store = (url: string) => PgDocuments.layerPg.pipe(Layer.provide(PgClient.layer({ url: Redacted.make(url) })))

documentSuite(
  "PostgreSQL",
  Layer.unwrap(Effect.map(Effect.flatMap(cluster, (postgres) => Effect.promise(() => postgres.createDatabase("documents"))), store)),
  { liveClock: true }
)

describe("the PostgreSQL document store, when its database stops", () => {
  it.live("an operation dies (a 500) and StoreHealth names the failure; once the database is back all works again", () =>
    Effect.gen(function*() {
      const postgres = yield* cluster
      const url = yield* Effect.promise(() => postgres.createDatabase("health"))
      const health = StoreHealth.make()
      const context = yield* Layer.build(store(url).pipe(Layer.provide(Layer.succeed(StoreHealth, health))))
      const documents = Context.get(context, DocumentStore)
      yield* documents.insert({ merchantAccountId: "default", kind: "buyer", id: "b-1", createdAt: 1, body: "{}" })
      assert.isUndefined(health.check())

      yield* Effect.promise(() => postgres.stop())
      const failed = yield* Effect.exit(documents.get("default", "buyer", "b-1"))
      assert.isTrue(Exit.hasDies(failed))
      assert.match(health.check() ?? "", /^PostgreSQL documents: /)

      yield* Effect.promise(() => postgres.start())
      assert.strictEqual((yield* documents.get("default", "buyer", "b-1"))?.id, "b-1")
      assert.isUndefined(health.check())
    }).pipe(Effect.scoped))
})

describe("several replicas on one PostgreSQL database", () => {
  it.live("start at once (one creates the table, the others wait for it) and see, and serialise, each other's writes", () =>
    Effect.gen(function*() {
      const postgres = yield* cluster
      const url = yield* Effect.promise(() => postgres.createDatabase("replicas"))
      const replicas = yield* Effect.forEach(
        [1, 2, 3],
        () => Effect.map(Layer.build(store(url)), (context) => Context.get(context, DocumentStore)),
        { concurrency: "unbounded" }
      )
      yield* replicas[0].insert({ merchantAccountId: "default", kind: "transaction", id: "t-1", createdAt: 1, body: "0" })
      // Increments through every replica at once: none is lost.
      yield* Effect.forEach(
        Array.from({ length: 30 }, (_, i) => replicas[i % 3]),
        (replica) =>
          replica.update("default", "transaction", "t-1", undefined, (current) =>
            Effect.as(Effect.yieldNow, { ...current, body: String(Number(current.body) + 1) })),
        { concurrency: "unbounded", discard: true }
      )
      for (const replica of replicas) {
        const read = yield* replica.get("default", "transaction", "t-1")
        assert.deepStrictEqual([read?.body, read?.version], ["30", 31])
      }
    }).pipe(Effect.scoped))
})
