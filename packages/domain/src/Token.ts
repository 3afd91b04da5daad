/**
 * Bearer tokens, in one place: the claims a token carries (`TokenClaims`, a
 * schema), the algorithms each key signs and admits, the `kid` (the key's
 * RFC 7638 JWK thumbprint) and the one signer that the mock's `token`
 * command, the client, the tests and the benchmarks use. The mock server
 * verifies with the same schema and algorithm table (API-SEMANTICS.md
 * § Authentication).
 *
 * Tokens are signed as Gr4vy's SDKs sign theirs: ES512 with a P-521 key; other
 * keys Gr4vy accepts sign with their own algorithm (P-256 ES256, P-384 ES384,
 * RSA RS256, RS384 or RS512).
 *
 * Why `jose` rather than WebCrypto alone: the contract stays free of server
 * and platform packages, and `jose` is the same on Node, browsers, Deno and
 * workers (it runs on WebCrypto itself and has no dependencies). Written on
 * `crypto.subtle` directly, this module would re-implement JWS encoding,
 * JWK export and thumbprints, and could not sign with the key objects Node
 * callers hold (`KeyObject`, loaded from PEM in PKCS#8, SEC1 or PKCS#1) nor
 * switch an RSA key between RS256, RS384 and RS512 (a `CryptoKey` is bound
 * to one hash). The mock server and the client already verified and signed
 * with `jose`; one copy of it now serves all three.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import * as Jose from "jose"
import { WireStruct } from "./Primitives.ts"

/**
 * The signing algorithms Gr4vy accepts: ECDSA and RSA (docs.gr4vy.com,
 * guides/api/authentication: "supports 2 algorithms for signing JWTs: ECDSA
 * and RSA"). RSASSA-PSS (PS*) is not among them.
 *
 * @category algorithms
 * @since 0.2.0
 */
export const Algorithm = Schema.Literals(["ES256", "ES384", "ES512", "RS256", "RS384", "RS512"]).annotate({
  identifier: "TokenAlgorithm"
})

/**
 * @category algorithms
 * @since 0.2.0
 */
export type Algorithm = typeof Algorithm.Type

/**
 * Every algorithm of `Algorithm`.
 *
 * @category algorithms
 * @since 0.2.0
 */
export const algorithms: ReadonlyArray<Algorithm> = Algorithm.literals

/**
 * A key no supported algorithm fits (its type, curve or size).
 *
 * @category errors
 * @since 0.2.0
 */
export class UnsupportedKey extends Error {}

