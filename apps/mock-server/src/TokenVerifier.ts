/**
 * Verifies bearer tokens: JWTs signed by one of the configured public keys,
 * chosen by the `kid` header (the key's RFC 7638 thumbprint). Each key type
 * admits its own algorithms only (API-SEMANTICS.md § Authentication):
 *
 * | key | `alg` |
 * | --- | --- |
 * | ECDSA P-256 / P-384 / P-521 | ES256 / ES384 / ES512 |
 * | RSA (2048 bits or more) | RS256, RS384, RS512 |
 *
 * so a token can never make the server use a key with another algorithm
 * (`none`, HS*, an RSA key as an HMAC secret, ...). RSASSA-PSS (PS*) is not
 * accepted: Gr4vy documents "ECDSA and RSA" and its SDKs sign ES512 only.
 *
 * The claims are decoded with the domain's schema (`TokenClaims` of
 * `@checkout-kit/domain/Token`, the one the signer encodes with): `exp` a number,
 * `nbf`/`iat` numbers when present, `scopes` an array of strings,
 * `checkout_session_id` a UUID when present; anything else is refused, never
 * read as absent. `iat` is optional (gr4vy/gr4vy-node signs none); an `iat`
 * more than `maxClockSkewSeconds` ahead of the server's clock is refused.
 *
 * A key may be bound to a merchant account: its tokens act on that account
 * (`Claims.merchantAccountId`).
 *
 * One ES512 verification costs about a millisecond and a half, so verified
 * tokens are cached (bounded, keyed by the token itself, never used past
 * their `exp`): a client that reuses its token pays a lookup.
 *
 * Token times are checked against the real clock, not the mock clock: moving
 * the mock clock to expire sessions must not expire the tokens a test signs.
 *
 * @since 0.1.0
 */
import * as Token from "@checkout-kit/domain/Token"
import { Schema } from "effect"
import * as Jose from "jose"
import { createPublicKey, type KeyObject } from "node:crypto"

/**
 * The claims the server reads.
 *
 * @category models
 * @since 0.1.0
 */
export interface Claims {
  readonly scopes: ReadonlyArray<string>
  readonly checkoutSessionId: string | undefined
  /** Epoch milliseconds. */
  readonly expiresAt: number
  readonly notBefore: number
  /** The merchant account the signing key is bound to; `undefined` for an admin key. */
  readonly merchantAccountId: string | undefined
}

/**
 * A public key that verifies tokens: its SPKI PEM, and the merchant account
 * it is bound to (none: an admin key, acting on the account the request
 * names).
 *
 * @category models
 * @since 0.1.0
 */
export interface PublicKey {
  readonly pem: string
  readonly merchantAccountId?: string | undefined
}

/**
 * Why a token was refused (never the token itself).
 *
 * @category errors
 * @since 0.1.0
 */
export class TokenRejected extends Error {}

/**
 * A key that cannot verify tokens (its type, curve or size): the server does
 * not start with it. The domain's error (`@checkout-kit/domain/Token`).
 *
 * @category errors
 * @since 0.1.0
 */
export const UnsupportedKey = Token.UnsupportedKey

/**
 * @category errors
 * @since 0.1.0
 */
export type UnsupportedKey = Token.UnsupportedKey

/**
 * @category models
 * @since 0.1.0
 */
export interface TokenVerifier {
  readonly verify: (token: string) => Promise<Claims>
  /**
   * The claims of a token verified before and still valid, synchronously;
   * `undefined` when it must be verified (`verify`).
   */
  readonly cachedClaims: (token: string) => Claims | undefined
  /** The number of tokens in the cache. */
  readonly cached: () => number
}

/**
 * How far ahead of the server's clock a token's `iat` may be, in seconds:
 * clocks of well-run machines agree within a minute; a token "issued" later
 * than that was not made by a real clock.
 *
 * @category constants
 * @since 0.1.0
 */
export const maxClockSkewSeconds = 60

/**
 * The algorithms a public key admits (`@checkout-kit/domain/Token`'s table,
 * read from the key's JWK); throws `UnsupportedKey` for any other key.
 *
 * @category keys
 * @since 0.1.0
 */
export const algorithmsOf = (key: KeyObject): ReadonlyArray<string> => {
  let jwk: Jose.JWK
  try {
    jwk = key.export({ format: "jwk" }) as Jose.JWK
  } catch {
    throw new UnsupportedKey(`a ${key.asymmetricKeyType} key (use an ECDSA P-256/P-384/P-521 or an RSA key)`)
  }
  return Token.algorithmsOf(jwk)
}

const decodeClaims = Schema.decodeUnknownOption(Token.TokenClaims)

