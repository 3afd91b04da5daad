import { WebhookEvent } from "@checkout-kit/domain/WebhookEvent"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import { strictOptions } from "@checkout-kit/domain/StrictDecoder"
import * as Cli from "../src/Cli.ts"
import { cardDataIn, type Receiver, startReceiver, watchAttempts } from "./support/receiver.ts"
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

describe("every event the mock sends, scanned for card data", () => {
  it("buyers, shipping details, stored cards, transactions and refunds: each event in order, none with card data", async () => {
    const receiver = await startReceiver(secrets)
    const server = await startServer({ webhooks: { urls: [receiver.url], secrets } })
    try {
      const send = async (method: string, path: string, body?: unknown) =>
        (await call(server.url, method, path, { headers, ...(body === undefined ? {} : { body }) })).body
      const buyer = (await send("POST", "/buyers", { display_name: "Scan" })).id
      await send("PUT", `/buyers/${buyer}`, { display_name: "Scanned" })
      const shipping = (await send("POST", `/buyers/${buyer}/shipping-details`, { first_name: "Ada" })).id
      await send("PUT", `/buyers/${buyer}/shipping-details/${shipping}`, { first_name: "Grace" })
      await send("DELETE", `/buyers/${buyer}/shipping-details/${shipping}`)
      const stored = await send("POST", "/payment-methods", {
        method: "card",
        number: "5555555555554444",
        expiration_date: "11/39",
        security_code: "456",
        buyer_id: buyer
      })
      await send("PUT", `/payment-methods/${stored.id}`, { expiration_date: "12/39" })
      const captured = await send("POST", "/transactions", { amount: 1500, currency: "USD", intent: "capture", payment_method: card })
      await send("POST", "/transactions", { amount: 200001, currency: "USD", payment_method: card })
      await send("POST", "/transactions", { amount: 200002, currency: "USD", payment_method: card })
      const voided = await send("POST", "/transactions", { amount: 700, currency: "USD", payment_method: card })
      await send("POST", `/transactions/${voided.id}/void`, {})
      // Paying with the stored card counts its use: no event of its own.
      await send("POST", "/transactions", { amount: 800, currency: "USD", payment_method: { method: "id", id: stored.id } })
      await send("POST", `/transactions/${captured.id}/refunds`, { amount: 100 })
      await send("DELETE", `/payment-methods/${stored.id}`)
      await send("DELETE", `/buyers/${buyer}`)

      const expected = [
        "buyer.created",
        "buyer.updated",
        "shipping-details.created",
        "shipping-details.updated",
        "shipping-details.deleted",
        "payment-method.updated",
        "transaction.captured",
        "transaction.declined",
        "transaction.failed",
        "transaction.authorized",
        "transaction.voided",
        "transaction.authorized",
        "refund.succeeded",
        "payment-method.deleted",
        "buyer.deleted"
      ]
      const arrivals = await receiver.arrived(expected.length)
      assert.deepStrictEqual(arrivals.map((a) => a.payload.name), expected)
      for (const arrival of arrivals) {
        assert.deepStrictEqual(cardDataIn(arrival.body), [], arrival.body)
        assert.deepStrictEqual(arrival.verifiedBy, secrets)
        Schema.decodeUnknownSync(WebhookEvent)(arrival.payload, strictOptions)
      }
      assert.strictEqual(arrivals[5].payload.target.expiration_date, "12/39")
      assert.strictEqual(arrivals[14].payload.target.id, buyer)
    } finally {
      await server.close()
      await receiver.close()
    }
  })
})

