import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Fixtures from "@checkout-kit/fixtures"
import { startPostgres, type TestPostgres } from "@checkout-kit/test-postgres"
import * as Contract from "../src/Contract.ts"
import * as Stateful from "../src/Stateful.ts"
import { makeKeyPair, startMock } from "./support.ts"

// Both runners against the mock on its PostgreSQL store (a replica of a fleet): a fresh database in a throwaway
// cluster, authentication on.
const merchant = makeKeyPair()
let postgres: TestPostgres
let mock: Awaited<ReturnType<typeof startMock>>

beforeAll(async () => {
  postgres = await startPostgres()
  const url = await postgres.createDatabase("runners")
  mock = await startMock({ auth: { kind: "jwt", publicKeys: [merchant.publicKeyPem] }, store: { kind: "postgres", url } })
})
afterAll(async () => {
  await mock?.close()
  await postgres?.dispose()
})

describe("the runners against a mock on PostgreSQL", () => {
  it("the contract runner: 200 valid and 200 invalid bodies, unknown and expired sessions, the payments resources and transactions", async () => {
    const report = await Contract.run({
      server: mock.url,
      runs: 200,
      seed: 21,
      privateKey: merchant.privateKeyPem,
      generators: { valid: Fixtures.checkoutSessionUpdate, invalid: Fixtures.invalidOf.CheckoutSessionUpdate }
    })
    assert.deepStrictEqual(report.mismatches, [])
    assert.deepStrictEqual(report.checks.map((c) => [c.name, c.passed, c.failed]), [
      ["valid bodies are accepted and read back", 200, 0],
      ["invalid bodies are rejected with the pointer", 200, 0],
      ["unknown session ids answer 404", 3, 0],
      ["valid buyers are created, read, updated and deleted", 50, 0],
      ["valid cards are stored, read, updated and deleted", 50, 0],
      ["invalid buyer bodies are rejected with the pointer", 50, 0],
      ["invalid card bodies are rejected with the pointer", 50, 0],
      ["unknown buyer and payment method ids answer 404", 6, 0],
      ["lists walked page by page neither repeat nor skip", 1, 0],
      ["valid payment services are created, read, renamed, listed and deleted", 50, 0],
      ["valid merchant accounts are created, read, renamed and listed; a taken id is a 409", 5, 0],
      ["invalid payment-service and merchant-account bodies are rejected with the pointer", 50, 0],
      ["unknown payment service and merchant account ids answer 404", 5, 0],
      ["transactions are created from each payment-method form, read, listed and kept from other accounts", 20, 0],
      ["transactions are captured, refunded and voided, their amounts in step", 20, 0],
      ["invalid transaction, capture and refund bodies are rejected with the pointer", 50, 0],
      ["unknown transaction and refund ids answer 404", 8, 0],
      ["expired sessions answer 404", 1, 0]
    ])
  })

  it("the stateful runner: 100 sequences agree with the model", async () => {
    const report = await Stateful.check({
      baseUrl: mock.url,
      privateKey: merchant.privateKeyPem,
      runs: 100,
      seed: 22,
      referenceDay: "2026-12-01"
    })
    assert.isTrue(report.passed, Stateful.summary(report))
    assert.strictEqual(report.sequences, 100)
    assert.isTrue(report.payments)
    assert.isTrue(report.services)
    assert.isTrue(report.transactions)
  })
})
