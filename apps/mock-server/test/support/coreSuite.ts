import { afterAll, assert, beforeAll, beforeEach, describe, it } from "@effect/vitest"
import { ErrorDetailType, errorDetailTypes } from "@checkout-kit/domain/Errors"
import { Schema } from "effect"
import { fullSeedBody, seedExamples } from "./seeds.ts"
import { call, rawConnection, type TestServer } from "./server.ts"
import { specErrors } from "./spec.ts"

// Every response body is checked against the official spec.
const expectSession = (body: unknown) => assert.deepStrictEqual(specErrors("CheckoutSession", body), [])
const expectError = (status: number, body: unknown) => {
  const name = `Error${status}`
  if ([400, 401, 403, 404, 405, 409, 425, 429, 500, 502, 504].includes(status)) {
    assert.deepStrictEqual(specErrors(name, body), [])
  }
  assert.strictEqual((body as { status: number }).status, status)
  assert.strictEqual((body as { type: string }).type, "error")
  // Every detail type the mock emits is a name of the domain's table (Errors.errorDetailTypes).
  for (const detail of (body as { details: Array<{ type: string }> }).details) {
    assert.isTrue(Schema.is(ErrorDetailType)(detail.type), detail.type)
  }
}

// What a session reads back as: the body's session fields, with the spec's defaults.
const withItemDefaults = (body: Record<string, any>) => ({
  ...body,
  ...(body.cart_items
    ? {
      cart_items: body.cart_items.map((item: Record<string, unknown>) => ({
        discount_amount: 0,
        tax_amount: 0,
        ...item
      }))
    }
    : {})
})

