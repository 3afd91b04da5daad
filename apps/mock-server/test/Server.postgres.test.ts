import { afterAll } from "@effect/vitest"
import { coreSuite } from "./support/coreSuite.ts"
import { startPostgres, type TestPostgres } from "@checkout-kit/test-postgres"
import { startServer } from "./support/server.ts"

// The same suite on the PostgreSQL store, in a fresh database of a throwaway cluster.
let postgres: TestPostgres | undefined
afterAll(() => postgres?.dispose())

coreSuite(async () => {
  postgres = await startPostgres()
  return startServer({ store: { kind: "postgres", url: await postgres.createDatabase("suite") } })
})
