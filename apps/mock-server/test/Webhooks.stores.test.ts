import { startPostgres, type TestPostgres } from "@checkout-kit/test-postgres"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Receiver, startReceiver, watchAttempts } from "./support/receiver.ts"
import { call, startServer } from "./support/server.ts"

// Webhook deliveries are documents of the store: they outlive a restart on SQLite, and replicas on one PostgreSQL
// database deliver each event once. The tests wait on the receiver's arrivals and on the servers' own account of
// each attempt (the `webhook` events of `/_mock/events`), never on time.
const secrets = ["store-secret"]
const account = "wh-stores"
const headers = { "x-gr4vy-merchant-account-id": account }
const newBuyer = async (url: string, name: string) =>
  (await call(url, "POST", "/buyers", { headers, body: { display_name: name } })).body.id as string

let receiver: Receiver
const dir = mkdtempSync(join(tmpdir(), "checkout-mock-webhooks-"))
let postgres: TestPostgres | undefined
beforeAll(async () => {
  receiver = await startReceiver(secrets)
})
afterAll(async () => {
  await receiver.close()
  await postgres?.dispose()
  rmSync(dir, { recursive: true, force: true })
})

describe("webhooks on SQLite", () => {
  it("a pending delivery survives a restart and is delivered, with its webhook id, when it comes due", async () => {
    const options = {
      store: { kind: "sqlite" as const, path: join(dir, "sessions.db") },
      webhooks: { urls: [`${receiver.url}/sqlite`], secrets }
    }
    const first = await startServer(options)
    let id: string
    let webhookId: string
    try {
      // Held an hour of the account's clock: pending when the server stops.
      await call(first.url, "POST", "/_mock/webhooks/hooks", { body: { action: "delay", seconds: 3600 } })
      id = await newBuyer(first.url, "Patient")
      const [pending] = (await call(first.url, "GET", "/_mock/webhooks/deliveries")).body.items
      assert.strictEqual(pending.status, "pending")
      assert.deepStrictEqual(pending.attempts, [])
      webhookId = pending.id
    } finally {
      await first.close()
    }
    const before = receiver.arrivals.length
    const second = await startServer(options)
    try {
      const [kept] = (await call(second.url, "GET", "/_mock/webhooks/deliveries")).body.items
      assert.strictEqual(kept.id, webhookId)
      assert.strictEqual(kept.status, "pending")
      await call(second.url, "POST", "/_mock/clock", { headers, body: { advance_seconds: 3600 } })
      const [arrival] = (await receiver.arrived(before + 1)).slice(before)
      assert.strictEqual(arrival.id, webhookId)
      assert.strictEqual(arrival.payload.target.id, id)
      assert.deepStrictEqual(arrival.verifiedBy, secrets)
    } finally {
      await second.close()
    }
  })
})

describe("webhooks on PostgreSQL, two replicas", () => {
  it("each event is delivered by one replica only, its retry too, though both wake for it", async () => {
    postgres = await startPostgres()
    const database = await postgres.createDatabase("webhooks")
    const options = { store: { kind: "postgres" as const, url: database }, webhooks: { urls: [`${receiver.url}/pg`], secrets } }
    const a = await startServer(options)
    const b = await startServer(options)
    const watch = await watchAttempts([a.url, b.url])
    try {
      const count = 6
      const before = receiver.arrivals.length
      // Every first attempt answered 500: all pending, due again after the first retry delay.
      receiver.answerNext(...Array.from({ length: count }, () => 500))
      for (let i = 0; i < count; i++) await newBuyer(i % 2 === 0 ? a.url : b.url, `Replica ${i}`)
      await watch.recorded(count)
      // The clock (shared on PostgreSQL) moved through both: both replicas wake to the same due deliveries.
      await Promise.all([
        call(a.url, "POST", "/_mock/clock", { headers, body: { advance_seconds: 60 } }),
        call(b.url, "POST", "/_mock/clock", { headers, body: { advance_seconds: 60 } })
      ])
      await watch.recorded(count, (event) => event.status === "delivered")
      const arrivals = receiver.arrivals.slice(before)
      assert.lengthOf(arrivals, count * 2)
      const perId = new Map<string, number>()
      for (const arrival of arrivals) perId.set(arrival.id, (perId.get(arrival.id) ?? 0) + 1)
      assert.strictEqual(perId.size, count)
      for (const n of perId.values()) assert.strictEqual(n, 2)
      assert.lengthOf(watch.events, count * 2)
      const deliveries = (await call(b.url, "GET", "/_mock/webhooks/deliveries")).body.items
      assert.lengthOf(deliveries, count)
      for (const delivery of deliveries) {
        assert.strictEqual(delivery.status, "delivered")
        assert.deepStrictEqual(delivery.attempts.map((attempt: any) => attempt.status_code), [500, 200])
      }
    } finally {
      watch.close()
      await a.close()
      await b.close()
    }
  })
})
