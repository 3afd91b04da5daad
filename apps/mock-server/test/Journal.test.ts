import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { randomUUID } from "node:crypto"
import { maxBodyChars } from "../src/Journal.ts"
import { withoutRandomValues } from "./support/cards.ts"
import { openEvents, requestEvents } from "./support/events.ts"
import { makeKeyPair, signToken } from "./support/keys.ts"
import { call, startServer, type TestServer } from "./support/server.ts"
import { specErrors } from "./support/spec.ts"

const key = makeKeyPair()
const card = { method: "card", number: "4111111111111111", expiration_date: "12/99", security_code: "737" }

describe("the journal", () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ auth: { kind: "jwt", publicKeys: [key.publicKeyPem] } })
  })
  afterAll(() => server.close())

  const journal = async () => (await call(server.url, "GET", "/_mock/requests")).body.items as Array<Record<string, any>>
  const detail = async (id: number) => call(server.url, "GET", `/_mock/requests/${id}`)

  it("lists each request with time, operation, status, duration, merchant account and what Prefer forced", async () => {
    await call(server.url, "POST", "/_mock/reset")
    const token = await signToken(key.privateKey, key.publicKey)
    await call(server.url, "POST", "/checkout/sessions", {
      body: {},
      headers: { authorization: `Bearer ${token}`, "x-gr4vy-merchant-account-id": "acme" }
    })
    await call(server.url, "GET", "/health", { headers: { prefer: "code=503, delay=5" } })
    await call(server.url, "GET", "/nowhere")
    const items = await journal()
    assert.deepStrictEqual(
      items.map((e) => [e.method, e.path, e.operation, e.status, e.merchant_account_id, e.forced_status, e.delay_ms]),
      [
        ["POST", "/checkout/sessions", "create", 201, "acme", null, null],
        ["GET", "/health", "health", 503, "default", 503, 5],
        ["GET", "/nowhere", null, 404, "default", null, null]
      ]
    )
    assert.isAbove(items[1].id, items[0].id)
    // Timers may fire a fraction of a millisecond early.
    assert.isAtLeast(items[1].duration_ms, 4)
    assert.strictEqual(new Date(items[0].time).toISOString(), items[0].time)
  })

  it("names the merchant account a call acted on where the header does not: a browser call's session's, a bound key's", async () => {
    await call(server.url, "POST", "/_mock/reset")
    const created = await call(server.url, "POST", "/checkout/sessions", {
      body: {},
      headers: { authorization: `Bearer ${await signToken(key.privateKey, key.publicKey)}`, "x-gr4vy-merchant-account-id": "acme" }
    })
    const id = created.body.id as string
    // The browser-facing calls, without a token or a header: they find the session by its id.
    assert.strictEqual((await call(server.url, "PUT", `/checkout/sessions/${id}/fields`, { body: { payment_method: card } })).status, 204)
    assert.strictEqual((await call(server.url, "POST", `/checkout/sessions/${id}/card-details`, { body: { bin: "411111" } })).status, 200)
    // One that finds no session names no account but the default.
    assert.strictEqual((await call(server.url, "PUT", `/checkout/sessions/${randomUUID()}/fields`, { body: { payment_method: card } })).status, 404)
    const items = await journal()
    assert.deepStrictEqual(items.map((e) => [e.operation, e.status, e.merchant_account_id]), [
      ["create", 201, "acme"],
      ["updateFields", 204, "acme"],
      ["cardDetails", 200, "acme"],
      ["updateFields", 404, "default"]
    ])
  })

  it("keeps the bodies handlers read, whether read raw (create) or decoded by the contract (card details)", async () => {
    await call(server.url, "POST", "/_mock/reset")
    const authorization = `Bearer ${await signToken(key.privateKey, key.publicKey)}`
    const id = (await call(server.url, "POST", "/checkout/sessions", { body: { metadata: { order: "42" } }, headers: { authorization } }))
      .body.id
    assert.strictEqual((await call(server.url, "POST", `/checkout/sessions/${id}/card-details`, { body: { bin: "411111" } })).status, 200)
    const [create, cardDetails] = await journal()
    assert.deepStrictEqual((await detail(create.id)).body.request.body, { metadata: { order: "42" } })
    assert.deepStrictEqual((await detail(cardDetails.id)).body.request.body, { bin: "411111" })
  })

  it("names a bound key's merchant account for its calls without the header", async () => {
    const bound = makeKeyPair()
    const boundServer = await startServer({
      auth: { kind: "jwt", publicKeys: [{ pem: bound.publicKeyPem, merchantAccountId: "globex" }] }
    })
    try {
      const token = await signToken(bound.privateKey, bound.publicKey)
      const created = await call(boundServer.url, "POST", "/checkout/sessions", { body: {}, headers: { authorization: `Bearer ${token}` } })
      assert.strictEqual(created.status, 201)
      const items = (await call(boundServer.url, "GET", "/_mock/requests")).body.items as Array<Record<string, any>>
      assert.deepStrictEqual(items.map((e) => [e.operation, e.merchant_account_id]), [["create", "globex"]])
    } finally {
      await boundServer.close()
    }
  })

  it("a request in full: headers with the token redacted and its claims decoded, both bodies", async () => {
    await call(server.url, "POST", "/_mock/reset")
    const sessionId = randomUUID()
    const pinned = await signToken(key.privateKey, key.publicKey, {
      scopes: ["checkout-sessions.read"],
      claims: { checkout_session_id: sessionId }
    })
    assert.strictEqual((await call(server.url, "GET", `/checkout/sessions/${sessionId}`, { headers: { authorization: `Bearer ${pinned}` } })).status, 404)
    const token = await signToken(key.privateKey, key.publicKey)
    const created = await call(server.url, "POST", "/checkout/sessions", {
      body: { metadata: { order: "42" } },
      headers: { authorization: `Bearer ${token}` }
    })
    assert.strictEqual(created.status, 201)
    const [read, create] = await journal()

    const claims = (await detail(read.id)).body.request.token
    assert.deepStrictEqual(claims.scopes, ["checkout-sessions.read"])
    assert.strictEqual(claims.checkout_session_id, sessionId)
    assert.strictEqual(claims.alg, "ES512")
    assert.isAbove(Date.parse(claims.expires_at), Date.parse(claims.issued_at))

    const response = await detail(create.id)
    assert.strictEqual(response.status, 200)
    const full = response.body
    assert.strictEqual(full.operation, "create")
    assert.strictEqual(full.request.headers.authorization, "Bearer [redacted]")
    for (const secret of [token, pinned]) {
      assert.notInclude(JSON.stringify(full), secret.split(".")[1])
      assert.notInclude(JSON.stringify((await detail(read.id)).body), secret.split(".")[2])
    }
    assert.deepStrictEqual(full.request.body, { metadata: { order: "42" } })
    assert.deepStrictEqual(full.response.body, created.body)
    assert.strictEqual(full.response.headers["content-type"], "application/json")
  })

  it("a secure-fields body is kept with the number reduced to BIN and last four, without the security code", async () => {
    await call(server.url, "POST", "/_mock/reset")
    const token = await signToken(key.privateKey, key.publicKey)
    const id = (await call(server.url, "POST", "/checkout/sessions", { headers: { authorization: `Bearer ${token}` } })).body.id
    assert.strictEqual((await call(server.url, "PUT", `/checkout/sessions/${id}/fields`, { body: { payment_method: card } })).status, 204)
    // Not JSON: withheld whole, whatever it holds.
    await call(server.url, "PUT", `/checkout/sessions/${id}/fields`, { raw: `{"payment_method":{"number":"4111111111111111","security_code":"737"` })
    const [, fields, broken] = await journal()
    const kept = (await detail(fields.id)).body.request.body
    assert.deepStrictEqual(kept, { payment_method: { method: "card", number: "411111…1111", expiration_date: "12/99" } })
    const withheld = (await detail(broken.id)).body
    assert.strictEqual(withheld.status, 400)
    assert.include(withheld.request.body, "withheld")
    for (const entry of [fields, broken]) {
      const text = JSON.stringify((await detail(entry.id)).body)
      assert.notInclude(text, "4111111111111111")
      assert.notInclude(withoutRandomValues(text), "737")
    }
  })

  it("keeps a large body cut, with the count of what it left out", async () => {
    await call(server.url, "POST", "/_mock/reset")
    const token = await signToken(key.privateKey, key.publicKey)
    await call(server.url, "POST", "/checkout/sessions", { raw: "x".repeat(100_000), headers: { authorization: `Bearer ${token}` } })
    const [entry] = await journal()
    const body = (await detail(entry.id)).body.request.body
    assert.strictEqual(body, `${"x".repeat(maxBodyChars)}… [${100_000 - maxBodyChars} more characters not kept]`)
  })

  it("shows a body beyond ASCII as it was sent, whole while it has no more than the limit's characters", async () => {
    await call(server.url, "POST", "/_mock/reset")
    const token = await signToken(key.privateKey, key.publicKey)
    const headers = { authorization: `Bearer ${token}` }
    const text = JSON.stringify({ metadata: { buyer: "Zoë Ångström", amount: "€100", note: "🙂 ok" } })
    assert.strictEqual((await call(server.url, "POST", "/checkout/sessions", { raw: text, headers })).status, 201)
    // More bytes than the limit (two each), no more characters: kept whole.
    const wide = "é".repeat(maxBodyChars)
    assert.strictEqual((await call(server.url, "POST", "/checkout/sessions", { raw: wide, headers })).status, 400)
    const [created, widest] = await journal()
    assert.deepStrictEqual((await detail(created.id)).body.request.body, JSON.parse(text))
    assert.strictEqual((await detail(widest.id)).body.request.body, wide)
  })

  it("an unknown or malformed id answers 404 in the API's shape", async () => {
    for (const id of ["999999", "0", "abc", "-1"]) {
      const response = await call(server.url, "GET", `/_mock/requests/${id}`)
      assert.strictEqual(response.status, 404, id)
      assert.deepStrictEqual(specErrors("Error404", response.body), [])
    }
  })

  it("/_mock/events streams each entry as it is answered, and the resets and clock moves", async () => {
    const events = await openEvents(server.url)
    try {
      assert.strictEqual(events.response.headers.get("content-type"), "text/event-stream")
      await events.until(/^: listening$/m)
      await call(server.url, "GET", "/health", { headers: { prefer: "code=429" } })
      const [event] = requestEvents(await events.until(/^event: request$/m))
      assert.deepStrictEqual([event.method, event.path, event.status, event.forced_status], ["GET", "/health", 429, 429])
      assert.deepStrictEqual(event, (await journal()).find((e) => e.id === event.id))
      await call(server.url, "POST", "/_mock/clock", { body: { advance_seconds: 60 } })
      await events.until(/^event: clock\ndata: \{"now":"[^"]+"\}$/m)
      await call(server.url, "POST", "/_mock/reset")
      await events.until(/^event: reset$/m)
    } finally {
      await events.close()
    }
  })
})

