import { PgClient } from "@effect/sql-pg"
import { startPostgres } from "@checkout-kit/test-postgres"
import { Effect, Layer, Redacted } from "effect"
import * as PgDocuments from "../src/store/PgDocuments.ts"
import { documentSuite } from "./support/documentSuite.ts"

// A fresh database of a throwaway cluster, disposed with the layer.
const database = Effect.acquireRelease(Effect.promise(startPostgres), (postgres) => Effect.promise(() => postgres.dispose())).pipe(
  Effect.flatMap((postgres) => Effect.promise(() => postgres.createDatabase("documents")))
)

documentSuite(
  "PostgreSQL",
  Layer.unwrap(Effect.map(database, (url) => PgDocuments.layerPg.pipe(Layer.provide(PgClient.layer({ url: Redacted.make(url) }))))),
  { liveClock: true }
)
