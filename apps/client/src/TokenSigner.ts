/**
 * Signs bearer tokens as Gr4vy's SDKs do: ES512 with the merchant's P-521
 * private key, `kid` = the key's JWK thumbprint (RFC 7638), `scopes` in the
 * claims. A token is reused until shortly before it expires.
 *
 * @since 0.1.0
 */
import * as Jose from "jose"
import { randomUUID } from "node:crypto"

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
 * A signer for a PKCS#8 (or SEC1) PEM private key.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (privateKeyPem: string, defaults: TokenOptions = {}): TokenSigner => {
  const keyPromise = (async () => {
    const key = await Jose.importPKCS8(privateKeyPem, "ES512", { extractable: true })
    const { d: _, ...publicJwk } = await Jose.exportJWK(key)
    return { key, kid: await Jose.calculateJwkThumbprint(publicJwk) }
  })()

  const mint = async (options: TokenOptions = {}) => {
    const { key, kid } = await keyPromise
    const scopes = options.scopes ?? defaults.scopes ?? defaultScopes
    const pinned = options.checkoutSessionId ?? defaults.checkoutSessionId
    return new Jose.SignJWT({ scopes: [...scopes], ...(pinned === undefined ? {} : { checkout_session_id: pinned }) })
      .setProtectedHeader({ alg: "ES512", typ: "JWT", kid })
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
