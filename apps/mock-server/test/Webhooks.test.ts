import { WebhookEvent } from "@checkout-kit/domain/WebhookEvent"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import { strictOptions } from "@checkout-kit/domain/StrictDecoder"
import * as Cli from "../src/Cli.ts"
import { cardDataIn, type Receiver, startReceiver } from "./support/receiver.ts"
import { call, startServer, type TestServer } from "./support/server.ts"

// Webhooks over real HTTP: the mock's worker POSTs to a real receiver, which checks each delivery with the
// official SDK's `verifyWebhook`. The tests wait on the receiver's arrivals, never on time.
const secrets = ["first-secret", "second-secret"]
const account = "wh-merchant"
const headers = { "x-gr4vy-merchant-account-id": account }
const card = { method: "card", number: "4111111111111111", expiration_date: "11/39", security_code: "123" }

describe("webhooks over HTTP", () => {
  let receiver: Receiver
  let server: TestServer
  beforeAll(async () => {
    receiver = await startReceiver(secrets)
    server = await startServer({ webhooks: { urls: [`${receiver.url}/hooks`], secrets } })
  })
  afterAll(async () => {
    await server.close()
    await receiver.close()
  })

  it("a session's card authorized, captured and refunded sends the events in order, each signed by both secrets", async () => {
    const session = await call(server.url, "POST", "/checkout/sessions", { headers, body: {} })
    assert.strictEqual(session.status, 201)
    const fields = await call(server.url, "PUT", `/checkout/sessions/${session.body.id}/fields`, {
      headers,
      body: { payment_method: card }
    })
    assert.strictEqual(fields.status, 204)
    const transaction = await call(server.url, "POST", "/transactions", {
      headers,
      body: { amount: 1299, currency: "USD", payment_method: { method: "checkout-session", id: session.body.id } }
    })
    assert.strictEqual(transaction.body.status, "authorization_succeeded")
    const capture = await call(server.url, "POST", `/transactions/${transaction.body.id}/capture`, { headers, body: {} })
    assert.strictEqual(capture.status, 200)
    const refund = await call(server.url, "POST", `/transactions/${transaction.body.id}/refunds`, {
      headers,
      body: { amount: 500 }
    })
    assert.strictEqual(refund.status, 201)

    const arrivals = await receiver.arrived(3)
    assert.deepStrictEqual(arrivals.map((a) => a.payload.name), [
      "transaction.authorized",
      "transaction.captured",
      "refund.succeeded"
    ])
    for (const arrival of arrivals) {
      assert.strictEqual(arrival.path, "/hooks")
      assert.deepStrictEqual(arrival.verifiedBy, secrets, arrival.body)
      assert.strictEqual(arrival.headers["x-gr4vy-webhook-signatures"]?.toString().split(",").length, 2)
      assert.match(String(arrival.headers["x-gr4vy-webhook-timestamp"]), /^[0-9]{10}$/)
      assert.strictEqual(arrival.headers["content-type"], "application/json")
      // Exactly the envelope, decoded strictly by the domain's schema.
      assert.deepStrictEqual(Object.keys(arrival.payload).toSorted(), [
        "created_at",
        "id",
        "merchant_account_id",
        "name",
        "target",
        "type"
      ])
      const event = Schema.decodeUnknownSync(WebhookEvent)(arrival.payload, strictOptions)
      assert.strictEqual(event.merchantAccountId, account)
      assert.deepStrictEqual(cardDataIn(arrival.body), [])
    }
    assert.strictEqual(arrivals[0].payload.target.id, transaction.body.id)
    assert.strictEqual(arrivals[0].payload.target.status, "authorization_succeeded")
    assert.strictEqual(arrivals[1].payload.target.status, "capture_succeeded")
    assert.strictEqual(arrivals[2].payload.target.type, "refund")
    assert.strictEqual(arrivals[2].payload.target.id, refund.body.id)
    assert.strictEqual(new Set(arrivals.map((a) => a.id)).size, 3)
    assert.strictEqual(new Set(arrivals.map((a) => a.payload.id)).size, 3)
  })
})

const parse = (argv: Array<string>, env: Record<string, string> = {}) => {
  const options = Cli.parse(["--store", "memory", "--auth", "off", ...argv], env)
  return options === "help" ? undefined : options.webhooks
}

describe("--webhook and --webhook-secret", () => {
  it("are repeatable, fall back to their comma-separated environment variables, and default to none", () => {
    assert.deepStrictEqual(parse([]), { urls: [], secrets: [] })
    assert.deepStrictEqual(
      parse(["--webhook", "http://127.0.0.1:9000/a", "--webhook", "https://hooks.example/b", "--webhook-secret", "s1"]),
      { urls: ["http://127.0.0.1:9000/a", "https://hooks.example/b"], secrets: ["s1"] }
    )
    assert.deepStrictEqual(
      parse([], { CHECKOUT_MOCK_WEBHOOK: "http://a.example/x, http://b.example/y", CHECKOUT_MOCK_WEBHOOK_SECRET: "s1,s2" }),
      { urls: ["http://a.example/x", "http://b.example/y"], secrets: ["s1", "s2"] }
    )
    // The flag wins over its variable.
    assert.deepStrictEqual(parse(["--webhook-secret", "mine"], { CHECKOUT_MOCK_WEBHOOK_SECRET: "theirs" })?.secrets, ["mine"])
  })

  it("a URL that is not absolute http(s), or that holds credentials, is a usage error naming it", () => {
    for (const bad of ["hooks.example/x", "ftp://hooks.example/x", "http://user:pw@hooks.example/x"]) {
      assert.throws(() => parse(["--webhook", bad]), Cli.UsageError, bad)
      assert.throws(() => parse([], { CHECKOUT_MOCK_WEBHOOK: bad }), Cli.UsageError, bad)
    }
  })
})
