/**
 * Signs bearer tokens as Gr4vy's SDKs do: ES512 with the merchant's P-521
 * private key, `kid` = the key's JWK thumbprint (RFC 7638), `scopes` in the
 * claims. Other keys Gr4vy accepts sign with their own algorithm: a P-256 or
 * P-384 key ES256 or ES384, an RSA key RS256 (or RS384/RS512, `algorithm`).
 * A token is reused until shortly before it expires.
 *
 * @since 0.1.0
 */
import * as Jose from "jose"
import { createPrivateKey, createPublicKey, type KeyObject, randomUUID } from "node:crypto"

/**
 * @category models
 * @since 0.1.0
 */
export interface TokenOptions {
  readonly scopes?: ReadonlyArray<string> | undefined
  /** Pins the token to one session (`checkout_session_id`). */
  readonly checkoutSessionId?: string | undefined
  /** Seconds; default 300. */
  readonly lifetimeSeconds?: number | undefined
  /** For an RSA key: `RS256` (default), `RS384` or `RS512`; an ECDSA key's algorithm follows its curve. */
  readonly algorithm?: string | undefined
}

/**
 * @category models
 * @since 0.1.0
 */
export interface TokenSigner {
  /** A valid token, signing a new one when the cached one is within 30 s of expiry. */
  readonly token: () => Promise<string>
  /** A new token, never cached. */
  readonly mint: (options?: TokenOptions) => Promise<string>
}

/**
 * The default scopes: every read and write, as the official SDK's.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaultScopes: ReadonlyArray<string> = ["*.read", "*.write"]

/**
 * The algorithms a private key signs with: its curve's for ECDSA, RS256,
 * RS384 and RS512 for RSA.
 *
 * @category keys
 * @since 0.1.0
 */
export const algorithmsOf = (key: KeyObject): ReadonlyArray<string> => {
  if (key.asymmetricKeyType === "rsa") return ["RS256", "RS384", "RS512"]
  const curve = key.asymmetricKeyDetails?.namedCurve
  const alg = ({ prime256v1: "ES256", secp384r1: "ES384", secp521r1: "ES512" } as Record<string, string>)[curve ?? ""]
  if (key.asymmetricKeyType !== "ec" || alg === undefined) {
    throw new Error(`a ${curve ?? key.asymmetricKeyType} key cannot sign Gr4vy tokens (use ECDSA P-256/384/521 or RSA)`)
  }
  return [alg]
}

/**
 * A signer for a PKCS#8 (or SEC1, PKCS#1) PEM private key.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (privateKeyPem: string, defaults: TokenOptions = {}): TokenSigner => {
  const keyPromise = (async () => {
    const key = createPrivateKey(privateKeyPem)
    const publicKey = createPublicKey(key)
    return { key, algorithms: algorithmsOf(publicKey), kid: await Jose.calculateJwkThumbprint(await Jose.exportJWK(publicKey)) }
  })()

  const mint = async (options: TokenOptions = {}) => {
    const { key, algorithms, kid } = await keyPromise
    const alg = options.algorithm ?? defaults.algorithm ?? algorithms[0]
    if (!algorithms.includes(alg)) throw new Error(`this key signs ${algorithms.join(", ")}, not ${alg}`)
    const scopes = options.scopes ?? defaults.scopes ?? defaultScopes
    const pinned = options.checkoutSessionId ?? defaults.checkoutSessionId
    return new Jose.SignJWT({ scopes: [...scopes], ...(pinned === undefined ? {} : { checkout_session_id: pinned }) })
      .setProtectedHeader({ alg, typ: "JWT", kid })
      .setIssuedAt()
      .setNotBefore("0s")
      .setJti(randomUUID())
      .setIssuer("@checkout-kit/client")
      .setExpirationTime(`${options.lifetimeSeconds ?? defaults.lifetimeSeconds ?? 300}s`)
      .sign(key)
  }

  let cached: { readonly token: string; readonly refreshAt: number } | undefined
  let pending: Promise<string> | undefined
  const token = async () => {
    if (cached !== undefined && Date.now() < cached.refreshAt) return cached.token
    pending ??= mint().then((t) => {
      const lifetime = (defaults.lifetimeSeconds ?? 300) * 1000
      cached = { token: t, refreshAt: Date.now() + Math.max(lifetime - 30_000, lifetime / 2) }
      pending = undefined
      return t
    }, (e) => {
      pending = undefined
      throw e
    })
    return pending
  }

  return { token, mint }
}