describe("the webhook controls over HTTP", () => {
  let receiver: Receiver
  let server: TestServer
  const controlSecret = "runtime-secret-value"
  const newBuyer = async (name: string) =>
    (await call(server.url, "POST", "/buyers", { headers, body: { display_name: name } })).body.id as string
  const deliveriesOf = async (query = "") => (await call(server.url, "GET", `/_mock/webhooks/deliveries${query}`)).body.items
  beforeAll(async () => {
    receiver = await startReceiver([controlSecret, "flag-secret"])
    server = await startServer({ webhooks: { urls: [], secrets: ["flag-secret"] } })
  })
  afterAll(async () => {
    await server.close()
    await receiver.close()
  })

  it("subscriptions are added, listed without their secrets, and removed; a bad URL is a 400 naming /url", async () => {
    assert.deepStrictEqual((await call(server.url, "GET", "/_mock/webhooks")).body, { items: [] })
    const bad = await call(server.url, "POST", "/_mock/webhooks", { body: { url: "ftp://127.0.0.1/x" } })
    assert.strictEqual(bad.status, 400)
    assert.strictEqual(bad.body.type, "error")
    assert.strictEqual(bad.body.details[0].pointer, "/url")
    const added = await call(server.url, "POST", "/_mock/webhooks", {
      body: { url: `${receiver.url}/runtime`, secrets: [controlSecret] }
    })
    assert.strictEqual(added.status, 201)
    assert.strictEqual(added.body.source, "runtime")
    assert.strictEqual(added.body.secret_count, 1)
    const spare = await call(server.url, "POST", "/_mock/webhooks", { body: { url: `${receiver.url}/spare` } })
    // Given no secrets, the server's --webhook-secret list signs.
    assert.strictEqual(spare.body.secret_count, 1)
    const listed = await call(server.url, "GET", "/_mock/webhooks")
    assert.deepStrictEqual(listed.body.items.map((s: any) => s.url), [`${receiver.url}/runtime`, `${receiver.url}/spare`])
    const resources = await call(server.url, "GET", "/_mock/resources?kind=webhook-subscription")
    assert.lengthOf(resources.body.items, 2)
    for (const text of [JSON.stringify(listed.body), JSON.stringify(resources.body)]) {
      assert.notInclude(text, controlSecret)
      assert.notInclude(text, "flag-secret")
      assert.notInclude(text, "\"secrets\"")
    }
    assert.strictEqual((await call(server.url, "DELETE", `/_mock/webhooks/${spare.body.id}`)).status, 204)
    assert.strictEqual((await call(server.url, "DELETE", `/_mock/webhooks/${spare.body.id}`)).status, 404)
    assert.lengthOf((await call(server.url, "GET", "/_mock/webhooks")).body.items, 1)
  })

  it("a buyer created is delivered, listed with its attempt, and resent with the same webhook id", async () => {
    const before = receiver.arrivals.length
    const id = await newBuyer("Resend")
    const [arrival] = (await receiver.arrived(before + 1)).slice(before)
    assert.strictEqual(arrival.payload.name, "buyer.created")
    assert.strictEqual(arrival.payload.target.id, id)
    assert.deepStrictEqual(arrival.verifiedBy, [controlSecret])
    const accepted = await call(server.url, "POST", `/_mock/webhooks/deliveries/${arrival.id}/resend`)
    assert.strictEqual(accepted.status, 202)
    const [again] = (await receiver.arrived(before + 2)).slice(before + 1)
    assert.strictEqual(again.id, arrival.id)
    assert.strictEqual(again.body, arrival.body)
    assert.strictEqual((await call(server.url, "POST", "/_mock/webhooks/deliveries/none/resend")).status, 404)
    const listed = await deliveriesOf(`?event_name=buyer.created&merchant_account_id=${account}`)
    const delivery = listed.find((d: any) => d.id === arrival.id)
    assert.strictEqual(delivery.event.id, arrival.payload.id)
    assert.strictEqual(delivery.url, `${receiver.url}/runtime`)
    assert.isAtLeast(delivery.attempts.length, 1)
    assert.strictEqual(delivery.attempts[0].status_code, 200)
    assert.strictEqual(delivery.attempts[0].response_excerpt, "ok")
    assert.deepStrictEqual(await deliveriesOf("?event_name=refund.succeeded"), [])
    assert.deepStrictEqual(await deliveriesOf("?merchant_account_id=someone-else"), [])
  })

  it("hooks: the next event duplicated, held on the account's clock, and the next two reordered", async () => {
    const hook = (body: unknown) => call(server.url, "POST", "/_mock/webhooks/hooks", { body })
    let seen = receiver.arrivals.length

    const duplicate = await hook({ action: "duplicate", event_name: "buyer.created" })
    assert.strictEqual(duplicate.status, 201)
    assert.strictEqual(duplicate.body.action, "duplicate")
    await newBuyer("Twice")
    const twice = (await receiver.arrived(seen + 2)).slice(seen)
    assert.strictEqual(twice[0].id, twice[1].id)
    assert.strictEqual(twice[0].body, twice[1].body)
    seen += 2

    assert.strictEqual((await hook({ action: "delay", seconds: 600 })).status, 201)
    const held = await newBuyer("Held")
    // The held event's delivery: pending, never attempted (the duplicated one above has attempts).
    const [pending] = (await deliveriesOf()).filter((d: any) => d.attempts.length === 0)
    assert.deepStrictEqual(pending.attempts, [])
    assert.strictEqual(Date.parse(pending.next_attempt_at) - Date.parse(pending.event.created_at), 600_000)
    const moved = await call(server.url, "POST", "/_mock/clock", { headers, body: { advance_seconds: 600 } })
    assert.strictEqual(moved.status, 200)
    const [late] = (await receiver.arrived(seen + 1)).slice(seen)
    assert.strictEqual(late.payload.target.id, held)
    seen += 1

    assert.strictEqual((await hook({ action: "reorder", event_name: "buyer.created" })).status, 201)
    const first = await newBuyer("First")
    const second = await newBuyer("Second")
    const reordered = (await receiver.arrived(seen + 2)).slice(seen)
    assert.deepStrictEqual(reordered.map((a) => a.payload.target.id), [second, first])
  })
})

