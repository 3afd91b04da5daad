import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { generateKeyPairSync } from "node:crypto"
import * as Jose from "jose"
import * as TokenVerifier from "../src/TokenVerifier.ts"
import { makeKeyPair, signToken, thumbprint } from "./support/keys.ts"
import { call, startServer, type TestServer } from "./support/server.ts"
import { specErrors } from "./support/spec.ts"

const merchant = makeKeyPair()
const stranger = makeKeyPair()
let server: TestServer
let sessionId: string
let otherSessionId: string

const withToken = (token: string | undefined) => (token === undefined ? {} : { authorization: `Bearer ${token}` })
const api = (method: string, path: string, token: string | undefined, body?: unknown) =>
  call(server.url, method, path, { headers: withToken(token), ...(body === undefined ? {} : { body }) })

beforeAll(async () => {
  server = await startServer({ auth: { kind: "jwt", publicKeys: [merchant.publicKeyPem] } })
  const token = await signToken(merchant.privateKey, merchant.publicKey)
  sessionId = (await api("POST", "/checkout/sessions", token, {})).body.id
  otherSessionId = (await api("POST", "/checkout/sessions", token, {})).body.id
})
afterAll(() => server.close())

const expect401 = async (token: string | undefined, reason: string) => {
  const response = await api("GET", `/checkout/sessions/${sessionId}`, token)
  assert.strictEqual(response.status, 401, reason)
  assert.deepStrictEqual(specErrors("Error401", response.body), [])
  assert.strictEqual(response.body.code, "unauthorized")
}

const expect403 = async (method: string, path: string, token: string, body?: unknown) => {
  const response = await api(method, path, token, body)
  assert.strictEqual(response.status, 403, `${method} ${path}`)
  assert.deepStrictEqual(specErrors("Error403", response.body), [])
  assert.strictEqual(response.body.code, "forbidden")
}

describe("401 for a token the server cannot trust", () => {
  it("no token", () => expect401(undefined, "missing"))
  it("not a JWT", () => expect401("not-a-jwt", "malformed"))
  it("a wrong signature", async () => {
    // Signed by another key, claiming the merchant key's kid.
    const token = await signToken(stranger.privateKey, merchant.publicKey)
    await expect401(token, "wrong signature")
  })
  it("an unknown key", async () => {
    await expect401(await signToken(stranger.privateKey, stranger.publicKey), "unknown kid")
  })
  it("an expired token", async () => {
    const token = await signToken(merchant.privateKey, merchant.publicKey, { expiresIn: Math.floor(Date.now() / 1000) - 60 })
    await expect401(token, "expired")
  })
  it("a token not valid yet", async () => {
    const token = await signToken(merchant.privateKey, merchant.publicKey, { notBefore: "10m", expiresIn: "20m" })
    await expect401(token, "nbf in the future")
  })
  it("alg none", async () => {
    const token = new Jose.UnsecuredJWT({ scopes: ["*.read"] }).setExpirationTime("1m").encode()
    await expect401(token, "alg none")
  })
  it("HS256 with a shared secret", async () => {
    const token = await new Jose.SignJWT({ scopes: ["*.read"] }).setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("1m").sign(new TextEncoder().encode("a-shared-secret-of-some-length-32b"))
    await expect401(token, "HS256")
  })
  it("HS512 signed with the public key as the secret (algorithm confusion)", async () => {
    const token = await new Jose.SignJWT({ scopes: ["*.read", "*.write"] })
      .setProtectedHeader({ alg: "HS512", kid: await thumbprint(merchant.publicKey) })
      .setExpirationTime("1m").sign(new TextEncoder().encode(merchant.publicKeyPem))
    await expect401(token, "HS512 with the public key")
  })
  it("RS256", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 })
    const token = await new Jose.SignJWT({ scopes: ["*.read"] }).setProtectedHeader({ alg: "RS256" })
      .setExpirationTime("1m").sign(rsa.privateKey)
    await expect401(token, "RS256")
  })
  it("ES256 on another curve", async () => {
    const p256 = generateKeyPairSync("ec", { namedCurve: "P-256" })
    const token = await new Jose.SignJWT({ scopes: ["*.read"] }).setProtectedHeader({ alg: "ES256" })
      .setExpirationTime("1m").sign(p256.privateKey)
    await expect401(token, "ES256")
  })
})