describe("a bounded journal (journalSize)", () => {
  it("keeps the last N requests; an evicted one answers 404", async () => {
    const server = await startServer({ journalSize: 3 })
    try {
      for (let i = 0; i < 5; i++) await call(server.url, "GET", `/health?i=${i}`)
      const items = (await call(server.url, "GET", "/_mock/requests")).body.items
      assert.strictEqual(items.length, 3)
      assert.deepStrictEqual(items.map((e: any) => e.id), [3, 4, 5])
      assert.strictEqual((await call(server.url, "GET", "/_mock/requests/2")).status, 404)
      assert.strictEqual((await call(server.url, "GET", "/_mock/requests/3")).status, 200)
    } finally {
      await server.close()
    }
  })

  it("0 keeps none, and still streams", async () => {
    const server = await startServer({ journalSize: 0 })
    const events = await openEvents(server.url)
    try {
      await events.until(/^: listening$/m)
      await call(server.url, "GET", "/health")
      assert.strictEqual(requestEvents(await events.until(/^event: request$/m))[0].path, "/health")
      assert.deepStrictEqual((await call(server.url, "GET", "/_mock/requests")).body.items, [])
    } finally {
      await events.close()
      await server.close()
    }
  })

  it("an open event stream ends when the server shuts down, and does not hold it open", async () => {
    const server = await startServer()
    const events = await openEvents(server.url)
    await events.until(/^: listening$/m)
    await Promise.all([server.close(), events.ended()])
  })
})
