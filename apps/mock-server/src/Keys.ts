/**
 * The merchant key pair of a mock server without `--public-key`: a P-521 pair
 * created in the data directory on first start and reused afterwards, so the
 * client and the official SDK can sign requests with the private key.
 *
 * @since 0.1.0
 */
import { generateKeyPairSync, randomBytes } from "node:crypto"
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"

/**
 * Where the key files live in a data directory.
 *
 * @category paths
 * @since 0.1.0
 */
export const keyPaths = (dataDir: string) => ({
  privateKey: join(dataDir, "private-key.pem"),
  publicKey: join(dataDir, "public-key.pem")
})

/**
 * The public key (SPKI PEM) of the data directory's pair, creating the pair
 * on first use. The private key file is readable by its owner only.
 *
 * @category keys
 * @since 0.1.0
 */
export const loadOrCreate = (dataDir: string): { readonly publicKeyPem: string; readonly privateKeyPath: string; readonly created: boolean } => {
  const paths = keyPaths(dataDir)
  if (existsSync(paths.privateKey) && existsSync(paths.publicKey)) {
    return { publicKeyPem: readFileSync(paths.publicKey, "utf8"), privateKeyPath: paths.privateKey, created: false }
  }
  mkdirSync(dataDir, { recursive: true })
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-521" })
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString()
  writeFileSync(paths.privateKey, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 })
  chmodSync(paths.privateKey, 0o600)
  writeFileSync(paths.publicKey, publicKeyPem)
  return { publicKeyPem, privateKeyPath: paths.privateKey, created: true }
}

/**
 * The secret that keys card fingerprints, created in the data directory on
 * first use (readable by its owner only), so fingerprints stay stable across
 * restarts.
 *
 * @category keys
 * @since 0.1.0
 */
export const loadOrCreateFingerprintSecret = (dataDir: string): string => {
  const path = join(dataDir, "fingerprint-secret")
  if (existsSync(path)) return readFileSync(path, "utf8").trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString("hex")
  writeFileSync(path, secret, { mode: 0o600 })
  return secret
}
