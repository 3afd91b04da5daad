/**
 * Signs bearer tokens as Gr4vy's SDKs do: ES512 with the merchant's P-521
 * private key, `kid` = the key's JWK thumbprint (RFC 7638), `scopes` in the
 * claims. Other keys Gr4vy accepts sign with their own algorithm: a P-256 or
 * P-384 key ES256 or ES384, an RSA key RS256 (or RS384/RS512, `algorithm`).
 * A token is reused until shortly before it expires. Tokens are signed by
 * the domain's signer (`@checkout-kit/domain/Token`), the one the mock's
 * `token` command uses and whose claims schema the mock verifies with.
 *
 * @since 0.1.0
 */
import * as Token from "@checkout-kit/domain/Token"
import { createPrivateKey } from "node:crypto"

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
 * A signer for a PKCS#8 (or SEC1, PKCS#1) PEM private key.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (privateKeyPem: string, defaults: TokenOptions = {}): TokenSigner => {
  // createPrivateKey reads PKCS#8, SEC1 and PKCS#1 PEM alike.
  const signerPromise = (async () => Token.makeSigner(createPrivateKey(privateKeyPem)))()

  const mint = async (options: TokenOptions = {}) => {
    const signer = await signerPromise
    return signer.sign({
      scopes: options.scopes ?? defaults.scopes ?? defaultScopes,
      checkoutSessionId: options.checkoutSessionId ?? defaults.checkoutSessionId,
      issuer: "@checkout-kit/client",
      expiresIn: options.lifetimeSeconds ?? defaults.lifetimeSeconds ?? 300,
      algorithm: options.algorithm ?? defaults.algorithm
    })
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