describe("retries over HTTP", () => {
  it("a receiver answering 500 twice gets the same event a third time, same webhook id, as the clock is moved", async () => {
    const receiver = await startReceiver(secrets)
    const server = await startServer({ webhooks: { urls: [receiver.url], secrets } })
    const watch = await watchAttempts([server.url])
    const retried = { "x-gr4vy-merchant-account-id": "wh-retries" }
    try {
      // The account's clock pinned (it may not be set before real time: a date well after it).
      await call(server.url, "POST", "/_mock/clock", { headers: retried, body: { time: "2031-05-01T09:00:00Z" } })
      receiver.answerNext(500, 500)
      await call(server.url, "POST", "/buyers", { headers: retried, body: { display_name: "Retried" } })
      // Each move waits for the mock's own account of the attempt before it: a retry is due from the attempt's time.
      await watch.recorded(1)
      await call(server.url, "POST", "/_mock/clock", { headers: retried, body: { advance_seconds: 60 } })
      await watch.recorded(2)
      await call(server.url, "POST", "/_mock/clock", { headers: retried, body: { advance_seconds: 120 } })
      const arrivals = await receiver.arrived(3)
      await watch.recorded(3)
      assert.strictEqual(new Set(arrivals.map((a) => a.id)).size, 1)
      assert.strictEqual(new Set(arrivals.map((a) => a.body)).size, 1)
      for (const arrival of arrivals) assert.deepStrictEqual(arrival.verifiedBy, secrets)
      assert.match(arrivals[0].payload.created_at, /^2031-05-01T09:00:/)
      assert.deepStrictEqual(watch.events.map((e) => [e.status, e.status_code]), [
        ["pending", 500],
        ["pending", 500],
        ["delivered", 200]
      ])
      const [delivery] = (await call(server.url, "GET", "/_mock/webhooks/deliveries")).body.items
      assert.strictEqual(delivery.id, arrivals[0].id)
      const times = delivery.attempts.map((a: any) => Date.parse(a.at))
      assert.isAtLeast(times[1] - times[0], 60_000)
      assert.isAtLeast(times[2] - times[1], 120_000)
    } finally {
      watch.close()
      await server.close()
      await receiver.close()
    }
  })
})

describe("a --webhook subscription", () => {
  it("is listed with source flag and a count of secrets, and removed until the next start", async () => {
    const server = await startServer({ webhooks: { urls: ["http://127.0.0.1:9/flagged"], secrets } })
    try {
      const listed = await call(server.url, "GET", "/_mock/webhooks")
      assert.lengthOf(listed.body.items, 1)
      const [flag] = listed.body.items
      assert.deepStrictEqual([flag.id, flag.url, flag.source, flag.secret_count], ["flag-1", "http://127.0.0.1:9/flagged", "flag", 2])
      assert.isFalse(Number.isNaN(Date.parse(flag.created_at)))
      assert.strictEqual((await call(server.url, "DELETE", "/_mock/webhooks/flag-1")).status, 204)
      assert.strictEqual((await call(server.url, "DELETE", "/_mock/webhooks/flag-1")).status, 404)
      assert.deepStrictEqual((await call(server.url, "GET", "/_mock/webhooks")).body.items, [])
      // Removed, it gets no event.
      await call(server.url, "POST", "/buyers", { headers, body: { display_name: "Unheard" } })
      assert.deepStrictEqual((await call(server.url, "GET", "/_mock/webhooks/deliveries")).body.items, [])
    } finally {
      await server.close()
    }
  })
})

describe("the webhook controls where the controls are off", () => {
  it("are not served", async () => {
    const closed = await startServer({ admin: false })
    try {
      assert.strictEqual((await call(closed.url, "GET", "/_mock/webhooks")).status, 404)
      assert.strictEqual((await call(closed.url, "POST", "/_mock/webhooks", { body: { url: "http://127.0.0.1:9/" } })).status, 404)
      assert.strictEqual((await call(closed.url, "GET", "/_mock/webhooks/deliveries")).status, 404)
    } finally {
      await closed.close()
    }
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