const curves: Readonly<Record<string, Algorithm>> = { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" }

/**
 * The algorithms a key (public or private, as a JWK) signs and admits: its
 * curve's for ECDSA P-256/P-384/P-521, RS256, RS384 and RS512 (the first is
 * the default) for RSA of 2048 bits or more. Throws `UnsupportedKey` for any
 * other key.
 *
 * @category algorithms
 * @since 0.2.0
 */
export const algorithmsOf = (jwk: Jose.JWK): ReadonlyArray<Algorithm> => {
  if (jwk.kty === "EC") {
    const alg = curves[jwk.crv ?? ""]
    if (alg === undefined) throw new UnsupportedKey(`an EC key on curve ${jwk.crv} (use P-256, P-384 or P-521)`)
    return [alg]
  }
  if (jwk.kty === "RSA") {
    // The modulus, base64url without leading zero octets (RFC 7518 § 6.3.1.1): 4 characters per 3 octets.
    const bits = Math.floor(((jwk.n ?? "").length * 6) / 8) * 8
    if (bits < 2048) throw new UnsupportedKey(`an RSA key of ${bits} bits (use 2048 bits or more)`)
    return ["RS256", "RS384", "RS512"]
  }
  throw new UnsupportedKey(`a ${jwk.crv ?? jwk.kty} key (use an ECDSA P-256/P-384/P-521 or an RSA key)`)
}

/**
 * A key as `jose` takes it: a Node `KeyObject`, or a WebCrypto `CryptoKey`
 * (extractable, for its thumbprint).
 *
 * @category keys
 * @since 0.2.0
 */
export type Key = Jose.CryptoKey | Jose.KeyObject

/**
 * The `kid` of a key's tokens: its RFC 7638 JWK thumbprint (SHA-256). A
 * private key has its public key's thumbprint.
 *
 * @category keys
 * @since 0.2.0
 */
export const kidOf = (key: Key | Jose.JWK): Promise<string> => Jose.calculateJwkThumbprint(key)

const NumericDate = Schema.Number.check(Schema.isFinite())

const grantFields = {
  scopes: Schema.optionalKey(Schema.Array(Schema.String)),
  checkoutSessionId: Schema.optionalKey(Schema.String.check(Schema.isUUID()))
}

/**
 * What a token grants: its scopes (`*.read`, `checkout-sessions.write`,
 * `embed`, ...) and, optionally, the one checkout session it is pinned to
 * (`checkout_session_id`, a UUID).
 *
 * @category claims
 * @since 0.2.0
 */
export const TokenGrant = WireStruct("TokenGrant", grantFields)

/**
 * @category claims
 * @since 0.2.0
 */
export type TokenGrant = typeof TokenGrant.Type

/**
 * The claims a token must have, in wire form: `exp` a number, `nbf` and
 * `iat` numbers when present (NumericDate, seconds since the epoch), and the
 * grant. Other claims (`iss`, `jti`, `embed`, ...) are allowed and not read;
 * a claim of the wrong form fails the decoding, never reads as absent.
 *
 * @category claims
 * @since 0.2.0
 */
export const TokenClaims = WireStruct("TokenClaims", {
  exp: NumericDate,
  nbf: Schema.optionalKey(NumericDate),
  iat: Schema.optionalKey(NumericDate),
  ...grantFields
})

/**
 * @category claims
 * @since 0.2.0
 */
export type TokenClaims = typeof TokenClaims.Type

const encodeGrant = Schema.encodeUnknownSync(TokenGrant)

/**
 * A JWS over any claims, with any header `alg` and `kid`: the one place
 * tokens are signed. `sign` (through `makeSigner`) builds on it for tokens
 * as they should be; tests build on it for tokens as they should not be
 * (an algorithm that does not fit the key, another key's `kid`, malformed
 * claims).
 *
 * Times follow `jose`: a string is a duration from now (`"1h"`, `"300s"`),
 * a number an absolute NumericDate.
 *
 * @category signing
 * @since 0.2.0
 */
export const signJwt = (privateKey: Key | Uint8Array, token: {
  readonly alg: string
  /** Absent: no `kid`; `null`: `"kid": null` (as gr4vy/gr4vy-node may send before it has computed it). */
  readonly kid?: string | null | undefined
  readonly claims: Readonly<Record<string, unknown>>
  /** `exp`; absent, none is set (a test's `claims` may carry a malformed one). */
  readonly expirationTime?: string | number | undefined
  readonly notBefore?: string | number | undefined
  /** `iat`: now by default; `false` for none. */
  readonly issuedAt?: number | false | undefined
  readonly issuer?: string | undefined
  /** `jti`: a random UUID by default. */
  readonly jti?: string | undefined
}): Promise<string> => {
  const jwt = new Jose.SignJWT({ ...token.claims })
    .setProtectedHeader({ alg: token.alg, typ: "JWT", ...(token.kid === undefined ? {} : { kid: token.kid as string }) })
    .setJti(token.jti ?? randomUUID())
  if (token.expirationTime !== undefined) jwt.setExpirationTime(token.expirationTime)
  if (token.issuer !== undefined) jwt.setIssuer(token.issuer)
  if (token.notBefore !== undefined) jwt.setNotBefore(token.notBefore)
  if (token.issuedAt !== false) jwt.setIssuedAt(token.issuedAt)
  return jwt.sign(privateKey)
}

// WebCrypto's randomUUID (Node ≥ 19, browsers): the contract's compiler options know no platform globals.
const randomUUID = (): string => (globalThis as unknown as { crypto: { randomUUID: () => string } }).crypto.randomUUID()

/**
 * What to sign: the grant, the issuer (`iss`), the lifetime (seconds, or a
 * duration such as `"1h"`) and, for an RSA key, the algorithm (RS256 unless
 * RS384 or RS512 is asked; an ECDSA key's follows its curve).
 *
 * @category signing
 * @since 0.2.0
 */
export interface SignOptions {
  readonly scopes: ReadonlyArray<string>
  readonly checkoutSessionId?: string | undefined
  readonly issuer: string
  readonly expiresIn: number | string
  readonly algorithm?: string | undefined
}

/**
 * @category signing
 * @since 0.2.0
 */
export interface Signer {
  /** The key's RFC 7638 thumbprint, every token's `kid`. */
  readonly kid: string
  /** The algorithms the key signs, the default first. */
  readonly algorithms: ReadonlyArray<Algorithm>
  /**
   * A token: `typ` JWT, `kid`, the grant (`scopes`, `checkout_session_id`,
   * encoded with `TokenGrant`), `iat` and `nbf` now, `exp`, `iss`, a random
   * `jti`. Rejects an algorithm the key does not sign and a grant the schema
   * refuses.
   */
  readonly sign: (options: SignOptions) => Promise<string>
}

/**
 * The signer of a private key. Rejects, with `UnsupportedKey`, a key no
 * algorithm fits.
 *
 * @category signing
 * @since 0.2.0
 */
export const makeSigner = async (privateKey: Key): Promise<Signer> => {
  const jwk = await Jose.exportJWK(privateKey)
  const keyAlgorithms = algorithmsOf(jwk)
  const kid = await kidOf(jwk)
  return {
    kid,
    algorithms: keyAlgorithms,
    sign: async (options) => {
      const alg = options.algorithm ?? keyAlgorithms[0]
      if (!(keyAlgorithms as ReadonlyArray<string>).includes(alg)) {
        throw new Error(`this key signs ${keyAlgorithms.join(", ")}, not ${alg}`)
      }
      let claims: Record<string, unknown>
      try {
        claims = encodeGrant({
          scopes: options.scopes,
          ...(options.checkoutSessionId === undefined ? {} : { checkoutSessionId: options.checkoutSessionId })
        }) as Record<string, unknown>
      } catch {
        throw new Error(`checkout_session_id must be a checkout session id (a UUID), not ${options.checkoutSessionId}`)
      }
      return signJwt(privateKey, {
        alg,
        kid,
        claims,
        issuer: options.issuer,
        notBefore: "0s",
        expirationTime: typeof options.expiresIn === "number" ? `${options.expiresIn}s` : options.expiresIn
      })
    }
  }
}