describe("403 for a valid token without the scope", () => {
  it("read-only tokens cannot write, write-only tokens cannot read", async () => {
    const read = await signToken(merchant.privateKey, merchant.publicKey, { scopes: ["checkout-sessions.read"] })
    const write = await signToken(merchant.privateKey, merchant.publicKey, { scopes: ["checkout-sessions.write"] })
    await expect403("POST", "/checkout/sessions", read, {})
    await expect403("PUT", `/checkout/sessions/${sessionId}`, read, {})
    await expect403("DELETE", `/checkout/sessions/${sessionId}`, read)
    await expect403("GET", `/checkout/sessions/${sessionId}`, write)
  })
  it("scopes of other resources grant nothing", async () => {
    const token = await signToken(merchant.privateKey, merchant.publicKey, { scopes: ["transactions.read", "transactions.write"] })
    await expect403("GET", `/checkout/sessions/${sessionId}`, token)
    await expect403("POST", "/checkout/sessions", token, {})
  })
  it("an embed token may set secure fields but not read the session", async () => {
    const embed = await signToken(merchant.privateKey, merchant.publicKey, {
      scopes: ["embed"],
      claims: { checkout_session_id: sessionId }
    })
    const fields = await api("PUT", `/checkout/sessions/${sessionId}/fields`, embed, {
      payment_method: { number: "4111111111111111", expiration_date: "12/49" }
    })
    assert.strictEqual(fields.status, 204)
    await expect403("GET", `/checkout/sessions/${sessionId}`, embed)
  })
  it("a token pinned to one session may touch only that session", async () => {
    const pinned = await signToken(merchant.privateKey, merchant.publicKey, {
      claims: { checkout_session_id: sessionId }
    })
    assert.strictEqual((await api("GET", `/checkout/sessions/${sessionId}`, pinned)).status, 200)
    await expect403("GET", `/checkout/sessions/${otherSessionId}`, pinned)
    await expect403("PUT", `/checkout/sessions/${otherSessionId}`, pinned, {})
    await expect403("POST", "/checkout/sessions", pinned, {})
  })
})

describe("happy paths", () => {
  for (const scopes of [["*.read", "*.write"], ["checkout-sessions.read", "checkout-sessions.write"]]) {
    it(`create, read, update, delete with ${scopes.join(" + ")}`, async () => {
      const token = await signToken(merchant.privateKey, merchant.publicKey, { scopes })
      const created = await api("POST", "/checkout/sessions", token, { metadata: { a: "b" } })
      assert.strictEqual(created.status, 201)
      const path = `/checkout/sessions/${created.body.id}`
      assert.strictEqual((await api("GET", path, token)).status, 200)
      assert.strictEqual((await api("PUT", path, token, { metadata: { a: "c" } })).status, 200)
      assert.strictEqual((await api("DELETE", path, token)).status, 204)
    })
  }
  it("health, the OpenAPI document and the docs need no token", async () => {
    for (const path of ["/health", "/openapi.json", "/docs"]) {
      assert.strictEqual((await fetch(`${server.url}${path}`)).status, 200, path)
    }
  })
})

describe("the token cache", () => {
  it("verifies a reused token once, and never serves it past its expiry", async () => {
    let now = Date.now()
    const verifier = await TokenVerifier.make([merchant.publicKeyPem], { now: () => now })
    const token = await signToken(merchant.privateKey, merchant.publicKey, { expiresIn: "30s" })
    const first = await verifier.verify(token)
    const second = await verifier.verify(token)
    assert.strictEqual(second, first)
    assert.strictEqual(verifier.cached(), 1)
    now += 31_000
    try {
      await verifier.verify(token)
      assert.fail("an expired token was accepted from the cache")
    } catch (e) {
      assert.instanceOf(e, TokenVerifier.TokenRejected)
    }
    assert.strictEqual(verifier.cached(), 0)
  })

  it("is bounded", async () => {
    const verifier = await TokenVerifier.make([merchant.publicKeyPem], { cacheSize: 3 })
    for (let i = 0; i < 5; i++) {
      await verifier.verify(await signToken(merchant.privateKey, merchant.publicKey, { claims: { n: i } }))
    }
    assert.strictEqual(verifier.cached(), 3)
  })
})
