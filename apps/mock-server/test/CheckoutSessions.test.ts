import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import { CheckoutSessions, FingerprintSecret } from "../src/CheckoutSessions.ts"
import { MockClock } from "../src/MockClock.ts"
import { SessionStore } from "../src/SessionStore.ts"
import { DocumentStore } from "../src/store/DocumentStore.ts"

// The sessions service in-process, on the memory store, under the TestClock: time is an input (it starts at the
// epoch and moves only when a test says so), so expiries are asserted exactly, in any year, however slow the machine.
// The HTTP suite (coreSuite) covers the same calls' routing, status codes and bodies over the wire.
const layer = CheckoutSessions.layerNoDeps.pipe(
  Layer.provideMerge(Layer.mergeAll(MockClock.layer, SessionStore.layerMemory, DocumentStore.layerMemory)),
  Layer.provide(Layer.succeed(FingerprintSecret, "test-secret"))
)

const merchant = "default"
const expiresAt = (wire: string) => JSON.parse(wire).expires_at as string
const at = (millis: number) => new Date(millis).toISOString()

describe("CheckoutSessions, in-process under the TestClock", () => {
  it.effect("a session expires exactly expires_in seconds after its creation, and is gone from then on", () =>
    Effect.gen(function*() {
      const sessions = yield* CheckoutSessions
      yield* TestClock.adjust("10 seconds")
      const created = yield* sessions.create(merchant, { expires_in: 3600 })
      const id = JSON.parse(created).id as string
      assert.strictEqual(expiresAt(created), at(3_610_000))
      yield* TestClock.adjust("3599999 millis")
      assert.strictEqual(yield* sessions.get(merchant, id), created)
      yield* TestClock.adjust("1 millis")
      const gone = yield* Effect.flip(sessions.get(merchant, id))
      assert.strictEqual(gone.status, 404)
      assert.strictEqual((yield* Effect.flip(sessions.update(merchant, id, { metadata: {} }))).status, 404)
      assert.strictEqual((yield* Effect.flip(sessions.remove(merchant, id))).status, 404)
    }).pipe(Effect.provide(layer)))

  it.effect("without expires_in a session lives an hour (the spec's default)", () =>
    Effect.gen(function*() {
      const sessions = yield* CheckoutSessions
      assert.strictEqual(expiresAt(yield* sessions.create(merchant, undefined)), at(3_600_000))
    }).pipe(Effect.provide(layer)))

  it.effect("expires_in on an update moves expires_at to the update's time plus expires_in; other updates keep it", () =>
    Effect.gen(function*() {
      const sessions = yield* CheckoutSessions
      const id = JSON.parse(yield* sessions.create(merchant, { expires_in: 3600 })).id as string
      yield* TestClock.adjust("5 minutes")
      assert.strictEqual(expiresAt(yield* sessions.update(merchant, id, { metadata: { k: "v" } })), at(3_600_000))
      assert.strictEqual(expiresAt(yield* sessions.update(merchant, id, { expires_in: 7200 })), at(300_000 + 7_200_000))
      // Past the first expiry, alive thanks to the move.
      yield* TestClock.adjust("1 hour")
      assert.strictEqual(expiresAt(yield* sessions.get(merchant, id)), at(7_500_000))
    }).pipe(Effect.provide(layer)))

  it.effect("the mock clock's advance moves the service's time: new sessions expire relative to it", () =>
    Effect.gen(function*() {
      const sessions = yield* CheckoutSessions
      const clock = yield* MockClock
      const id = JSON.parse(yield* sessions.create(merchant, { expires_in: 3600 })).id as string
      assert.strictEqual(yield* clock.advance(merchant, 86_400), 86_400_000)
      assert.strictEqual((yield* Effect.flip(sessions.get(merchant, id))).status, 404)
      assert.strictEqual(expiresAt(yield* sessions.create(merchant, { expires_in: 3600 })), at(90_000_000))
      yield* clock.reset
      assert.strictEqual(yield* clock.now(merchant), 0)
    }).pipe(Effect.provide(layer)))

  it.effect("each merchant account has its own clock: moving one expires its sessions only, and can be undone", () =>
    Effect.gen(function*() {
      const sessions = yield* CheckoutSessions
      const clock = yield* MockClock
      const store = yield* SessionStore
      const mine = JSON.parse(yield* sessions.create("contract-run", { expires_in: 3600 })).id as string
      const theirs = JSON.parse(yield* sessions.create("shop", { expires_in: 3600 })).id as string

      assert.strictEqual(yield* clock.advance("contract-run", 3601), 3_601_000)
      assert.deepStrictEqual(yield* clock.read("shop"), { now: 0, offsetSeconds: 0 })
      assert.deepStrictEqual(yield* clock.moved, [{ merchantAccountId: "contract-run", now: 3_601_000 }])
      // Expired on its account's clock, for the account's calls and the browser-facing ones (found by id alone).
      assert.strictEqual((yield* Effect.flip(sessions.get("contract-run", mine))).status, 404)
      assert.strictEqual((yield* Effect.flip(sessions.cardDetails(undefined, mine, { bin: "411111" }))).status, 404)
      // Live on the other account's, which did not move.
      assert.strictEqual(expiresAt(yield* sessions.get("shop", theirs)), at(3_600_000))
      yield* sessions.cardDetails(undefined, theirs, { bin: "411111" })
      // A purge on the moved clock is the account's alone.
      assert.strictEqual(yield* store.purgeExpired(3_601_000, "contract-run"), 0)
      assert.strictEqual(yield* store.size, 1)

      // The move undone: back to real time.
      assert.strictEqual(yield* clock.setOffset("contract-run", 0), 0)
      assert.deepStrictEqual(yield* clock.moved, [])
      assert.strictEqual(expiresAt(yield* sessions.create("contract-run", { expires_in: 3600 })), at(3_600_000))
    }).pipe(Effect.provide(layer)))
})
