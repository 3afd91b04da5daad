import { afterAll, assert, beforeAll, beforeEach, describe, it } from "@effect/vitest"
import { errorDetailTypes } from "@checkout-kit/domain/Errors"
import { DateTime, Effect, Redacted } from "effect"
import { CheckoutKitClient } from "../src/CheckoutKitClient.ts"
import * as Errors from "../src/Errors.ts"
import * as DomainErrors from "@checkout-kit/domain/Errors"
import * as TokenSigner from "../src/TokenSigner.ts"
import { createClient, type PromiseClient } from "../src/Promise.ts"
import * as Jose from "jose"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { makeKeyPair, rejection, startMock } from "./support.ts"

const merchant = makeKeyPair()
let mock: Awaited<ReturnType<typeof startMock>>
let client: PromiseClient
// Short backoffs keep the retry tests quick; the per-attempt timeout is a hang guard (a loaded machine can take seconds).
const fastRetries = { retries: 3, baseDelayMillis: 5, maxDelayMillis: 20, timeoutMillis: 60_000 }

beforeAll(async () => {
  mock = await startMock({ auth: { kind: "jwt", publicKeys: [merchant.publicKeyPem] } })
  client = createClient({ baseUrl: mock.url, privateKey: merchant.privateKeyPem, retry: fastRetries })
})
afterAll(async () => {
  await client.close()
  await mock.close()
})
beforeEach(async () => {
  await mock.reset()
})

// A Promise client for one test, with extra options.
const clientWith = (options: Parameters<typeof createClient>[0]) => createClient(options)


describe("the Promise client against the mock server", () => {
  it("creates, reads, updates and deletes a session with signed requests", async () => {
    const created = await client.checkoutSessions.create({
      cartItems: [{ name: "GoPro", quantity: 1, unitAmount: 37999 }],
      metadata: { order: "42" }
    })
    assert.isTrue(DateTime.isDateTime(created.expiresAt))
    assert.strictEqual(created.cartItems?.[0]?.discountAmount, 0)
    const read = await client.checkoutSessions.get(created.id)
    assert.deepStrictEqual(read, created)
    const updated = await client.checkoutSessions.update(created.id, { metadata: null, currency: "EUR" })
    assert.strictEqual(updated.currency, "EUR")
    assert.isUndefined(updated.metadata)
    await client.checkoutSessions.delete(created.id)
    assert.instanceOf(await rejection(client.checkoutSessions.get(created.id)), Errors.NotFound)
  })

  it("attaches a card through secure fields and looks up a BIN", async () => {
    const created = await client.checkoutSessions.create()
    await client.checkoutSessions.updateFields(created.id, {
      paymentMethod: { method: "card", number: Redacted.make("4111111111111111", { label: "number" }), expirationDate: "12/99" }
    })
    const read = await client.checkoutSessions.get(created.id)
    assert.strictEqual(read.paymentMethod?.label, "1111")
    assert.strictEqual(read.paymentMethod?.scheme, "visa")
    const details = await client.checkoutSessions.cardDetails(created.id, "555555")
    assert.strictEqual(details.scheme, "mastercard")
  })

  it("calls the browser-facing endpoints without a token, on a session of any merchant account", async () => {
    const acme = clientWith({ baseUrl: mock.url, privateKey: merchant.privateKeyPem, merchantAccountId: "acme" })
    const created = await acme.checkoutSessions.create()
    // A token the mock refuses (401): were it sent, the calls would fail.
    const browser = clientWith({ baseUrl: mock.url, token: "not-a-jwt", retry: fastRetries })
    await browser.checkoutSessions.updateFields(created.id, {
      paymentMethod: { method: "card", number: Redacted.make("4111111111111111", { label: "number" }), expirationDate: "12/99" }
    })
    assert.strictEqual((await browser.checkoutSessions.cardDetails(created.id, "411111")).scheme, "visa")
    assert.instanceOf(await rejection(browser.checkoutSessions.get(created.id)), Errors.Unauthorized)
    assert.strictEqual((await acme.checkoutSessions.get(created.id)).paymentMethod?.label, "1111")
    await acme.close()
    await browser.close()
  })

  it("sends the merchant account, which partitions sessions", async () => {
    const acme = clientWith({ baseUrl: mock.url, privateKey: merchant.privateKeyPem, merchantAccountId: "acme" })
    const created = await acme.checkoutSessions.create()
    assert.instanceOf(await rejection(client.checkoutSessions.get(created.id)), Errors.NotFound)
    assert.strictEqual((await acme.checkoutSessions.get(created.id)).id, created.id)
    await acme.close()
  })
})

