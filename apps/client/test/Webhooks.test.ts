import { assert, describe, it } from "@effect/vitest"
import { verifyWebhook as sdkVerifyWebhook } from "@gr4vy/sdk"
import { Effect, Exit } from "effect"
import { TestClock } from "effect/testing"
import * as fc from "fast-check"
import { createHmac } from "node:crypto"
import * as WebhookReceiver from "../src/WebhookReceiver.ts"
import * as Webhooks from "../src/Webhooks.ts"
import { rejection } from "./support.ts"

// Every time is pinned: a Unix second in December 2025, and the receiver's "now" from it.
const t0 = 1_765_152_000
const at = (seconds: number) => new Date(seconds * 1000)
const secret = "whsec-current-Ik4Lx"
const oldSecret = "whsec-previous-Qz7Rm"

// The signature as the webhook documentation states it, written out here apart from the code under test.
const reference = (key: string, timestamp: number, payload: string) =>
  createHmac("sha256", Buffer.from(key, "utf8")).update(Buffer.from(`${timestamp}.${payload}`, "utf8")).digest("hex")

const eventBody = (name: string, id: string, target: Record<string, unknown> = { type: "transaction", id: "tx-1" }) =>
  JSON.stringify({
    type: "event",
    id,
    name,
    merchant_account_id: "default",
    created_at: "2026-12-08T00:00:00.000Z",
    target
  })

// How a delivery was refused: the error `verifyWebhook` threw.
const refusal = (options: Webhooks.VerifyOptions): Webhooks.WebhookVerificationError => {
  try {
    Webhooks.verifyWebhook(options)
  } catch (error) {
    assert.instanceOf(error, Webhooks.WebhookVerificationError)
    return error
  }
  throw new Error("expected the delivery to be refused")
}

// The SDK's verdict: undefined when it accepts, its message when it refuses.
const sdkVerdict = (payload: string, key: string, signatures: string, timestamp: string, tolerance = 0) => {
  try {
    sdkVerifyWebhook(payload, key, signatures, timestamp, tolerance)
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}

// A sender as Gr4vy's: POSTs a signed event (re-signed on each attempt) with its webhook id; answers the status.
const deliver = async (
  url: string,
  body: string,
  options: { readonly secrets: ReadonlyArray<string>; readonly timestamp: number; readonly webhookId: string }
) => {
  const signed = Webhooks.signWebhook({ secrets: options.secrets, payload: body, timestamp: options.timestamp })
  const response = await fetch(`${url}/webhooks/gr4vy`, {
    method: "POST",
    headers: { "content-type": "application/json", ...signed.headers, "x-gr4vy-webhook-id": options.webhookId },
    body
  })
  await response.arrayBuffer()
  return response.status
}

// A delivery signed with one secret at t0 (or the given secrets and time).
const deliverAt = (url: string, body: string, webhookId: string, secrets = [secret], timestamp = t0) =>
  deliver(url, body, { secrets, timestamp, webhookId })

// POSTs with the given headers as they are (for refused deliveries).
const post = async (url: string, body: string, headers: Record<string, string>) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body
  })
  await response.arrayBuffer()
  return response.status
}

