import { startPostgres } from "@checkout-kit/test-postgres"
import { assert, describe, layer } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import { createHmac } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { ApiError } from "../src/ApiError.ts"
import { CheckoutSessions, FingerprintSecret } from "../src/CheckoutSessions.ts"
import { MockClock } from "../src/MockClock.ts"
import * as PgStore from "../src/PgStore.ts"
import { SessionStore } from "../src/SessionStore.ts"
import * as SqliteStore from "../src/SqliteStore.ts"
import { DocumentStore } from "../src/store/DocumentStore.ts"
import { StoreHealth } from "../src/StoreHealth.ts"

// The sessions service in-process over each of the three stores, under the TestClock: time is an input, pinned
// to a date of its own and moved only by the tests, so expiries are asserted to the millisecond. The HTTP suites
// cover the same calls over the wire; CheckoutSessions.test.ts the clocks' moves on the memory store.

const secret = "service-test-secret"

// Each store with its mock clock: the memory store and SQLite keep the clock in the process, PostgreSQL in the
// database (`mock_clock`). SQLite on a temp file; PostgreSQL on a throwaway cluster, started with its layer.
const stores: ReadonlyArray<readonly [string, Layer.Layer<SessionStore | MockClock, unknown>]> = [
  ["memory", Layer.mergeAll(MockClock.layer, SessionStore.layerMemory)],
  [
    "sqlite",
    Layer.mergeAll(
      MockClock.layer,
      Layer.unwrap(
        Effect.acquireRelease(
          Effect.sync(() => mkdtempSync(join(tmpdir(), "checkout-mock-service-"))),
          (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
        ).pipe(Effect.map((dir) => SqliteStore.layer(join(dir, "sessions.db"))))
      )
    )
  ],
  [
    "postgres",
    Layer.unwrap(
      Effect.acquireRelease(Effect.promise(() => startPostgres()), (postgres) => Effect.promise(() => postgres.dispose())).pipe(
        Effect.flatMap((postgres) => Effect.promise(() => postgres.createDatabase("service"))),
        Effect.map((url) => PgStore.layer({ url, poolSize: 2 }).pipe(Layer.provide(StoreHealth.layer)))
      )
    )
  ]
]

// 2026-01-15T10:00:00Z: each test starts there, in merchant accounts of its own.
const pinned = Date.UTC(2026, 0, 15, 10)
const at = (millis: number) => new Date(millis).toISOString()
let accounts = 0
const start = Effect.gen(function*() {
  yield* TestClock.setTime(pinned)
  const n = ++accounts
  return { merchant: `merchant-${n}`, other: `other-${n}` }
})

// Each test on a TestClock of its own. The stores are built on the real clock (`excludeTestServices`): the
// PostgreSQL client's own timers (connecting, the pool) must not wait on a clock that only the tests move.
const onTestClock = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, TestClock.layer())

const parse = (wire: string) => JSON.parse(wire) as Record<string, any>
const idOf = (wire: string) => parse(wire).id as string
const statusOf = <A>(effect: Effect.Effect<A, ApiError>) => Effect.map(Effect.flip(effect), (e) => e.status)

// A standard test card (never a real one) and a card expiry that has not lapsed at `pinned`.
const testCard = { method: "card", number: "4111111111111111", expiration_date: "12/30", security_code: "123" }