// The head of a create that waits for 100 Continue before its body.
const expectContinueHead = (contentLength: number, extraHeaders = "") =>
  `POST /checkout/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
  `content-length: ${contentLength}\r\nexpect: 100-continue\r\n${extraHeaders}\r\n`

/**
 * The integration suite of the server core, over real HTTP, against a server
 * that `start` brings up (the same suite runs on every store).
 */
export const coreSuite = (startServer: () => Promise<TestServer>) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())
  beforeEach(async () => {
    assert.strictEqual((await call(server.url, "POST", "/_mock/reset")).status, 200)
  })

  const seeds = seedExamples()
  const minimalBody = seeds.find((e) => e.file.startsWith("01-") && e.role === "request")!.json
  const airlineBody = seeds.find((e) => e.file.startsWith("04-") && e.role === "request")!.json
    const fullBody = fullSeedBody()

  const api = (method: string, path: string, options?: Parameters<typeof call>[3]) =>
    call(server.url, method, path, options)



  describe("checkout sessions over HTTP", () => {
    it("creates a session from the minimal seed body and reads it back", async () => {
      const created = await api("POST", "/checkout/sessions", { body: minimalBody })
      assert.strictEqual(created.status, 201)
      expectSession(created.body)
      assert.strictEqual(created.body.type, "checkout-session")
      assert.deepStrictEqual(created.body.cart_items, minimalBody.cart_items)
      assert.deepStrictEqual(created.body.metadata, minimalBody.metadata)
      const read = await api("GET", `/checkout/sessions/${created.body.id}`)
      assert.strictEqual(read.status, 200)
      assert.deepStrictEqual(read.body, created.body)
    })

    it("creates a session with no body, expiring in an hour", async () => {
      // Bracketed by the clock before and after the call (expires_at has whole seconds), however long it takes.
      const before = Date.now()
      const created = await api("POST", "/checkout/sessions")
      const after = Date.now()
      assert.strictEqual(created.status, 201)
      expectSession(created.body)
      const createdAt = Date.parse(created.body.expires_at) - 3600_000
      assert.isAtLeast(createdAt, before - 1000)
      assert.isAtMost(createdAt, after)
    })

    it("creates a session from the full seed body (buyer, airline) and reads every field back", async () => {
      const before = Date.now()
      const created = await api("POST", "/checkout/sessions", { body: { ...fullBody, expires_in: 86_400 } })
      assert.strictEqual(created.status, 201)
      expectSession(created.body)
      const read = await api("GET", `/checkout/sessions/${created.body.id}`)
      const { expires_at: _, id: __, type: ___, ...fields } = read.body
      assert.deepStrictEqual(fields, withItemDefaults(fullBody))
      assert.isAtLeast(Date.parse(read.body.expires_at) - 86_400_000, before - 1000)
    })

    it("updates with the airline seed body: named fields replaced, others kept", async () => {
      const created = await api("POST", "/checkout/sessions", { body: fullBody })
      const updated = await api("PUT", `/checkout/sessions/${created.body.id}`, { body: airlineBody })
      assert.strictEqual(updated.status, 200)
      expectSession(updated.body)
      assert.deepStrictEqual(updated.body.airline, {
        ticket_delivery_method: "electronic",
        ...(airlineBody.airline as object)
      })
      assert.deepStrictEqual(updated.body.metadata, airlineBody.metadata)
      assert.deepStrictEqual(updated.body.buyer, fullBody.buyer)
      assert.strictEqual(updated.body.id, created.body.id)
      assert.deepStrictEqual((await api("GET", `/checkout/sessions/${created.body.id}`)).body, updated.body)
    })

    it("clears a field sent as null, keeps the absent ones, and moves expires_at with expires_in", async () => {
      const created = await api("POST", "/checkout/sessions", { body: fullBody })
      const updated = await api("PUT", `/checkout/sessions/${created.body.id}`, {
        body: { buyer: null, expires_in: 7200 }
      })
      assert.strictEqual(updated.status, 200)
      assert.notProperty(updated.body, "buyer")
      assert.deepStrictEqual(updated.body.airline, created.body.airline)
      assert.isAbove(Date.parse(updated.body.expires_at), Date.parse(created.body.expires_at) + 3000_000)
    })

    it("deletes a session: 204, then 404", async () => {
      const created = await api("POST", "/checkout/sessions", { body: minimalBody })
      const deleted = await api("DELETE", `/checkout/sessions/${created.body.id}`)
      assert.strictEqual(deleted.status, 204)
      assert.strictEqual(deleted.body, undefined)
      const read = await api("GET", `/checkout/sessions/${created.body.id}`)
      assert.strictEqual(read.status, 404)
      expectError(404, read.body)
      assert.strictEqual((await api("DELETE", `/checkout/sessions/${created.body.id}`)).status, 404)
    })

    it("GET /health answers 200", async () => {
      const health = await api("GET", "/health")
      assert.deepStrictEqual([health.status, health.body], [200, { status: "ok" }])
    })

    it("serves the OpenAPI document and an API reference page", async () => {
      const openapi = await api("GET", "/openapi.json")
      assert.strictEqual(openapi.status, 200)
      assert.include(Object.keys(openapi.body.paths), "/checkout/sessions/{session_id}")
      const docs = await fetch(`${server.url}/docs`)
      assert.strictEqual(docs.status, 200)
      assert.include(await docs.text(), "<html")
    })
  })

  describe("errors in the API's shape", () => {
    it("400 with a details entry for every invalid field", async () => {
      const response = await api("POST", "/checkout/sessions", {
        body: { cart_items: [{ name: "", quantity: 0, unit_amount: 1, extra: 1 }], currency: "usd" }
      })
      assert.strictEqual(response.status, 400)
      expectError(400, response.body)
      assert.strictEqual(response.body.code, "bad_request")
      assert.deepStrictEqual(response.body.details.map((d: { pointer: string }) => d.pointer).toSorted(), [
        "/cart_items/0/extra",
        "/cart_items/0/name",
        "/cart_items/0/quantity",
        "/currency"
      ])
    })

    it("400 for malformed JSON, with the empty pointer", async () => {
      const response = await api("POST", "/checkout/sessions", { raw: "{\"cart_items\": [" })
      assert.strictEqual(response.status, 400)
      expectError(400, response.body)
      // The type FastAPI on pydantic v1 reports for a body that is not JSON (API-SEMANTICS.md § Errors).
      const details = response.body.details.map((d: { pointer: string; location: string; type: string }) => [
        d.location,
        d.pointer,
        d.type
      ])
      assert.deepStrictEqual(details, [["body", "", errorDetailTypes.json]])
    })

    it("400 for an update without a body, and the session is unchanged", async () => {
      const created = await api("POST", "/checkout/sessions", { body: minimalBody })
      const response = await api("PUT", `/checkout/sessions/${created.body.id}`)
      assert.strictEqual(response.status, 400)
      expectError(400, response.body)
      assert.deepStrictEqual(response.body.details.map((d: { type: string }) => d.type), [errorDetailTypes.required])
      assert.deepStrictEqual((await api("GET", `/checkout/sessions/${created.body.id}`)).body, created.body)
    })

    it("an invalid update changes nothing", async () => {
      const created = await api("POST", "/checkout/sessions", { body: minimalBody })
      const response = await api("PUT", `/checkout/sessions/${created.body.id}`, {
        body: { metadata: { a: "b" }, amount: -1 }
      })
      assert.strictEqual(response.status, 400)
      assert.deepStrictEqual((await api("GET", `/checkout/sessions/${created.body.id}`)).body, created.body)
    })

    it("404 for an unknown session and for an id that is not a UUID", async () => {
      for (const id of ["3c90c3cc-0d44-4b50-8888-8dd25736052a", "not-a-uuid"]) {
        for (const method of ["GET", "PUT", "DELETE"]) {
          const response = await api(method, `/checkout/sessions/${id}`, method === "PUT" ? { body: {} } : {})
          assert.strictEqual(response.status, 404, `${method} ${id}`)
          expectError(404, response.body)
        }
      }
    })

    it("404, never a 500, for an id with a NUL byte, on every route that takes an id", async () => {
      // PostgreSQL text cannot hold NUL: such an id names no session on any store, and must not reach the database.
      const ids = [
        "%00",
        "%C3%9F%00%ED%9F%BF",
        "%003c90c3cc-0d44-4b50-8888-8dd25736052a",
        "3c90c3cc-0d44-4b50-8888-8dd25736052a%00",
        "3c90c3cc-0d44-4b50-%00888-8dd25736052a",
        "3c90c3cc-0d44-4b50-8888-8dd2573605%002a"
      ]
      const card = { method: "card", number: "4111111111111111", expiration_date: "12/99", security_code: "123" }
      const calls: ReadonlyArray<readonly [string, (id: string) => string, Parameters<typeof call>[3]]> = [
        ["GET", (id) => `/checkout/sessions/${id}`, {}],
        ["PUT", (id) => `/checkout/sessions/${id}`, { body: { amount: 100 } }],
        ["DELETE", (id) => `/checkout/sessions/${id}`, {}],
        ["GET", (id) => `//checkout///sessions/${id}`, {}],
        ["PUT", (id) => `/checkout/sessions/${id}/fields`, { body: { payment_method: card } }],
        ["POST", (id) => `/checkout/sessions/${id}/card-details`, { body: { bin: "411111" } }],
        ["PUT", (id) => `//checkout//sessions/${id}//fields`, { body: { payment_method: card } }]
      ]
      for (const id of ids) {
        for (const [method, path, options] of calls) {
          const response = await api(method, path(id), options)
          assert.strictEqual(response.status, 404, `${method} ${path(id)}`)
          expectError(404, response.body)
          // The session's 404, not a route's: the call reached the store.
          assert.strictEqual(response.body.message, "The checkout session could not be found")
        }
        // HEAD answers as GET does, without a body.
        for (const path of [`/checkout/sessions/${id}`, `//checkout///sessions/${id}`]) {
          const response = await api("HEAD", path)
          assert.strictEqual(response.status, 404, `HEAD ${path}`)
          assert.strictEqual(response.headers.get("content-type"), "application/json")
        }
      }
      // The store is still healthy (a database error would have marked it failing) and answers.
      assert.strictEqual((await api("GET", "/health")).status, 200)
      const created = await api("POST", "/checkout/sessions", { body: minimalBody })
      assert.strictEqual((await api("GET", `/checkout/sessions/${created.body.id}`)).status, 200)
    })

    it("404 for an unknown route and 405 for a wrong method on a known one", async () => {
      const unknown = await api("GET", "/checkout/nothing")
      assert.strictEqual(unknown.status, 404)
      expectError(404, unknown.body)
      const wrong = await api("PATCH", "/checkout/sessions/3c90c3cc-0d44-4b50-8888-8dd25736052a", { body: {} })
      assert.strictEqual(wrong.status, 405)
      expectError(405, wrong.body)
      assert.strictEqual(wrong.headers.get("allow"), "GET, PUT, DELETE")
      assert.strictEqual((await api("DELETE", "/checkout/sessions")).status, 405)
    })

    it("answers Expect: 100-continue before reading the body, as curl and .NET clients wait for", async () => {
      // A raw connection: the body is sent only once the server has said 100 Continue. Without it the
      // client would wait (curl gives up waiting after a second); here the test would time out.
      const body = JSON.stringify(fullBody)
      const connection = await rawConnection(server.url)
      connection.write(expectContinueHead(Buffer.byteLength(body)))
      await connection.waitFor(/^HTTP\/1\.1 100 Continue\r\n\r\n/)
      connection.write(body)
      await connection.waitFor(/HTTP\/1\.1 201 Created[\s\S]*\r\n\r\n\{[\s\S]*\}$/)
      connection.destroy()
      const received = connection.received()
      const created = JSON.parse(received.slice(received.lastIndexOf("\r\n\r\n") + 4))
      expectSession(created)
      assert.strictEqual((await api("GET", `/checkout/sessions/${created.id}`)).status, 200)
    })

    it("answers what is not HTTP in the error shape, and closes that connection only", async () => {
      const connection = await rawConnection(server.url)
      connection.write("THIS IS NOT HTTP\r\n\r\n")
      await connection.closed()
      const [head, body] = connection.received().split("\r\n\r\n")
      assert.match(head, /^HTTP\/1\.1 400 Bad Request\r\n/)
      assert.match(head, /\r\nconnection: close/i)
      expectError(400, JSON.parse(body))
      assert.strictEqual((await api("GET", "/health")).status, 200)
    })

    it("answers headers over Node's limit with 431 in the error shape", async () => {
      const connection = await rawConnection(server.url)
      connection.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nx-big: ${"b".repeat(20_000)}\r\n\r\n`)
      await connection.closed()
      const [head, body] = connection.received().split("\r\n\r\n")
      assert.match(head, /^HTTP\/1\.1 431 /)
      assert.deepStrictEqual(JSON.parse(body), {
        type: "error",
        code: "request_header_fields_too_large",
        status: 431,
        message: "The request's headers are larger than the server accepts",
        details: []
      })
    })

    it("sends the answer to a request before the error of a broken one after it on the same connection", async () => {
      // One write: a good request, then bytes that do not parse. The good one's answer waits in the response
      // batch when the parser fails; it must still go out, and nothing after it.
      const connection = await rawConnection(server.url)
      connection.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /health HTTP/1.1\r\nBad Header: y\r\n\r\n")
      await connection.closed()
      const received = connection.received()
      assert.match(received, /^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\n\{"status":"ok"\}$/)
      assert.strictEqual(received.match(/HTTP\/1\.1 /g)!.length, 1)
    })

    it("413 for a body over 1 MiB, and the server keeps serving", async () => {
      const response = await api("POST", "/checkout/sessions", { body: { metadata: { big: "x".repeat(1_100_000) } } })
      assert.strictEqual(response.status, 413)
      assert.strictEqual(response.body.code, "payload_too_large")
      assert.strictEqual((await api("POST", "/checkout/sessions", { body: minimalBody })).status, 201)
    })
  })

  describe("merchant accounts", () => {
    it("partitions sessions: another account's session does not exist", async () => {
      const headers = { "x-gr4vy-merchant-account-id": "merchant-a" }
      const created = await api("POST", "/checkout/sessions", { body: minimalBody, headers })
      const path = `/checkout/sessions/${created.body.id}`
      assert.strictEqual((await api("GET", path, { headers })).status, 200)
      assert.strictEqual((await api("GET", path)).status, 404)
      assert.strictEqual((await api("GET", path, { headers: { "x-gr4vy-merchant-account-id": "merchant-b" } })).status, 404)
      assert.strictEqual((await api("PUT", path, { body: { metadata: {} } })).status, 404)
      assert.strictEqual((await api("DELETE", path)).status, 404)
      assert.strictEqual((await api("GET", path, { headers })).status, 200)
    })

    it("no header means the default account", async () => {
      const created = await api("POST", "/checkout/sessions", { body: minimalBody })
      const read = await api("GET", `/checkout/sessions/${created.body.id}`, {
        headers: { "x-gr4vy-merchant-account-id": "default" }
      })
      assert.strictEqual(read.status, 200)
    })
  })

  describe("expiry and the mock clock", () => {
    it("a session is gone (404) after expires_at and purged from the store", async () => {
      const created = await api("POST", "/checkout/sessions", { body: { ...minimalBody, expires_in: 3600 } })
      const path = `/checkout/sessions/${created.body.id}`
      const early = await api("POST", "/_mock/clock", { body: { advance_seconds: 3599 } })
      assert.strictEqual(early.body.purged_sessions, 0)
      assert.strictEqual((await api("GET", path)).status, 200)
      const late = await api("POST", "/_mock/clock", { body: { advance_seconds: 2 } })
      assert.strictEqual(late.body.purged_sessions, 1)
      for (const method of ["GET", "PUT", "DELETE"]) {
        const response = await api(method, path, method === "PUT" ? { body: {} } : {})
        assert.strictEqual(response.status, 404, method)
      }
    })

    it("new sessions expire relative to the moved clock", async () => {
      await api("POST", "/_mock/clock", { body: { advance_seconds: 86_400 } })
      const created = await api("POST", "/checkout/sessions")
      assert.isAbove(Date.parse(created.body.expires_at), Date.now() + 86_400_000)
    })

    it("rejects a bad clock body with details", async () => {
      const response = await api("POST", "/_mock/clock", { body: { advance_seconds: -5, extra: true } })
      assert.strictEqual(response.status, 400)
      assert.deepStrictEqual(response.body.details.map((d: { pointer: string }) => d.pointer).toSorted(), [
        "/advance_seconds",
        "/extra"
      ])
    })
  })

  describe("forced errors and latency (Prefer)", () => {
    it("Prefer: code=<status> answers that status in the error shape without touching state", async () => {
      for (const status of [400, 401, 403, 404, 429, 500, 502, 503, 504]) {
        const response = await api("POST", "/checkout/sessions", {
          body: minimalBody,
          headers: { prefer: `code=${status}` }
        })
        assert.strictEqual(response.status, status)
        expectError(status, response.body)
      }
      const journal = await api("GET", "/_mock/requests")
      assert.strictEqual(journal.body.items.filter((e: { status: number }) => e.status === 201).length, 0)
    })

    it("Prefer: delay=<ms> delays the answer, alone or with a code", async () => {
      const start = performance.now()
      const response = await api("GET", "/health", { headers: { prefer: "delay=150, code=503" } })
      assert.isAtLeast(performance.now() - start, 150)
      assert.strictEqual(response.status, 503)
    })
  })

  describe("the request journal and reset", () => {
    it("records method, path, status, merchant account and time — never bodies", async () => {
      await api("POST", "/checkout/sessions", {
        body: { metadata: { secret: "4111111111111111" } },
        headers: { "x-gr4vy-merchant-account-id": "m-1", authorization: "Bearer secret-token" }
      })
      await api("GET", "/checkout/nothing")
      const journal = await api("GET", "/_mock/requests")
      assert.deepStrictEqual(
        journal.body.items.map((e: Record<string, unknown>) => [e.method, e.path, e.status, e.merchant_account_id]),
        [["POST", "/checkout/sessions", 201, "m-1"], ["GET", "/checkout/nothing", 404, "default"]]
      )
      assert.isFalse(Number.isNaN(Date.parse(journal.body.items[0].time)))
      const text = JSON.stringify(journal.body)
      assert.notInclude(text, "4111111111111111")
      assert.notInclude(text, "secret-token")
    })

    it("records a request its client abandoned mid-way as 499", async () => {
      // In flight for sure: the server has answered 100 Continue and waits for the body, which never comes.
      const connection = await rawConnection(server.url)
      connection.write(expectContinueHead(100, "x-gr4vy-merchant-account-id: leaver\r\n"))
      await connection.waitFor(/^HTTP\/1\.1 100 Continue\r\n\r\n/)
      connection.destroy()
      // The server learns of the close on its own time: ask until the journal has it (each ask a request).
      let abandoned: Array<Record<string, unknown>> = []
      for (let asked = 0; asked < 500 && abandoned.length === 0; asked++) {
        const journal = await api("GET", "/_mock/requests")
        abandoned = journal.body.items.filter((e: Record<string, unknown>) => e.merchant_account_id === "leaver")
      }
      assert.deepStrictEqual(
        abandoned.map((e) => [e.method, e.path, e.status]),
        [["POST", "/checkout/sessions", 499]]
      )
      assert.strictEqual((await api("GET", "/health")).status, 200)
    })

    it("reset drops every session and the journal", async () => {
      const created = await api("POST", "/checkout/sessions", { body: minimalBody })
      await api("POST", "/_mock/reset")
      assert.strictEqual((await api("GET", `/checkout/sessions/${created.body.id}`)).status, 404)
      const journal = await api("GET", "/_mock/requests")
      assert.deepStrictEqual(journal.body.items.map((e: { path: string }) => e.path), [
        `/checkout/sessions/${created.body.id}`
      ])
    })
  })

  describe("concurrency", () => {
    it("200 concurrent creates are all retrievable with equal content", async () => {
      const bodies = Array.from({ length: 200 }, (_, i) => ({ ...minimalBody, metadata: { order: `order-${i}` } }))
      const created = await Promise.all(bodies.map((body) => api("POST", "/checkout/sessions", { body })))
      assert.deepStrictEqual(created.map((r) => r.status), bodies.map(() => 201))
      assert.strictEqual(new Set(created.map((r) => r.body.id)).size, 200)
      const read = await Promise.all(created.map((r) => api("GET", `/checkout/sessions/${r.body.id}`)))
      for (let i = 0; i < bodies.length; i++) {
        assert.deepStrictEqual(read[i].body, created[i].body)
        assert.strictEqual(read[i].body.metadata.order, `order-${i}`)
      }
    })

    it("concurrent PUTs on one session leave exactly one of the bodies, whole", async () => {
      const created = await api("POST", "/checkout/sessions", { body: minimalBody })
      const path = `/checkout/sessions/${created.body.id}`
      const bodies = Array.from({ length: 50 }, (_, i) => ({
        metadata: { writer: `w-${i}` },
        cart_items: [{ name: `item-${i}`, quantity: i + 1, unit_amount: i }],
        amount: i,
        currency: "EUR"
      }))
      const responses = await Promise.all(bodies.map((body) => api("PUT", path, { body })))
      assert.deepStrictEqual(responses.map((r) => r.status), bodies.map(() => 200))
      const final = (await api("GET", path)).body
      const i = Number(final.metadata.writer.slice(2))
      assert.deepStrictEqual(final.cart_items, withItemDefaults(bodies[i]).cart_items)
      assert.strictEqual(final.amount, i)
    })
  })
}