describe("Webhooks: signing and verifying, held to @gr4vy/sdk", () => {
  it("our signatures verify with the SDK's verifyWebhook, and the documented recipe's with ours", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, unit: "grapheme" }),
        fc.string({ unit: "grapheme" }),
        fc.integer({ min: 0, max: 4_102_444_800 }),
        (key, payload, timestamp) => {
          const signed = Webhooks.signWebhook({ secret: key, payload, timestamp })
          assert.strictEqual(signed.signatures, reference(key, timestamp, payload))
          assert.strictEqual(signed.timestamp, String(timestamp))
          assert.isUndefined(sdkVerdict(payload, key, signed.signatures, signed.timestamp))
          const verified = Webhooks.verifyWebhook({
            secret: key,
            payload,
            signatureHeader: reference(key, timestamp, payload),
            timestampHeader: String(timestamp),
            now: at(timestamp)
          })
          assert.strictEqual(verified.timestamp, timestamp)
          // The bytes and their text are the same payload.
          Webhooks.verifyWebhook({
            secret: key,
            payload: Buffer.from(payload, "utf8"),
            signatureHeader: signed.signatures,
            timestampHeader: signed.timestamp,
            now: at(timestamp)
          })
          // Both refuse the payload changed.
          const tampered = `${payload} `
          const refusedBySdk = sdkVerdict(tampered, key, signed.signatures, signed.timestamp)
          assert.strictEqual(refusedBySdk, "No matching signature found")
          const options = { secret: key, signatureHeader: signed.signatures, timestampHeader: signed.timestamp }
          const refused = refusal({ ...options, payload: tampered, now: at(timestamp) })
          assert.strictEqual(refused.reason, "NoMatchingSignature")
        }
      )
    )
  })

  it("during a rotation the delivery carries one signature per secret, and each secret verifies it", () => {
    const payload = eventBody("transaction.captured", "ev-rotation")
    const signed = Webhooks.signWebhook({ secrets: [oldSecret, secret], payload, timestamp: t0 })
    assert.deepStrictEqual(signed.signatures.split(","), [
      reference(oldSecret, t0, payload),
      reference(secret, t0, payload)
    ])
    const common = { payload, signatureHeader: signed.signatures, timestampHeader: signed.timestamp, now: at(t0) }
    Webhooks.verifyWebhook({ ...common, secret })
    Webhooks.verifyWebhook({ ...common, secret: oldSecret })
    Webhooks.verifyWebhook({ ...common, secrets: ["whsec-unrelated", secret] })
    assert.isUndefined(sdkVerdict(payload, secret, signed.signatures, signed.timestamp))
    assert.isUndefined(sdkVerdict(payload, oldSecret, signed.signatures, signed.timestamp))
    assert.strictEqual(refusal({ ...common, secret: "whsec-unrelated" }).reason, "NoMatchingSignature")
  })

  it("entries that are not signatures are skipped, as the SDK skips them; a header of none is malformed", () => {
    const payload = eventBody("transaction.captured", "ev-entries")
    const good = reference(secret, t0, payload)
    const common = { secret, payload, timestampHeader: String(t0), now: at(t0) }
    Webhooks.verifyWebhook({ ...common, signatureHeader: `${good},other` })
    Webhooks.verifyWebhook({ ...common, signatureHeader: ` other , ${good} ` })
    assert.isUndefined(sdkVerdict(payload, secret, `${good},other`, String(t0)))
    for (const header of ["other", "abc,def", good.toUpperCase(), `${good}0`, ","]) {
      assert.strictEqual(refusal({ ...common, signatureHeader: header }).reason, "MalformedSignature", header)
      assert.isDefined(sdkVerdict(payload, secret, header, String(t0)), header)
    }
  })

  it("refuses a tampered body, a wrong secret, a stale timestamp and malformed or missing headers, saying why", () => {
    const payload = eventBody("transaction.captured", "ev-refusals")
    const signed = Webhooks.signWebhook({ secret, payload, timestamp: t0 })
    const good = {
      secret,
      payload,
      signatureHeader: signed.signatures,
      timestampHeader: signed.timestamp,
      now: at(t0)
    }
    const cases: Array<[string, Webhooks.VerifyOptions, Webhooks.VerificationFailure]> = [
      ["tampered body", { ...good, payload: payload.replace("captured", "authorized") }, "NoMatchingSignature"],
      ["wrong secret", { ...good, secret: "whsec-wrong" }, "NoMatchingSignature"],
      ["timestamp changed", { ...good, timestampHeader: String(t0 + 1) }, "NoMatchingSignature"],
      ["stale by 301 s", { ...good, now: at(t0 + 301) }, "TimestampTooOld"],
      ["stale for a 60 s tolerance", { ...good, now: at(t0 + 61), toleranceSeconds: 60 }, "TimestampTooOld"],
      ["timestamp not digits", { ...good, timestampHeader: "12a" }, "MalformedTimestamp"],
      ["timestamp in milliseconds as a float", { ...good, timestampHeader: `${t0}.5` }, "MalformedTimestamp"],
      ["no timestamp", { ...good, timestampHeader: undefined }, "MissingTimestamp"],
      ["empty timestamp", { ...good, timestampHeader: " " }, "MissingTimestamp"],
      ["no signatures", { ...good, signatureHeader: null }, "MissingSignature"],
      ["no secret", { ...good, secret: undefined, secrets: [] }, "NoSecret"]
    ]
    for (const [label, options, reason] of cases) {
      const error = refusal(options)
      assert.strictEqual(error.reason, reason, label)
      assert.strictEqual(error._tag, "WebhookVerificationError")
      for (const unsaid of [secret, signed.signatures, "whsec-wrong"]) {
        assert.notInclude(error.message, unsaid, label)
      }
    }
    // The boundary, an older delivery with a wider tolerance, and a timestamp ahead of the receiver are accepted.
    Webhooks.verifyWebhook({ ...good, now: at(t0 + 300) })
    Webhooks.verifyWebhook({ ...good, now: at(t0 + 3600), toleranceSeconds: 7200 })
    Webhooks.verifyWebhook({ ...good, now: at(t0 + 10 * 365 * 86_400), toleranceSeconds: Infinity })
    Webhooks.verifyWebhook({ ...good, now: at(t0 - 3600) })
    // The SDK agrees on the stale one when given the same tolerance against its real clock.
    assert.strictEqual(sdkVerdict(payload, secret, signed.signatures, signed.timestamp, 300), "Timestamp too old")
  })

  it.effect("verify takes its time from the Clock", () =>
    Effect.gen(function*() {
      const payload = eventBody("transaction.captured", "ev-clock")
      const signed = Webhooks.signWebhook({ secret, payload, timestamp: t0 })
      const options = { secret, payload, signatureHeader: signed.signatures, timestampHeader: signed.timestamp }
      yield* TestClock.setTime(t0 * 1000 + 300_000)
      assert.strictEqual((yield* Webhooks.verify(options)).timestamp, t0)
      yield* TestClock.adjust(1000)
      const exit = yield* Effect.exit(Webhooks.verify(options))
      assert.isTrue(Exit.isFailure(exit))
      const error = yield* Effect.flip(Webhooks.verify(options))
      assert.strictEqual(error.reason, "TimestampTooOld")
      // `now` given wins over the Clock.
      yield* Webhooks.verify({ ...options, now: at(t0) })
    }))
})

