/**
 * Verifies bearer tokens: ES512 JWTs signed by one of the configured P-521
 * keys, chosen by the `kid` header (the key's RFC 7638 thumbprint). Any
 * other algorithm (`none`, HS*, RS*, ...) is refused before any key is used.
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
import * as Jose from "jose"

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
}

/**
 * Why a token was refused (never the token itself).
 *
 * @category errors
 * @since 0.1.0
 */
export class TokenRejected extends Error {}

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
 * A verifier for the given SPKI PEM public keys.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = async (
  publicKeyPems: ReadonlyArray<string>,
  options: { readonly cacheSize?: number; readonly now?: () => number } = {}
): Promise<TokenVerifier> => {
  const cacheSize = options.cacheSize ?? 10_000
  const now = options.now ?? Date.now
  const keys = new Map<string, Awaited<ReturnType<typeof Jose.importSPKI>>>()
  for (const pem of publicKeyPems) {
    const key = await Jose.importSPKI(pem, "ES512", { extractable: true })
    keys.set(await Jose.calculateJwkThumbprint(await Jose.exportJWK(key)), key)
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
    if (header.alg !== "ES512") throw new TokenRejected(`Tokens must be signed with ES512, not ${String(header.alg)}`)
    const candidates = header.kid === undefined ? [...keys.values()] : [keys.get(header.kid)].filter((k) => k !== undefined)
    if (candidates.length === 0) throw new TokenRejected("The token's key is not known")
    let lastError: unknown
    for (const key of candidates) {
      try {
        const { payload } = await Jose.jwtVerify(token, key, {
          algorithms: ["ES512"],
          currentDate: new Date(now()),
          requiredClaims: ["exp"]
        })
        const scopes = Array.isArray(payload.scopes) ? payload.scopes.filter((s): s is string => typeof s === "string") : []
        const pinned = payload.checkout_session_id
        return {
          scopes,
          checkoutSessionId: typeof pinned === "string" ? pinned : undefined,
          expiresAt: payload.exp! * 1000,
          notBefore: (payload.nbf ?? 0) * 1000
        }
      } catch (e) {
        lastError = e
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
