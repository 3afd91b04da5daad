import { afterAll } from "@effect/vitest"
import { startPostgres, type TestPostgres } from "@checkout-kit/test-postgres"
import { startServer } from "./support/server.ts"
import { vaultSdkSuite } from "./support/vaultSdkSuite.ts"

// Buyers and the vault through the official SDK on a replica on PostgreSQL, in a fresh database of a throwaway
// cluster.
let postgres: TestPostgres | undefined
afterAll(() => postgres?.dispose())

vaultSdkSuite(async (options) => {
  postgres = await startPostgres()
  return startServer({ ...options, store: { kind: "postgres", url: await postgres.createDatabase("vault") } })
})
