import { generateKeyPairSync, type KeyObject } from "node:crypto"
import * as Jose from "jose"

/** A P-521 merchant key pair, as PEM (the form `--public-key` and the SDK take) and as key objects. */
export const makeKeyPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-521" })
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

/** Signs an ES512 token the way Gr4vy's SDKs do, with overridable claims and header. */
export const signToken = async (
  privateKey: KeyObject,
  publicKey: KeyObject,
  options: {
    readonly scopes?: ReadonlyArray<string>
    readonly claims?: Record<string, unknown>
    readonly kid?: string
    readonly expiresIn?: string | number
    readonly notBefore?: string | number
  } = {}
) => {
  const jwt = new Jose.SignJWT({ scopes: options.scopes ?? ["*.read", "*.write"], ...options.claims })
    .setProtectedHeader({ alg: "ES512", typ: "JWT", kid: options.kid ?? (await thumbprint(publicKey)) })
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setIssuer("checkout-kit-tests")
    .setExpirationTime(options.expiresIn ?? "30s")
  if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore)
  return jwt.sign(privateKey)
}
