import { generateKeyPairSync, type KeyObject } from "node:crypto"
import * as Token from "@checkout-kit/domain/Token"

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
export const thumbprint = (publicKey: KeyObject) => Token.kidOf(publicKey)

/**
 * Signs a token (ES512 unless `alg` says otherwise) the way Gr4vy's SDKs do, with overridable claims and header:
 * the domain's one signing primitive (`Token.signJwt`), so tests can also sign tokens a signer would refuse
 * (an algorithm that does not fit the key, another key's kid, malformed claims).
 */
export const signToken = async (
  privateKey: KeyObject,
  publicKey: KeyObject,
  options: {
    readonly scopes?: ReadonlyArray<string>
    readonly claims?: Record<string, unknown>
    readonly alg?: string
    readonly kid?: string | null
    /** A duration from now (`"30s"`) or an absolute NumericDate. */
    readonly expiresIn?: string | number
    readonly notBefore?: string | number
    /** `iat`: now by default; `false` for none. */
    readonly issuedAt?: number | false
  } = {}
) =>
  Token.signJwt(privateKey, {
    alg: options.alg ?? "ES512",
    kid: options.kid === undefined ? await thumbprint(publicKey) : options.kid,
    claims: { scopes: options.scopes ?? ["*.read", "*.write"], ...options.claims },
    issuer: "checkout-kit-tests",
    expirationTime: options.expiresIn ?? "30s",
    notBefore: options.notBefore,
    issuedAt: options.issuedAt
  })