interface VerifyingKey {
  readonly key: KeyObject
  readonly algorithms: ReadonlyArray<string>
  readonly merchantAccountId: string | undefined
}

/**
 * A verifier for the given public keys (SPKI PEM, bound to a merchant
 * account or not). Rejects, with `UnsupportedKey`, a key no algorithm fits.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = async (
  publicKeys: ReadonlyArray<string | PublicKey>,
  options: { readonly cacheSize?: number; readonly now?: () => number } = {}
): Promise<TokenVerifier> => {
  const cacheSize = options.cacheSize ?? 10_000
  const now = options.now ?? Date.now
  const keys = new Map<string, VerifyingKey>()
  for (const entry of publicKeys) {
    const { pem, merchantAccountId } = typeof entry === "string" ? { pem: entry, merchantAccountId: undefined } : entry
    let key: KeyObject
    try {
      key = createPublicKey({ key: pem, format: "pem" })
    } catch {
      throw new UnsupportedKey("not a PEM public key")
    }
    const algorithms = algorithmsOf(key)
    keys.set(await Token.kidOf(key), { key, algorithms, merchantAccountId })
  }
  if (keys.size === 0) throw new Error("no public key to verify tokens with")

  // Insertion-ordered: the oldest entry goes first when the cache is full.
  const cache = new Map<string, Claims>()

  const verifyUncached = async (token: string): Promise<Claims> => {
    let header: Jose.ProtectedHeaderParameters
    try {
      header = Jose.decodeProtectedHeader(token)
    } catch {
      throw new TokenRejected("The bearer token is not a JWT")
    }
    const alg = String(header.alg)
    if (!(Token.algorithms as ReadonlyArray<string>).includes(alg)) {
      throw new TokenRejected(`Tokens must be signed with ${Token.algorithms.join(", ")}, not ${alg}`)
    }
    // gr4vy/gr4vy-node may sign before it has computed the kid, sending `"kid": null`: any key may verify it.
    const kid = header.kid as unknown
    if (kid !== undefined && kid !== null && typeof kid !== "string") throw new TokenRejected("The token's kid is not a string")
    const named = typeof kid === "string" ? keys.get(kid) : undefined
    if (typeof kid === "string" && named === undefined) throw new TokenRejected("The token's key is not known")
    const candidates = (named === undefined ? [...keys.values()] : [named]).filter((k) => k.algorithms.includes(alg))
    if (candidates.length === 0) throw new TokenRejected(`The token's algorithm ${alg} does not fit its key`)
    let lastError: unknown
    for (const candidate of candidates) {
      let payload: Jose.JWTPayload
      try {
        payload = (await Jose.jwtVerify(token, candidate.key, {
          algorithms: candidate.algorithms as Array<string>,
          currentDate: new Date(now()),
          requiredClaims: ["exp"]
        })).payload
      } catch (e) {
        lastError = e
        continue
      }
      const claims = decodeClaims(payload)
      if (claims._tag === "None") throw new TokenRejected("The bearer token's claims are not valid")
      const { exp, nbf, iat, scopes, checkoutSessionId } = claims.value
      if (iat !== undefined && iat * 1000 > now() + maxClockSkewSeconds * 1000) {
        throw new TokenRejected("The bearer token is issued in the future")
      }
      return {
        scopes: scopes ?? [],
        checkoutSessionId,
        expiresAt: exp * 1000,
        notBefore: (nbf ?? 0) * 1000,
        merchantAccountId: candidate.merchantAccountId
      }
    }
    if (lastError instanceof Jose.errors.JWTExpired) throw new TokenRejected("The bearer token has expired")
    if (lastError instanceof Jose.errors.JWTClaimValidationFailed && lastError.claim === "nbf") {
      throw new TokenRejected("The bearer token is not valid yet")
    }
    if (lastError instanceof Jose.errors.JWSSignatureVerificationFailed) {
      throw new TokenRejected("The bearer token's signature is not valid")
    }
    throw new TokenRejected("The bearer token is not valid")
  }

  const cachedClaims = (token: string): Claims | undefined => {
    const hit = cache.get(token)
    if (hit === undefined) return undefined
    const t = now()
    return t < hit.expiresAt && t >= hit.notBefore ? hit : undefined
  }

  return {
    cachedClaims,
    verify: async (token) => {
      const hit = cache.get(token)
      const t = now()
      if (hit !== undefined) {
        if (t < hit.expiresAt && t >= hit.notBefore) return hit
        cache.delete(token)
        if (t >= hit.expiresAt) throw new TokenRejected("The bearer token has expired")
      }
      const claims = await verifyUncached(token)
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!)
      cache.set(token, claims)
      return claims
    },
    cached: () => cache.size
  }
}
