import { assert, describe, it } from "@effect/vitest"
import { DateTime, Exit, Schema } from "effect"
import { strictOptions } from "../src/StrictDecoder.ts"
import {
  refundEventName,
  transactionEventName,
  WebhookEvent,
  WebhookEventName,
  webhookEventNames
} from "../src/WebhookEvent.ts"

// The payload of Gr4vy's documented example, trimmed: a transaction that was captured.
const payload = {
  type: "event",
  id: "347901e1-8b53-42a4-951b-ec546a5078f1",
  name: "transaction.captured",
  merchant_account_id: "default",
  created_at: "2013-07-16T19:23:00.000Z",
  target: { type: "transaction", id: "795c27e9-6cc3-40f6-a359-1355c434c30d", status: "capture_succeeded" }
} as const

const decode = (input: unknown) => Schema.decodeUnknownExit(WebhookEvent)(input, strictOptions)

describe("WebhookEvent", () => {
  it("decodes the wire payload to camelCase and encodes it back as it was", () => {
    const decoded = Schema.decodeUnknownSync(WebhookEvent)(payload, strictOptions)
    assert.strictEqual(decoded.merchantAccountId, "default")
    assert.strictEqual(decoded.name, "transaction.captured")
    assert.strictEqual(DateTime.formatIso(decoded.createdAt), "2013-07-16T19:23:00.000Z")
    assert.deepStrictEqual(Schema.encodeSync(WebhookEvent)(decoded), payload)
  })

  it("refuses a name that is not an event's, another type, and unknown keys", () => {
    assert.isTrue(Exit.isFailure(decode({ ...payload, name: "transaction.exploded" })))
    assert.isTrue(Exit.isFailure(decode({ ...payload, type: "transaction" })))
    assert.isTrue(Exit.isFailure(decode({ ...payload, gr4vy_id: "x", extra: 1 })))
    assert.isTrue(Exit.isFailure(decode({ ...payload, created_at: "yesterday" })))
  })

  it("names an event for every status a transaction or a refund moves to, each a declared name", () => {
    const names = new Set<string>(webhookEventNames)
    for (
      const status of [
        "processing", "buyer_approval_pending", "authorization_succeeded", "authorization_declined",
        "authorization_failed", "capture_pending", "capture_succeeded", "authorization_void_pending",
        "authorization_voided"
      ]
    ) {
      const name = transactionEventName(status)
      assert.isTrue(name !== undefined && names.has(name), status)
    }
    assert.strictEqual(transactionEventName("authorization_succeeded"), "transaction.authorized")
    assert.strictEqual(transactionEventName("capture_succeeded"), "transaction.captured")
    assert.strictEqual(refundEventName("succeeded"), "refund.succeeded")
    assert.strictEqual(refundEventName("processing"), "refund.pending")
    assert.strictEqual(refundEventName("voided"), undefined)
    assert.strictEqual(transactionEventName("settled"), undefined)
  })

  it("holds each name once, in the literal union", () => {
    assert.strictEqual(new Set(webhookEventNames).size, webhookEventNames.length)
    for (const name of webhookEventNames) assert.isTrue(Schema.is(WebhookEventName)(name))
  })
})
