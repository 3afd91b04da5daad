/**
 * The merchant key pair of a mock server without `--public-key`: a P-521 pair
 * created in the data directory on first start and reused afterwards, so the
 * client and the official SDK can sign requests with the private key.
 *
 * Nothing here overwrites a private key: a missing public key is rebuilt from
 * the private one, and files that do not make a pair stop the server with one
 * line naming the file and the fix.
 *
 * @since 0.1.0
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomBytes } from "node:crypto"
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { reasonOf, StartupError } from "./StartupError.ts"

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
 * Creates the data directory, readable by its owner only, when it does not
 * exist (an existing directory keeps its mode).
 *
 * @category paths
 * @since 0.1.0
 */
export const ensureDataDir = (dataDir: string): void => {
  if (existsSync(dataDir)) return
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    chmodSync(dataDir, 0o700)
  } catch (e) {
    throw new StartupError(
      `cannot create the data directory ${dataDir}: ${reasonOf(e)}\n` +
        `choose a writable one with --data-dir (or --store memory --auth off, which need none)`
    )
  }
}

const read = (path: string) => {
  try {
    return readFileSync(path, "utf8")
  } catch (e) {
    throw new StartupError(`cannot read ${path}: ${reasonOf(e)}`)
  }
}

// Writes a new file, never over an existing one.
const writeNew = (path: string, content: string, mode: number) => {
  try {
    writeFileSync(path, content, { mode, flag: "wx" })
    chmodSync(path, mode)
  } catch (e) {
    throw new StartupError(`cannot write ${path}: ${reasonOf(e)}\nmake the data directory writable, or choose another with --data-dir`)
  }
}

const spkiPem = (key: KeyObject) => key.export({ type: "spki", format: "pem" }).toString()

/**
 * The public key (SPKI PEM) of the data directory's pair, creating the pair
 * on first use (the private key readable by its owner only) and rebuilding a
 * missing public key from the private one. Throws a `StartupError` when the
 * files do not make a P-521 pair.
 *
 * @category keys
 * @since 0.1.0
 */
export const loadOrCreate = (dataDir: string): { readonly publicKeyPem: string; readonly privateKeyPath: string; readonly created: boolean } => {
  const paths = keyPaths(dataDir)
  const hasPrivate = existsSync(paths.privateKey)
  const hasPublic = existsSync(paths.publicKey)
  if (!hasPrivate && hasPublic) {
    throw new StartupError(
      `${paths.privateKey} is missing but ${paths.publicKey} is there\n` +
        `restore the private key, or remove ${paths.publicKey} to create a new pair (tokens signed before stop working)`
    )
  }
  if (!hasPrivate) {
    ensureDataDir(dataDir)
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-521" })
    writeNew(paths.privateKey, privateKey.export({ type: "pkcs8", format: "pem" }).toString(), 0o600)
    const publicKeyPem = spkiPem(publicKey)
    writeNew(paths.publicKey, publicKeyPem, 0o644)
    return { publicKeyPem, privateKeyPath: paths.privateKey, created: true }
  }
  let privateKey: KeyObject
  try {
    privateKey = createPrivateKey(read(paths.privateKey))
  } catch (e) {
    if (e instanceof StartupError) throw e
    throw new StartupError(`${paths.privateKey} is not a PEM private key\nrestore it, or remove both key files to create a new pair`)
  }
  if (privateKey.asymmetricKeyType !== "ec" || privateKey.asymmetricKeyDetails?.namedCurve !== "secp521r1") {
    throw new StartupError(`${paths.privateKey} is not a P-521 key (ES512 needs one)\nrestore it, or remove both key files to create a new pair`)
  }
  const derived = spkiPem(createPublicKey(privateKey))
  if (!hasPublic) {
    writeNew(paths.publicKey, derived, 0o644)
    return { publicKeyPem: derived, privateKeyPath: paths.privateKey, created: false }
  }
  const publicKeyPem = read(paths.publicKey)
  let matches = false
  try {
    matches = spkiPem(createPublicKey(publicKeyPem)) === derived
  } catch {
    // Not a key: reported below as not the private key's.
  }
  if (!matches) {
    throw new StartupError(
      `${paths.publicKey} is not the public key of ${paths.privateKey}\n` +
        `remove ${paths.publicKey}: it is rebuilt from the private key on the next start`
    )
  }
  return { publicKeyPem, privateKeyPath: paths.privateKey, created: false }
}

/**
 * The secret that keys card fingerprints, created in the data directory on
 * first use (readable by its owner only), so fingerprints stay stable across
 * restarts. With `ephemeral` (the memory store, whose sessions do not outlive
 * the process), a data directory that cannot be written yields a secret for
 * this process only.
 *
 * @category keys
 * @since 0.1.0
 */
export const loadOrCreateFingerprintSecret = (dataDir: string, options?: { readonly ephemeral?: boolean }): string => {
  const path = join(dataDir, "fingerprint-secret")
  const secret = randomBytes(32).toString("hex")
  try {
    if (existsSync(path)) return read(path).trim()
    ensureDataDir(dataDir)
    writeNew(path, secret, 0o600)
  } catch (e) {
    if (options?.ephemeral === true) return secret
    throw e
  }
  return secret
}