describe("WebhookReceiver over real HTTP", () => {
  it("verifies and keeps every delivery; waitFor resolves for one to come and one already arrived", async () => {
    const receiver = await WebhookReceiver.startWebhookReceiver({ secret, now: () => at(t0 + 5) })
    try {
      assert.match(receiver.url, /^http:\/\/127\.0\.0\.1:\d+$/)
      const captured = receiver.waitFor("transaction.captured")
      const body = eventBody("transaction.captured", "ev-1", { type: "transaction", id: "tx-42", amount: 1299 })
      assert.strictEqual(await deliverAt(receiver.url, body, "wh-1"), 200)
      const delivery = await captured
      assert.isTrue(delivery.verified)
      assert.isUndefined(delivery.failure)
      assert.strictEqual(delivery.status, 200)
      assert.strictEqual(delivery.body, body)
      assert.strictEqual(delivery.path, "/webhooks/gr4vy")
      assert.strictEqual(delivery.webhookId, "wh-1")
      assert.strictEqual(delivery.headers["x-gr4vy-webhook-timestamp"], String(t0))
      assert.strictEqual(delivery.event?.name, "transaction.captured")
      assert.deepStrictEqual(delivery.event?.target, { type: "transaction", id: "tx-42", amount: 1299 })
      assert.strictEqual(delivery.receivedAt.getTime(), (t0 + 5) * 1000)

      const other = eventBody("transaction.authorized", "ev-2")
      assert.strictEqual(await deliverAt(receiver.url, other, "wh-2"), 200)
      assert.strictEqual((await receiver.waitFor("transaction.captured")).index, 0)
      assert.strictEqual((await receiver.waitFor("transaction.authorized")).index, 1)
      assert.deepStrictEqual(receiver.verified().map((d) => d.event?.id), ["ev-1", "ev-2"])
      assert.deepStrictEqual(receiver.failed(), [])
    } finally {
      await receiver.close()
    }
  })

  it("a receiver with both secrets of a rotation verifies deliveries signed with either or both", async () => {
    const receiver = await WebhookReceiver.startWebhookReceiver({ secrets: [oldSecret, secret], now: () => at(t0) })
    try {
      const body = eventBody("transaction.captured", "ev-rot")
      for (const secrets of [[oldSecret], [secret], [oldSecret, secret]]) {
        assert.strictEqual(await deliver(receiver.url, body, { secrets, timestamp: t0, webhookId: "wh-rot" }), 200)
      }
      assert.strictEqual(await deliverAt(receiver.url, body, "wh-x", ["whsec-x"]), 401)
      assert.deepStrictEqual(receiver.deliveries().map((d) => d.verified), [true, true, true, false])
    } finally {
      await receiver.close()
    }
  })

  it("refused deliveries are kept with why and answered 401; waitFor can ask for them", async () => {
    const receiver = await WebhookReceiver.startWebhookReceiver({ secret, now: () => at(t0 + 1000) })
    try {
      const body = eventBody("transaction.captured", "ev-bad")
      const fresh = Webhooks.signWebhook({ secret, payload: body, timestamp: t0 + 999 }).headers
      const stale = Webhooks.signWebhook({ secret, payload: body, timestamp: t0 }).headers
      const wrong = Webhooks.signWebhook({ secret: "whsec-wrong", payload: body, timestamp: t0 + 999 }).headers
      assert.strictEqual(await post(receiver.url, body.replace("ev-bad", "ev-evil"), fresh), 401)
      assert.strictEqual(await post(receiver.url, body, wrong), 401)
      assert.strictEqual(await post(receiver.url, body, stale), 401)
      assert.strictEqual(await post(receiver.url, body, { ...fresh, "x-gr4vy-webhook-timestamp": "soon" }), 401)
      assert.strictEqual(await post(receiver.url, body, { "x-gr4vy-webhook-timestamp": String(t0) }), 401)
      assert.strictEqual(await post(receiver.url, body, fresh), 200)
      assert.deepStrictEqual(receiver.failed().map((d) => d.failure?.reason), [
        "NoMatchingSignature",
        "NoMatchingSignature",
        "TimestampTooOld",
        "MalformedTimestamp",
        "MissingSignature"
      ])
      assert.deepStrictEqual(receiver.failed().map((d) => d.status), [401, 401, 401, 401, 401])
      const firstRefused = await receiver.waitFor("transaction.captured", { where: (d) => !d.verified })
      assert.strictEqual(firstRefused.event?.id, "ev-evil")
      assert.strictEqual((await receiver.waitFor("transaction.captured")).index, 5)
    } finally {
      await receiver.close()
    }
  })

  it("answers the status a test scripts (500, 500, then 200), one webhook id recorded across the retries", async () => {
    const receiver = await WebhookReceiver.startWebhookReceiver({
      secret,
      now: () => at(t0 + 60),
      respond: ({ attempt }) => (attempt <= 2 ? 500 : 200)
    })
    try {
      // A sender that retries until it is answered 2xx, reusing the webhook id and re-signing each attempt.
      const send = async (name: string, eventId: string, webhookId: string) => {
        const body = eventBody(name, eventId)
        const statuses: Array<number> = []
        for (let attempt = 0; attempt < 5 && !statuses.includes(200); attempt++) {
          statuses.push(await deliver(receiver.url, body, { secrets: [secret], timestamp: t0 + attempt, webhookId }))
        }
        return statuses
      }
      assert.deepStrictEqual(await send("transaction.captured", "ev-r1", "wh-retry-1"), [500, 500, 200])
      assert.deepStrictEqual(await send("transaction.refunded", "ev-r2", "wh-retry-2"), [500, 500, 200])
      const seen = receiver.deliveries().map((d) => [d.webhookId, d.attempt, d.status, d.event?.id, d.verified])
      assert.deepStrictEqual(seen, [
        ["wh-retry-1", 1, 500, "ev-r1", true],
        ["wh-retry-1", 2, 500, "ev-r1", true],
        ["wh-retry-1", 3, 200, "ev-r1", true],
        ["wh-retry-2", 1, 500, "ev-r2", true],
        ["wh-retry-2", 2, 500, "ev-r2", true],
        ["wh-retry-2", 3, 200, "ev-r2", true]
      ])
      const accepted = await receiver.waitFor("transaction.captured", { where: (d) => d.status === 200 })
      assert.strictEqual(accepted.attempt, 3)
    } finally {
      await receiver.close()
    }
  })

  it("a respond that throws or chooses no HTTP status answers 500; an asynchronous one is awaited", async () => {
    const answers: Array<() => number | Promise<number>> = [
      () => {
        throw new Error("handler bug")
      },
      () => 42,
      () => 1.5,
      () => Promise.resolve(204)
    ]
    const receiver = await WebhookReceiver.startWebhookReceiver({
      secret,
      now: () => at(t0),
      respond: ({ index }) => answers[index]!()
    })
    try {
      const statuses: Array<number> = []
      for (const [i] of answers.entries()) {
        statuses.push(await deliverAt(receiver.url, eventBody("transaction.voided", `ev-${i}`), `wh-${i}`))
      }
      assert.deepStrictEqual(statuses, [500, 500, 500, 204])
      assert.deepStrictEqual(receiver.deliveries().map((d) => d.status), [500, 500, 500, 204])
    } finally {
      await receiver.close()
    }
    for (const options of [{ secrets: [] }, { secret: "" }, { secret, toleranceSeconds: -1 }]) {
      assert.instanceOf(await rejection(WebhookReceiver.startWebhookReceiver(options)), RangeError)
    }
  })

  it("a pending waitFor rejects when the receiver closes, naming what did arrive", async () => {
    const receiver = await WebhookReceiver.startWebhookReceiver({ secret, now: () => at(t0) })
    const body = eventBody("transaction.authorized", "ev-only")
    assert.strictEqual(await deliverAt(receiver.url, body, "w", ["whsec-wrong"]), 401)
    const pending = receiver.waitFor("transaction.captured")
    await receiver.close()
    const error = await rejection(pending)
    assert.instanceOf(error, WebhookReceiver.WebhookWaitError)
    assert.strictEqual(error.reason, "Closed")
    assert.include(error.message, "transaction.captured")
    assert.include(error.message, "transaction.authorized (refused: NoMatchingSignature)")
    const afterClose = await rejection(receiver.waitFor("transaction.captured"))
    assert.instanceOf(afterClose, WebhookReceiver.WebhookWaitError)
  })

  it.effect("scoped: the receiver for Effect code, its time from the Clock", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0 * 1000 + 301_000)
      const url = yield* Effect.scoped(Effect.gen(function*() {
        const receiver = yield* WebhookReceiver.scoped({ secret })
        const body = eventBody("transaction.captured", "ev-effect")
        const status = yield* Effect.promise(() =>
          deliver(receiver.url, body, { secrets: [secret], timestamp: t0, webhookId: "wh-e" })
        )
        assert.strictEqual(status, 401)
        const refused = yield* receiver.waitFor("transaction.captured", { where: (d) => !d.verified })
        assert.strictEqual(refused.failure?.reason, "TimestampTooOld")
        assert.strictEqual(refused.receivedAt.getTime(), t0 * 1000 + 301_000)
        return receiver.url
      }))
      // Closed with its scope: nothing listens there any more.
      const refusedConnection = () => fetch(url, { method: "POST", body: "{}" }).then(() => false, () => true)
      const closed = yield* Effect.promise(refusedConnection)
      assert.isTrue(closed)
    }))
})
