import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import * as Jose from "jose"
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto"
import * as Token from "../src/Token.ts"

// RFC 7638 § 3, written out: SHA-256 over the required members in lexicographic order, no whitespace.
const rfc7638 = (publicKey: KeyObject) => {
  const jwk = publicKey.export({ format: "jwk" })
  const members = jwk.kty === "EC" ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { e: jwk.e, kty: jwk.kty, n: jwk.n }
  return createHash("sha256").update(JSON.stringify(members)).digest("base64url")
}

const keyPairs = {
  "P-256": generateKeyPairSync("ec", { namedCurve: "P-256" }),
  "P-384": generateKeyPairSync("ec", { namedCurve: "P-384" }),
  "P-521": generateKeyPairSync("ec", { namedCurve: "P-521" }),
  RSA: generateKeyPairSync("rsa", { modulusLength: 2048 })
}
const sessionId = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
const decodeClaims = Schema.decodeUnknownSync(Token.TokenClaims)

describe("makeSigner", () => {
  const expected: Record<string, ReadonlyArray<Token.Algorithm>> = {
    "P-256": ["ES256"],
    "P-384": ["ES384"],
    "P-521": ["ES512"],
    RSA: ["RS256", "RS384", "RS512"]
  }
  for (const [kind, { privateKey, publicKey }] of Object.entries(keyPairs)) {
    it(`${kind}: kid = the RFC 7638 thumbprint, the key's algorithms, a token the public key verifies`, async () => {
      const signer = await Token.makeSigner(privateKey)
      assert.strictEqual(signer.kid, rfc7638(publicKey))
      assert.deepStrictEqual(signer.algorithms, expected[kind])
      const token = await signer.sign({ scopes: ["*.read"], checkoutSessionId: sessionId, issuer: "test", expiresIn: 300 })
      const { payload, protectedHeader } = await Jose.jwtVerify(token, publicKey)
      assert.deepStrictEqual(protectedHeader, { alg: signer.algorithms[0], typ: "JWT", kid: signer.kid })
      const claims = decodeClaims(payload)
      assert.deepStrictEqual(claims.scopes, ["*.read"])
      assert.strictEqual(claims.checkoutSessionId, sessionId)
      assert.strictEqual(claims.exp - claims.iat!, 300)
      assert.strictEqual(claims.nbf, claims.iat)
      assert.strictEqual(payload.iss, "test")
      assert.match(String(payload.jti), /^[0-9a-f-]{36}$/)
    })
  }

  it("an RSA key signs RS384 and RS512 when asked, nothing another key type would", async () => {
    const signer = await Token.makeSigner(keyPairs.RSA.privateKey)
    for (const algorithm of ["RS384", "RS512"]) {
      const token = await signer.sign({ scopes: [], issuer: "test", expiresIn: "1h", algorithm })
      assert.strictEqual(Jose.decodeProtectedHeader(token).alg, algorithm)
      const { payload } = await Jose.jwtVerify(token, keyPairs.RSA.publicKey)
      assert.strictEqual(payload.exp! - payload.iat!, 3600)
    }
    for (const algorithm of ["ES512", "PS256", "HS256", "none"]) {
      try {
        await signer.sign({ scopes: [], issuer: "test", expiresIn: 60, algorithm })
        assert.fail(`signed ${algorithm}`)
      } catch (e) {
        assert.strictEqual((e as Error).message, `this key signs RS256, RS384, RS512, not ${algorithm}`)
      }
    }
  })

  it("a pin that is not a UUID is refused, not signed", async () => {
    const signer = await Token.makeSigner(keyPairs["P-521"].privateKey)
    try {
      await signer.sign({ scopes: [], checkoutSessionId: "42", issuer: "test", expiresIn: 60 })
      assert.fail("signed a pin that is not a UUID")
    } catch (e) {
      assert.include((e as Error).message, "a UUID")
    }
  })

  it("signs with a WebCrypto key as well (browsers, workers)", async () => {
    const pair = await globalThis.crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-521" }, true, ["sign", "verify"])
    const signer = await Token.makeSigner(pair.privateKey)
    assert.strictEqual(signer.kid, await Token.kidOf(pair.publicKey))
    const token = await signer.sign({ scopes: ["*.write"], issuer: "test", expiresIn: 60 })
    assert.deepStrictEqual((await Jose.jwtVerify(token, pair.publicKey)).payload.scopes, ["*.write"])
  })

  it("keys no algorithm fits are refused", async () => {
    const unsupported = [
      generateKeyPairSync("ed25519").privateKey,
      generateKeyPairSync("ec", { namedCurve: "secp256k1" }).privateKey,
      generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey
    ]
    for (const key of unsupported) {
      try {
        await Token.makeSigner(key)
        assert.fail(`accepted a ${key.asymmetricKeyType} key`)
      } catch (e) {
        assert.instanceOf(e, Token.UnsupportedKey)
      }
    }
    assert.deepStrictEqual(Token.algorithmsOf(createPublicKey(keyPairs.RSA.privateKey).export({ format: "jwk" })), [
      "RS256",
      "RS384",
      "RS512"
    ])
  })
})

describe("TokenClaims", () => {
  it("decodes the wire claims to the grant and times", () => {
    assert.deepStrictEqual(
      decodeClaims({ exp: 2, nbf: 1, iat: 1, scopes: ["embed"], checkout_session_id: sessionId, iss: "x", jti: "y" }),
      { exp: 2, nbf: 1, iat: 1, scopes: ["embed"], checkoutSessionId: sessionId }
    )
    assert.deepStrictEqual(decodeClaims({ exp: 2 }), { exp: 2 })
  })

  it("refuses claims of the wrong form, never reading them as absent", () => {
    const malformed = [
      {},
      { exp: "2" },
      { exp: Infinity },
      { exp: 2, nbf: "0" },
      { exp: 2, iat: "now" },
      { exp: 2, scopes: "*.read" },
      { exp: 2, scopes: [1] },
      { exp: 2, scopes: null },
      { exp: 2, checkout_session_id: "42" },
      { exp: 2, checkout_session_id: [sessionId] },
      { exp: 2, checkout_session_id: null }
    ]
    const decode = Schema.decodeUnknownOption(Token.TokenClaims)
    for (const claims of malformed) assert.isTrue(decode(claims)._tag === "None", JSON.stringify(claims))
  })
})

describe("signJwt", () => {
  it("signs whatever it is given: a test's malformed claims, another key's kid, kid null, no iat", async () => {
    const { privateKey, publicKey } = keyPairs["P-521"]
    const token = await Token.signJwt(privateKey, {
      alg: "ES512",
      kid: null,
      claims: { scopes: "*.read", checkout_session_id: 42 },
      expirationTime: 4_000_000_000,
      issuedAt: false
    })
    const { payload, protectedHeader } = await Jose.jwtVerify(token, publicKey)
    assert.deepStrictEqual(protectedHeader, { alg: "ES512", typ: "JWT", kid: null as unknown as string })
    assert.deepStrictEqual({ ...payload, jti: undefined }, {
      scopes: "*.read",
      checkout_session_id: 42,
      exp: 4_000_000_000,
      jti: undefined
    })
  })
})
