import { afterAll } from "@effect/vitest"
import { startPostgres, type TestPostgres } from "@checkout-kit/test-postgres"
import { paymentResourcesSuite } from "./support/paymentResourcesSuite.ts"
import { startServer } from "./support/server.ts"

// The same suite on the PostgreSQL store, in a throwaway cluster.
let postgres: TestPostgres | undefined
afterAll(() => postgres?.dispose())

paymentResourcesSuite(async (options) => {
  postgres = await startPostgres()
  return startServer({ ...options, store: { kind: "postgres", url: await postgres.createDatabase("resources") } })
})