for (const [storeName, store] of stores) {
  describe(`CheckoutSessions on the ${storeName} store`, () => {
    layer(
      CheckoutSessions.layerNoDeps.pipe(
        Layer.provideMerge(store),
        // Secure fields read stored cards from the vault's documents; these tests name none.
        Layer.provide(DocumentStore.layerMemory),
        Layer.provide(Layer.succeed(FingerprintSecret, secret))
      ),
      { timeout: "60 seconds", excludeTestServices: true }
    )((it) => {
      it.effect("create answers the session, expiring expires_in seconds from now; get answers it as stored", () =>
        onTestClock(Effect.gen(function*() {
          const { merchant } = yield* start
          const sessions = yield* CheckoutSessions
          const created = yield* sessions.create(merchant, {
            metadata: { order: "42" },
            amount: 1299,
            currency: "USD",
            expires_in: 7200
          })
          const session = parse(created)
          assert.match(session.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
          assert.deepStrictEqual(
            { type: session.type, expires_at: session.expires_at, metadata: session.metadata, amount: session.amount, currency: session.currency },
            { type: "checkout-session", expires_at: at(pinned + 7_200_000), metadata: { order: "42" }, amount: 1299, currency: "USD" }
          )
          assert.strictEqual(yield* sessions.get(merchant, session.id), created)
          // An id is found whatever its case.
          assert.strictEqual(yield* sessions.get(merchant, session.id.toUpperCase()), created)
          assert.strictEqual(yield* statusOf(sessions.create(merchant, { expires_in: 60 })), 400)
        })))

      it.effect("update replaces the fields it names, clears those sent as null, keeps the others and expires_at", () =>
        onTestClock(Effect.gen(function*() {
          const { merchant } = yield* start
          const sessions = yield* CheckoutSessions
          const id = idOf(yield* sessions.create(merchant, { metadata: { order: "42" }, amount: 1299, currency: "USD" }))
          yield* TestClock.adjust("10 minutes")
          const updated = yield* sessions.update(merchant, id, { metadata: { order: "43" }, amount: null })
          const session = parse(updated)
          assert.deepStrictEqual(session.metadata, { order: "43" })
          assert.isFalse(Object.hasOwn(session, "amount"))
          assert.strictEqual(session.currency, "USD")
          assert.strictEqual(session.expires_at, at(pinned + 3_600_000))
          assert.strictEqual(yield* sessions.get(merchant, id), updated)
          // expires_in moves expires_at to the update's time plus expires_in.
          assert.strictEqual(parse(yield* sessions.update(merchant, id, { expires_in: 3600 })).expires_at, at(pinned + 600_000 + 3_600_000))
          // A bad body changes nothing.
          assert.strictEqual(yield* statusOf(sessions.update(merchant, id, { amount: "twelve" })), 400)
          assert.strictEqual(parse(yield* sessions.get(merchant, id)).currency, "USD")
        })))

      it.effect("delete removes the session: it is not found, nor deleted twice", () =>
        onTestClock(Effect.gen(function*() {
          const { merchant } = yield* start
          const sessions = yield* CheckoutSessions
          const id = idOf(yield* sessions.create(merchant, undefined))
          yield* sessions.remove(merchant, id)
          assert.strictEqual(yield* statusOf(sessions.get(merchant, id)), 404)
          assert.strictEqual(yield* statusOf(sessions.update(merchant, id, { amount: 1 })), 404)
          assert.strictEqual(yield* statusOf(sessions.remove(merchant, id)), 404)
        })))

      it.effect("a session lives until expires_at exactly: a millisecond before it answers, at it is gone", () =>
        onTestClock(Effect.gen(function*() {
          const { merchant } = yield* start
          const sessions = yield* CheckoutSessions
          const created = yield* sessions.create(merchant, { expires_in: 3600 })
          const id = idOf(created)
          assert.strictEqual(parse(created).expires_at, at(pinned + 3_600_000))
          yield* TestClock.adjust("3599999 millis")
          assert.strictEqual(yield* sessions.get(merchant, id), created)
          yield* TestClock.adjust("1 millis")
          assert.strictEqual(yield* statusOf(sessions.get(merchant, id)), 404)
          assert.strictEqual(yield* statusOf(sessions.update(merchant, id, { amount: 1 })), 404)
          assert.strictEqual(yield* statusOf(sessions.remove(merchant, id)), 404)
          assert.strictEqual(yield* statusOf(sessions.updateFields(undefined, id, { payment_method: testCard })), 404)
        })))

      it.effect("another merchant account neither reads, updates, deletes nor attaches a card to the session", () =>
        onTestClock(Effect.gen(function*() {
          const { merchant, other } = yield* start
          const sessions = yield* CheckoutSessions
          const created = yield* sessions.create(merchant, { metadata: { order: "42" } })
          const id = idOf(created)
          assert.strictEqual(yield* statusOf(sessions.get(other, id)), 404)
          assert.strictEqual(yield* statusOf(sessions.update(other, id, { metadata: null })), 404)
          assert.strictEqual(yield* statusOf(sessions.remove(other, id)), 404)
          assert.strictEqual(yield* statusOf(sessions.updateFields(other, id, { payment_method: testCard })), 404)
          assert.strictEqual(yield* statusOf(sessions.cardDetails(other, id, { bin: "411111" })), 404)
          // Untouched in its own account.
          assert.strictEqual(yield* sessions.get(merchant, id), created)
        })))

      it.effect("updateFields keeps what a test card's number derives, its fingerprint, never the number or code", () =>
        onTestClock(Effect.gen(function*() {
          const { merchant, other } = yield* start
          const sessions = yield* CheckoutSessions
          const id = idOf(yield* sessions.create(merchant, { metadata: { order: "42" } }))
          // The browser-facing call finds the session by its id alone, and answers its account.
          assert.strictEqual(yield* sessions.updateFields(undefined, id, { payment_method: testCard }), merchant)
          const stored = yield* sessions.get(merchant, id)
          assert.notInclude(stored, testCard.number)
          assert.notInclude(stored, "security_code")
          const fingerprint = createHmac("sha256", secret).update(testCard.number).digest("hex")
          assert.deepStrictEqual(parse(stored).payment_method, {
            type: "payment-method",
            method: "card",
            scheme: "visa",
            label: "1111",
            details: { bin: "411111", card_type: "credit" },
            fingerprint
          })
          assert.deepStrictEqual(parse(stored).metadata, { order: "42" })
          // The same card in another account: the same fingerprint.
          const theirs = idOf(yield* sessions.create(other, undefined))
          assert.strictEqual(yield* sessions.updateFields(other, theirs, { payment_method: testCard }), other)
          assert.strictEqual(parse(yield* sessions.get(other, theirs)).payment_method.fingerprint, fingerprint)
          // A number failing Luhn is refused, and the session keeps its card.
          const refused = yield* Effect.flip(
            sessions.updateFields(merchant, id, { payment_method: { ...testCard, number: "4111111111111112" } })
          )
          assert.strictEqual(refused.status, 400)
          assert.notInclude(JSON.stringify(refused), "4111111111111112")
          assert.strictEqual(yield* sessions.get(merchant, id), stored)
        })))

      it.effect("a card is valid through its expiry month, by the session's clock", () =>
        onTestClock(Effect.gen(function*() {
          const { merchant } = yield* start
          const sessions = yield* CheckoutSessions
          const card = { ...testCard, expiration_date: "01/26" }
          yield* TestClock.setTime(Date.UTC(2026, 1, 1) - 1)
          const id = idOf(yield* sessions.create(merchant, undefined))
          assert.strictEqual(yield* sessions.updateFields(merchant, id, { payment_method: card }), merchant)
          yield* TestClock.adjust("1 millis")
          const expired = yield* Effect.flip(sessions.updateFields(merchant, id, { payment_method: card }))
          assert.strictEqual(expired.status, 400)
          assert.include(JSON.stringify(expired), "card_expired")
        })))
    })
  })
}
