import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { generateKeyPairSync, randomUUID } from "node:crypto"
import * as Token from "@checkout-kit/domain/Token"
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
    const secret = new TextEncoder().encode("a-shared-secret-of-some-length-32b")
    const token = await Token.signJwt(secret, { alg: "HS256", claims: { scopes: ["*.read"] }, expirationTime: "1m" })
    await expect401(token, "HS256")
  })
  it("HS512 signed with the public key as the secret (algorithm confusion)", async () => {
    const token = await Token.signJwt(new TextEncoder().encode(merchant.publicKeyPem), {
      alg: "HS512",
      kid: await thumbprint(merchant.publicKey),
      claims: { scopes: ["*.read", "*.write"] },
      expirationTime: "1m"
    })
    await expect401(token, "HS512 with the public key")
  })
  it("RS256", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 })
    const token = await Token.signJwt(rsa.privateKey, { alg: "RS256", claims: { scopes: ["*.read"] }, expirationTime: "1m" })
    await expect401(token, "RS256")
  })
  it("ES256 on another curve", async () => {
    const p256 = generateKeyPairSync("ec", { namedCurve: "P-256" })
    const token = await Token.signJwt(p256.privateKey, { alg: "ES256", claims: { scopes: ["*.read"] }, expirationTime: "1m" })
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
      payment_method: { number: "4111111111111111", expiration_date: "12/99" }
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

const sign = (key: ReturnType<typeof makeKeyPair>, alg: string, options: Parameters<typeof signToken>[2] = {}) =>
  signToken(key.privateKey, key.publicKey, { alg, ...options })

// Tokens Gr4vy accepts (API-SEMANTICS.md § Authentication): ECDSA and RSA keys (docs.gr4vy.com,
// guides/api/authentication: "supports 2 algorithms for signing JWTs: ECDSA and RSA"), each with its own algorithms.
describe("ECDSA and RSA keys, each with its own algorithms", () => {
  const keys = { p256: makeKeyPair("P-256"), p384: makeKeyPair("P-384"), p521: makeKeyPair("P-521"), rsa: makeKeyPair("RSA") }
  let multi: TestServer
  beforeAll(async () => {
    multi = await startServer({ auth: { kind: "jwt", publicKeys: Object.values(keys).map((k) => k.publicKeyPem) } })
  })
  afterAll(() => multi.close())
  const create = (token: string) =>
    call(multi.url, "POST", "/checkout/sessions", { body: {}, headers: { authorization: `Bearer ${token}` } })

  const accepted: ReadonlyArray<readonly [keyof typeof keys, string]> = [
    ["p256", "ES256"],
    ["p384", "ES384"],
    ["p521", "ES512"],
    ["rsa", "RS256"],
    ["rsa", "RS384"],
    ["rsa", "RS512"]
  ]
  for (const [key, alg] of accepted) {
    it(`${alg} with a ${key} key`, async () => {
      assert.strictEqual((await create(await sign(keys[key], alg))).status, 201)
    })
  }

  it("an algorithm that does not fit the key named by kid is refused (no key-type confusion)", async () => {
    const confused: ReadonlyArray<readonly [signer: keyof typeof keys, alg: string, kidOf: keyof typeof keys]> = [
      ["p256", "ES256", "p521"],
      ["p521", "ES512", "p384"],
      ["rsa", "RS256", "p521"],
      ["p521", "ES512", "rsa"],
      ["rsa", "PS256", "rsa"]
    ]
    for (const [signer, alg, kidOf] of confused) {
      const token = await sign(keys[signer], alg, { kid: await thumbprint(keys[kidOf].publicKey) })
      const response = await create(token)
      assert.strictEqual(response.status, 401, `${alg} by ${signer} as ${kidOf}`)
      assert.deepStrictEqual(specErrors("Error401", response.body), [])
    }
  })

  it("HMAC keyed with the RSA public key, and none, are refused", async () => {
    const hmac = await Token.signJwt(new TextEncoder().encode(keys.rsa.publicKeyPem), {
      alg: "HS256",
      kid: await thumbprint(keys.rsa.publicKey),
      claims: { scopes: ["*.write"] },
      expirationTime: "1m"
    })
    assert.strictEqual((await create(hmac)).status, 401)
    const none = new Jose.UnsecuredJWT({ scopes: ["*.write"] }).setExpirationTime("1m").encode()
    assert.strictEqual((await create(none)).status, 401)
  })

  it("keys no algorithm fits are refused when the verifier is made", async () => {
    const unsupported = [
      generateKeyPairSync("ed25519").publicKey,
      generateKeyPairSync("ec", { namedCurve: "secp256k1" }).publicKey,
      generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey
    ]
    for (const publicKey of unsupported) {
      const pem = publicKey.export({ type: "spki", format: "pem" }).toString()
      try {
        await TokenVerifier.make([pem])
        assert.fail(`accepted a ${publicKey.asymmetricKeyType} key`)
      } catch (e) {
        assert.instanceOf(e, TokenVerifier.UnsupportedKey)
      }
    }
  })
})

// What Gr4vy's SDKs send is accepted; claims are decoded with a schema, anything else is a 401 (never read as
// absent: API-SEMANTICS.md § Authentication).
describe("claims", () => {
  it("a token as gr4vy/gr4vy-node signs it: no iat, the SDK's user agent as iss, kid not yet computed (null)", async () => {
    for (const kid of [undefined, null]) {
      const token = await signToken(merchant.privateKey, merchant.publicKey, {
        issuedAt: false,
        notBefore: "0s",
        claims: { iss: "Gr4vy SDK 0.30.0 - Node v20.0.0" },
        ...(kid === null ? { kid: null } : {})
      })
      assert.strictEqual((await api("GET", `/checkout/sessions/${sessionId}`, token)).status, 200, `kid ${kid}`)
    }
  })

  it(`an iat up to ${TokenVerifier.maxClockSkewSeconds} s ahead is accepted, further ahead refused`, async () => {
    const now = Math.floor(Date.now() / 1000)
    const near = await signToken(merchant.privateKey, merchant.publicKey, { issuedAt: now + 30 })
    assert.strictEqual((await api("GET", `/checkout/sessions/${sessionId}`, near)).status, 200)
    const far = await signToken(merchant.privateKey, merchant.publicKey, { issuedAt: now + 3600, expiresIn: now + 7200 })
    await expect401(far, "iat an hour ahead")
  })

  it("a pinned claim that is not a UUID string is refused, never treated as unpinned", async () => {
    for (const pinned of [[otherSessionId], 42, null, {}, "not-a-uuid", ""]) {
      const token = await signToken(merchant.privateKey, merchant.publicKey, { claims: { checkout_session_id: pinned } })
      for (const method of ["GET", "DELETE"]) {
        const response = await api(method, `/checkout/sessions/${otherSessionId}`, token)
        assert.strictEqual(response.status, 401, `${method} with ${JSON.stringify(pinned)}`)
      }
    }
    // The session the tokens went for is still there.
    const reader = await signToken(merchant.privateKey, merchant.publicKey)
    assert.strictEqual((await api("GET", `/checkout/sessions/${otherSessionId}`, reader)).status, 200)
  })

  it("scopes that are not an array of strings, and times that are not numbers, are refused", async () => {
    for (const claims of [{ scopes: "*.read" }, { scopes: [1] }, { scopes: null }, { nbf: "0" }, { iat: "now" }]) {
      const token = await signToken(merchant.privateKey, merchant.publicKey, { claims, issuedAt: false })
      await expect401(token, JSON.stringify(claims))
    }
    const exp = String(Math.floor(Date.now() / 1000) + 60)
    const stringExp = await Token.signJwt(merchant.privateKey, {
      alg: "ES512",
      kid: await thumbprint(merchant.publicKey),
      claims: { scopes: ["*.read"], exp },
      issuedAt: false
    })
    await expect401(stringExp, "exp as a string")
  })
})

// docs.gr4vy.com, guides/features/merchant-accounts/api: a key tied to a merchant account acts on it without the
// header and cannot act on another; only admin keys default to `default`.
describe("keys bound to a merchant account", () => {
  const bound = makeKeyPair()
  let accounts: TestServer
  beforeAll(async () => {
    accounts = await startServer({
      auth: { kind: "jwt", publicKeys: [merchant.publicKeyPem, { pem: bound.publicKeyPem, merchantAccountId: "acme" }] }
    })
  })
  afterAll(() => accounts.close())
  const as = async (key: ReturnType<typeof makeKeyPair>, method: string, path: string, account?: string) =>
    call(accounts.url, method, path, {
      ...(method === "POST" ? { body: {} } : {}),
      headers: {
        authorization: `Bearer ${await signToken(key.privateKey, key.publicKey)}`,
        ...(account === undefined ? {} : { "x-gr4vy-merchant-account-id": account })
      }
    })

  it("without the header, a bound key's token acts on its account; an admin key's on default", async () => {
    const created = await as(bound, "POST", "/checkout/sessions")
    assert.strictEqual(created.status, 201)
    const path = `/checkout/sessions/${created.body.id}`
    assert.strictEqual((await as(merchant, "GET", path, "acme")).status, 200)
    assert.strictEqual((await as(merchant, "GET", path)).status, 404)
    assert.strictEqual((await as(bound, "GET", path)).status, 200)
    assert.strictEqual((await as(bound, "GET", path, "acme")).status, 200)
    const admins = await as(merchant, "POST", "/checkout/sessions")
    assert.strictEqual((await as(merchant, "GET", `/checkout/sessions/${admins.body.id}`, "default")).status, 200)
    assert.strictEqual((await as(bound, "GET", `/checkout/sessions/${admins.body.id}`)).status, 404)
  })

  it("with another account's header, a bound key's token answers 403", async () => {
    for (const [method, path] of [["POST", "/checkout/sessions"], ["GET", `/checkout/sessions/${randomUUID()}`]]) {
      const response = await as(bound, method, path, "default")
      assert.strictEqual(response.status, 403, method)
      assert.deepStrictEqual(specErrors("Error403", response.body), [])
    }
  })
})

describe("keys bound to a merchant account, on the admin-level merchant accounts", () => {
  const bound = makeKeyPair()
  let accountsServer: TestServer
  beforeAll(async () => {
    accountsServer = await startServer({
      auth: { kind: "jwt", publicKeys: [merchant.publicKeyPem, { pem: bound.publicKeyPem, merchantAccountId: "acme" }] }
    })
  })
  afterAll(() => accountsServer.close())
  const as = async (key: ReturnType<typeof makeKeyPair>, method: string, path: string, body?: unknown) =>
    call(accountsServer.url, method, path, {
      ...(body === undefined ? {} : { body }),
      headers: { authorization: `Bearer ${await signToken(key.privateKey, key.publicKey)}` }
    })

  it("reach their own account only: creating, listing or touching another is 403", async () => {
    for (const id of ["acme", "other"]) {
      assert.strictEqual((await as(merchant, "POST", "/merchant-accounts", { id, display_name: id })).status, 201)
    }
    assert.strictEqual((await as(bound, "GET", "/merchant-accounts/acme")).status, 200)
    assert.strictEqual((await as(bound, "PUT", "/merchant-accounts/acme", { display_name: "Acme" })).status, 200)
    assert.strictEqual((await as(bound, "GET", "/merchant-accounts/acme/three-ds-configurations")).status, 200)
    const refused = [
      await as(bound, "POST", "/merchant-accounts", { id: "mine", display_name: "Mine" }),
      await as(bound, "GET", "/merchant-accounts"),
      await as(bound, "GET", "/merchant-accounts/other"),
      await as(bound, "PUT", "/merchant-accounts/other", { display_name: "Taken" }),
      await as(bound, "GET", "/merchant-accounts/other/three-ds-configurations")
    ]
    for (const response of refused) {
      assert.strictEqual(response.status, 403)
      assert.deepStrictEqual(specErrors("Error403", response.body), [])
    }
    assert.strictEqual((await as(merchant, "GET", "/merchant-accounts/other")).body.display_name, "other")
    assert.strictEqual((await as(merchant, "GET", "/merchant-accounts/mine")).status, 404)
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
