import { afterAll } from "@effect/vitest"
import { startPostgres, type TestPostgres } from "@checkout-kit/test-postgres"
import { startServer } from "./support/server.ts"
import { transactionsSdkSuite } from "./support/transactionsSdkSuite.ts"

// Transactions through the official SDK on a replica on PostgreSQL, in a fresh database of a throwaway cluster.
let postgres: TestPostgres | undefined
afterAll(() => postgres?.dispose())

transactionsSdkSuite(async (options) => {
  postgres = await startPostgres()
  return startServer({ ...options, store: { kind: "postgres", url: await postgres.createDatabase("transactions") } })
})