describe("keys other than P-521", () => {
  it("signs with an RSA key bound to a merchant account: RS256 by default, RS512 when asked", async () => {
    const rsa = makeKeyPair("RSA")
    const bound = await startMock({ auth: { kind: "jwt", publicKeys: [{ pem: rsa.publicKeyPem, merchantAccountId: "acme" }] } })
    try {
      for (const algorithm of [undefined, "RS512"]) {
        const header = Jose.decodeProtectedHeader(await TokenSigner.make(rsa.privateKeyPem, { algorithm }).mint())
        assert.strictEqual(header.alg, algorithm ?? "RS256")
        const rsaClient = clientWith({ baseUrl: bound.url, privateKey: rsa.privateKeyPem, algorithm, retry: fastRetries })
        const created = await rsaClient.checkoutSessions.create()
        // No header: the session is the key's account's.
        const acme = clientWith({ baseUrl: bound.url, privateKey: rsa.privateKeyPem, merchantAccountId: "acme" })
        assert.strictEqual((await acme.checkoutSessions.get(created.id)).id, created.id)
        await rsaClient.close()
        await acme.close()
      }
    } finally {
      await bound.close()
    }
  })
})

describe("typed errors", () => {
  it("BadRequest with the server's details[]", async () => {
    const created = await client.checkoutSessions.create()
    // A card number the contract's types allow but the server rejects (Luhn).
    const error = await rejection(client.checkoutSessions.updateFields(created.id, {
      paymentMethod: { number: Redacted.make("4111111111111112", { label: "number" }), expirationDate: "12/99" }
    }))
    assert.instanceOf(error, Errors.BadRequest)
    assert.deepStrictEqual((error as Errors.BadRequest).details!.map((d) => [d.pointer, d.type]), [
      ["/payment_method/number", errorDetailTypes.luhn]
    ])
  })

  it("BadRequest with wire pointers, before sending a body the contract rejects", async () => {
    const error = await rejection(client.checkoutSessions.create({
      cartItems: [{ name: "", quantity: 0, unitAmount: 1 }]
    }))
    assert.instanceOf(error, Errors.BadRequest)
    assert.deepStrictEqual((error as Errors.BadRequest).details!.map((d) => d.pointer).toSorted(), [
      "/cart_items/0/name",
      "/cart_items/0/quantity"
    ])
    assert.deepStrictEqual(await mock.journal(), [])
  })

  it("Unauthorized without a key, Forbidden with the wrong scope", async () => {
    const anonymous = clientWith({ baseUrl: mock.url, retry: fastRetries })
    assert.instanceOf(await rejection(anonymous.checkoutSessions.create()), Errors.Unauthorized)
    await anonymous.close()
    const reader = clientWith({ baseUrl: mock.url, privateKey: merchant.privateKeyPem, scopes: ["checkout-sessions.read"] })
    assert.instanceOf(await rejection(reader.checkoutSessions.create()), Errors.Forbidden)
    await reader.close()
  })

  it("NotFound for an unknown session", async () => {
    const error = await rejection(client.checkoutSessions.get("3c90c3cc-0d44-4b50-8888-8dd25736052a"))
    assert.instanceOf(error, Errors.NotFound)
    assert.strictEqual((error as Errors.NotFound)._tag, "NotFound")
  })

  it("TransportError when nothing listens", async () => {
    const nowhere = clientWith({ baseUrl: "http://127.0.0.1:9", retry: fastRetries })
    assert.instanceOf(await rejection(nowhere.checkoutSessions.get("x")), Errors.TransportError)
    await nowhere.close()
  })
})

describe("one error model: the domain's error classes, whatever the status", () => {
  it("a status the contract does not declare is the class of its family, with the answer's body", async () => {
    const created = await client.checkoutSessions.create()
    // The failure of a GET answered with a forced status, without retries.
    const answeredWith = async (code: number) => {
      const c = forced(`code=${code}`, { ...fastRetries, retries: 0 })
      const error = await rejection(c.checkoutSessions.get(created.id))
      await c.close()
      return error as { readonly _tag: string; readonly status: number; readonly message: string; readonly code?: string }
    }
    const unavailable = await answeredWith(503)
    assert.instanceOf(unavailable, DomainErrors.ServerError)
    assert.deepStrictEqual([unavailable._tag, unavailable.status, unavailable.message], [
      "ServerError",
      503,
      "Forced by Prefer: code=503"
    ])
    const tooLarge = await answeredWith(413)
    assert.instanceOf(tooLarge, Errors.PayloadTooLarge)
    assert.deepStrictEqual([tooLarge.status, tooLarge.code], [413, "payload_too_large"])
    const teapot = await answeredWith(418)
    assert.instanceOf(teapot, Errors.UnexpectedStatus)
    assert.strictEqual(teapot.status, 418)
  })
})

