import { afterAll } from "@effect/vitest"
import { startPostgres, type TestPostgres } from "@checkout-kit/test-postgres"
import { sdkSuite } from "./support/sdkSuite.ts"
import { startServer } from "./support/server.ts"

// The official SDK against a replica on PostgreSQL, in a fresh database of a throwaway cluster.
let postgres: TestPostgres | undefined
afterAll(() => postgres?.dispose())

sdkSuite(async (options) => {
  postgres = await startPostgres()
  return startServer({ ...options, store: { kind: "postgres", url: await postgres.createDatabase("sdk") } })
})
