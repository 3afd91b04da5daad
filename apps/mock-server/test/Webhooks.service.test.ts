import { assert, describe, it } from "@effect/vitest"
import { Context, Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import { Journal } from "../src/Journal.ts"
import { MockClock } from "../src/MockClock.ts"
import { DocumentStore } from "../src/store/DocumentStore.ts"
import { eventsOf, maxAttempts, retryDelaysSeconds, type WebhookOptions, Webhooks } from "../src/Webhooks/Webhooks.ts"
import { startReceiver } from "./support/receiver.ts"

// The webhooks service in-process, under the TestClock (time pinned, moved only by the tests) and the merchant
// account's mock clock, delivering to a real receiver over HTTP. `deliverDue` is what the worker runs when it
// wakes: the tests call it themselves after each move, so each attempt is over when it returns (the worker
// itself sleeps on the TestClock, which the tests never move). Signatures are made at the pinned time: the
// receiver checks them with no age limit.

// 2026-03-01T12:00:00Z.
const pinned = Date.UTC(2026, 2, 1, 12)
const at = (seconds: number) => new Date(pinned + seconds * 1_000).toISOString()
const account = "svc-merchant"
const buyer = JSON.stringify({ type: "buyer", id: "b0d4a1a0-3b7a-4c4e-9a2f-0c5e7f4f2b11", display_name: "Ada" })

const receiverOf = (secrets: ReadonlyArray<string>) =>
  Effect.acquireRelease(Effect.promise(() => startReceiver(secrets, { toleranceSeconds: 0 })), (receiver) => Effect.promise(() => receiver.close()))

const webhooksOf = (options: WebhookOptions) =>
  Effect.gen(function*() {
    const context = yield* Layer.build(
      Webhooks.layer(options).pipe(
        Layer.provideMerge(Layer.mergeAll(DocumentStore.layerMemory, MockClock.layer, Journal.layerWith(0)))
      )
    )
    return { webhooks: Context.get(context, Webhooks), clock: Context.get(context, MockClock) }
  })

describe("Webhooks (in-process)", () => {
  it.effect("a receiver answering 500 twice gets the same event a third time, same webhook id, as the clock moves", () =>
    Effect.scoped(Effect.gen(function*() {
      yield* TestClock.setTime(pinned)
      const receiver = yield* receiverOf(["s1"])
      const { clock, webhooks } = yield* webhooksOf({ urls: [receiver.url], secrets: ["s1"] })
      receiver.answerNext(500, 500)

      yield* webhooks.emit(account, "buyer.created", buyer)
      yield* webhooks.deliverDue
      assert.lengthOf(receiver.arrivals, 1)
      const [first] = yield* webhooks.deliveries({})
      assert.strictEqual(first.status, "pending")
      assert.strictEqual(first.attempts[0].status_code, 500)
      assert.strictEqual(first.attempts[0].response_excerpt, "not now")
      assert.strictEqual(first.next_attempt_at, at(retryDelaysSeconds[0]))

      // Not due a second early; due on the second.
      yield* clock.advance(account, retryDelaysSeconds[0] - 1)
      yield* webhooks.deliverDue
      assert.lengthOf(receiver.arrivals, 1)
      yield* clock.advance(account, 1)
      yield* webhooks.deliverDue
      assert.lengthOf(receiver.arrivals, 2)
      yield* clock.advance(account, retryDelaysSeconds[1])
      yield* webhooks.deliverDue
      assert.lengthOf(receiver.arrivals, 3)

      const arrivals = receiver.arrivals
      assert.strictEqual(new Set(arrivals.map((a) => a.id)).size, 1)
      assert.strictEqual(arrivals[0].id, first.id)
      assert.strictEqual(new Set(arrivals.map((a) => a.body)).size, 1)
      for (const arrival of arrivals) assert.deepStrictEqual(arrival.verifiedBy, ["s1"])
      assert.strictEqual(arrivals[0].payload.created_at, at(0))
      const [done] = yield* webhooks.deliveries({})
      assert.strictEqual(done.status, "delivered")
      assert.isNull(done.next_attempt_at)
      assert.deepStrictEqual(done.attempts.map((a) => [a.at, a.status_code]), [
        [at(0), 500],
        [at(retryDelaysSeconds[0]), 500],
        [at(retryDelaysSeconds[0] + retryDelaysSeconds[1]), 200]
      ])
      // Another account's clock moves nothing of this one's.
      yield* webhooks.deliverDue
      assert.lengthOf(receiver.arrivals, 3)
    })))

  it.effect("retries are bounded: after maxAttempts failures the delivery is failed and no more is sent", () =>
    Effect.scoped(Effect.gen(function*() {
      yield* TestClock.setTime(pinned)
      const receiver = yield* receiverOf([])
      const { clock, webhooks } = yield* webhooksOf({ urls: [receiver.url], secrets: [] })
      receiver.answerNext(...Array.from({ length: maxAttempts + 1 }, () => 503))
      yield* webhooks.emit(account, "buyer.deleted", buyer)
      yield* webhooks.deliverDue
      for (const delay of retryDelaysSeconds) {
        yield* clock.advance(account, delay)
        yield* webhooks.deliverDue
      }
      assert.lengthOf(receiver.arrivals, maxAttempts)
      const [failed] = yield* webhooks.deliveries({})
      assert.strictEqual(failed.status, "failed")
      assert.isNull(failed.next_attempt_at)
      assert.lengthOf(failed.attempts, maxAttempts)
      yield* clock.advance(account, 86_400)
      yield* webhooks.deliverDue
      assert.lengthOf(receiver.arrivals, maxAttempts)
      // Unsigned without secrets: no signatures header.
      assert.isUndefined(receiver.arrivals[0].headers["x-gr4vy-webhook-signatures"])
    })))

  it.effect("a receiver that refuses the connection is retried; the attempt records the error and no status", () =>
    Effect.scoped(Effect.gen(function*() {
      yield* TestClock.setTime(pinned)
      const closed = yield* Effect.promise(() => startReceiver([]))
      yield* Effect.promise(() => closed.close())
      const { webhooks } = yield* webhooksOf({ urls: [closed.url], secrets: ["s"] })
      yield* webhooks.emit(account, "buyer.updated", buyer)
      yield* webhooks.deliverDue
      const [refused] = yield* webhooks.deliveries({})
      assert.strictEqual(refused.status, "pending")
      assert.isNull(refused.attempts[0].status_code)
      assert.match(refused.attempts[0].error ?? "", /ECONNREFUSED/)
      assert.strictEqual(refused.next_attempt_at, at(retryDelaysSeconds[0]))
    })))

  it.effect("a receiver that does not answer in time is retried; the attempt records the timeout", () =>
    Effect.scoped(Effect.gen(function*() {
      yield* TestClock.setTime(pinned)
      const receiver = yield* receiverOf(["s"])
      // A short limit for the test (the server's is 5 s): the receiver never answers the first delivery.
      const { clock, webhooks } = yield* webhooksOf({ urls: [receiver.url], secrets: ["s"], attemptTimeoutMs: 100 })
      receiver.answerNext("never")
      yield* webhooks.emit(account, "buyer.created", buyer)
      yield* webhooks.deliverDue
      const [timedOut] = yield* webhooks.deliveries({})
      assert.strictEqual(timedOut.status, "pending")
      assert.isNull(timedOut.attempts[0].status_code)
      assert.strictEqual(timedOut.attempts[0].error, "no answer within 100 ms")
      yield* clock.advance(account, retryDelaysSeconds[0])
      yield* webhooks.deliverDue
      const [delivered] = yield* webhooks.deliveries({})
      assert.strictEqual(delivered.status, "delivered")
      assert.lengthOf(receiver.arrivals, 2)
      assert.strictEqual(receiver.arrivals[0].id, receiver.arrivals[1].id)
    })))

  it.effect("without a subscription an event writes nothing", () =>
    Effect.scoped(Effect.gen(function*() {
      yield* TestClock.setTime(pinned)
      const { webhooks } = yield* webhooksOf({ urls: [], secrets: ["s"] })
      yield* webhooks.emit(account, "buyer.created", buyer)
      assert.deepStrictEqual(yield* webhooks.deliveries({}), [])
    })))
})

const tx = (status: string) => JSON.stringify({ type: "transaction", status })

describe("eventsOf", () => {
  const method = { type: "payment-method", id: "m1", status: "succeeded", usage_count: 0, external_identifier: null }
  it("names the event of a change: a status moved, a buyer created, a card updated beyond its usage, deleted", () => {
    assert.deepStrictEqual(eventsOf("transaction", undefined, tx("authorization_succeeded")), ["transaction.authorized"])
    assert.deepStrictEqual(eventsOf("transaction", tx("authorization_succeeded"), tx("capture_succeeded")), [
      "transaction.captured"
    ])
    assert.deepStrictEqual(eventsOf("transaction", tx("capture_succeeded"), tx("capture_succeeded")), [])
    assert.deepStrictEqual(eventsOf("refund", undefined, JSON.stringify({ status: "declined" })), ["refund.declined"])
    assert.deepStrictEqual(eventsOf("buyer", undefined, "{}"), ["buyer.created"])
    assert.deepStrictEqual(eventsOf("shipping-details", "{}", undefined), ["shipping-details.deleted"])
    assert.deepStrictEqual(eventsOf("payment-method", undefined, JSON.stringify(method)), [])
    assert.deepStrictEqual(
      eventsOf("payment-method", JSON.stringify(method), JSON.stringify({ ...method, usage_count: 1 })),
      []
    )
    assert.deepStrictEqual(
      eventsOf("payment-method", JSON.stringify(method), JSON.stringify({ ...method, external_identifier: "x" })),
      ["payment-method.updated"]
    )
    assert.deepStrictEqual(eventsOf("payment-method", JSON.stringify(method), undefined), ["payment-method.deleted"])
    assert.deepStrictEqual(eventsOf("idempotency-key", undefined, "{}"), [])
  })
})