// A client whose every request asks the mock for a forced answer.
const forced = (prefer: string, retry = fastRetries) =>
  clientWith({ baseUrl: mock.url, privateKey: merchant.privateKeyPem, headers: { prefer }, retry })

describe("retries and timeouts", () => {
  it("retries a GET on 503, then fails with ServerError", async () => {
    const created = await client.checkoutSessions.create()
    await mock.reset()
    const c = forced("code=503")
    const error = await rejection(c.checkoutSessions.get(created.id))
    assert.instanceOf(error, Errors.ServerError)
    assert.strictEqual((error as Errors.ServerError).status, 503)
    assert.deepStrictEqual((await mock.journal()).map(([m, , s]) => `${m} ${s}`), Array(4).fill("GET 503"))
    await c.close()
  })

  it("retries on 429 honouring Retry-After (capped), then fails with TooManyRequests carrying it", async () => {
    const created = await client.checkoutSessions.create()
    await mock.reset()
    const c = forced("code=429", { ...fastRetries, retries: 2 })
    const error = await rejection(c.checkoutSessions.get(created.id))
    assert.instanceOf(error, Errors.TooManyRequests)
    assert.strictEqual((error as Errors.TooManyRequests).retryAfterSeconds, 1)
    assert.strictEqual((await mock.journal()).length, 3)
    await c.close()
  })

  it("never retries a POST that reached the server", async () => {
    const c = forced("code=503")
    assert.instanceOf(await rejection(c.checkoutSessions.create()), Errors.ServerError)
    assert.deepStrictEqual(await mock.journal(), [["POST", "/checkout/sessions", 503]])
    await c.close()
  })

  it("retries PUT and DELETE, which are idempotent", async () => {
    const created = await client.checkoutSessions.create()
    await mock.reset()
    const c = forced("code=502")
    await rejection(c.checkoutSessions.update(created.id, { metadata: {} }))
    await rejection(c.checkoutSessions.delete(created.id))
    assert.deepStrictEqual((await mock.journal()).map(([m]) => m), [...Array(4).fill("PUT"), ...Array(4).fill("DELETE")])
    await c.close()
  })

  it("times out, retrying a GET but not a POST", async () => {
    // A server that takes every request and never answers, counting arrivals.
    const arrivals: Array<string> = []
    const silent = createServer((request) => {
      arrivals.push(request.method ?? "")
    })
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve))
    const { port } = silent.address() as AddressInfo
    const c = clientWith({ baseUrl: `http://127.0.0.1:${port}`, retry: { ...fastRetries, retries: 1, timeoutMillis: 50 } })
    try {
      assert.instanceOf(await rejection(c.checkoutSessions.get("3c90c3cc-0d44-4b50-8888-8dd25736052a")), Errors.Timeout)
      assert.instanceOf(await rejection(c.checkoutSessions.create()), Errors.Timeout)
      assert.deepStrictEqual(arrivals, ["GET", "GET", "POST"])
    } finally {
      await c.close()
      silent.closeAllConnections()
      await new Promise((resolve) => silent.close(resolve))
    }
  })
})

describe("the Effect service", () => {
  it("is a Layer; failures are tagged errors in the error channel", async () => {
    const program = Effect.gen(function*() {
      const sessions = yield* CheckoutKitClient
      const created = yield* sessions.create({ metadata: { via: "effect" } })
      const missing = yield* Effect.flip(sessions.get("3c90c3cc-0d44-4b50-8888-8dd25736052a"))
      return { created, missing }
    }).pipe(Effect.provide(CheckoutKitClient.layer({ baseUrl: mock.url, privateKey: merchant.privateKeyPem })))
    const { created, missing } = await Effect.runPromise(program)
    assert.deepStrictEqual(created.metadata, { via: "effect" })
    assert.strictEqual(missing._tag, "NotFound")
  })
})
