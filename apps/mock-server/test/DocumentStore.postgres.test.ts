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
