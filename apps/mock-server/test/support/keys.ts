import { generateKeyPairSync, type KeyObject } from "node:crypto"
import * as Jose from "jose"

/**
 * A merchant key pair — P-521 as Gr4vy's dashboard makes them, or another curve, or RSA — as PEM (the form
 * `--public-key` and the SDK take) and as key objects.
 */
export const makeKeyPair = (kind: "P-256" | "P-384" | "P-521" | "RSA" = "P-521") => {
  const { privateKey, publicKey } = kind === "RSA"
    ? generateKeyPairSync("rsa", { modulusLength: 2048 })
    : generateKeyPairSync("ec", { namedCurve: kind })
  return {
    privateKey,
    publicKey,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString()
  }
}

/** The RFC 7638 thumbprint of a public key: the `kid` tokens carry. */
export const thumbprint = async (publicKey: KeyObject) =>
  Jose.calculateJwkThumbprint(await Jose.exportJWK(publicKey))

/** Signs a token (ES512 unless `alg` says otherwise) the way Gr4vy's SDKs do, with overridable claims and header. */
export const signToken = async (
  privateKey: KeyObject,
  publicKey: KeyObject,
  options: {
    readonly scopes?: ReadonlyArray<string>
    readonly claims?: Record<string, unknown>
    readonly alg?: string
    readonly kid?: string | null
    readonly expiresIn?: string | number
    readonly notBefore?: string | number
    /** `iat`: now by default; `false` for none. */
    readonly issuedAt?: number | false
  } = {}
) => {
  const kid = options.kid === undefined ? await thumbprint(publicKey) : options.kid
  const jwt = new Jose.SignJWT({ scopes: options.scopes ?? ["*.read", "*.write"], ...options.claims })
    .setProtectedHeader({ alg: options.alg ?? "ES512", typ: "JWT", kid: kid as string })
    .setJti(crypto.randomUUID())
    .setIssuer("checkout-kit-tests")
    .setExpirationTime(options.expiresIn ?? "30s")
  if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore)
  if (options.issuedAt !== false) jwt.setIssuedAt(options.issuedAt)
  return jwt.sign(privateKey)
}
