/**
 * `checkout-mock-server token`: mints a bearer token for curl and other
 * tools, signed (ES512, `kid` = JWK thumbprint) with the private key of the
 * data directory, as Gr4vy's SDKs sign theirs.
 *
 * @since 0.1.0
 */
import * as Jose from "jose"
import { randomUUID } from "node:crypto"
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import { parseArgs } from "node:util"
import { keyPaths } from "./Keys.ts"

/**
 * A token signed with a PKCS#8 PEM private key.
 *
 * @category tokens
 * @since 0.1.0
 */
export const mint = async (
  privateKeyPem: string,
  options: { readonly scopes: ReadonlyArray<string>; readonly sessionId?: string; readonly expiresIn?: string }
): Promise<string> => {
  const key = await Jose.importPKCS8(privateKeyPem, "ES512", { extractable: true })
  const { d: _, ...publicJwk } = await Jose.exportJWK(key)
  const kid = await Jose.calculateJwkThumbprint(publicJwk)
  return new Jose.SignJWT({
    scopes: [...options.scopes],
    ...(options.sessionId === undefined ? {} : { checkout_session_id: options.sessionId })
  })
    .setProtectedHeader({ alg: "ES512", typ: "JWT", kid })
    .setIssuedAt()
    .setNotBefore("0s")
    .setJti(randomUUID())
    .setIssuer("checkout-mock-server")
    .setExpirationTime(options.expiresIn ?? "1h")
    .sign(key)
}

/**
 * Runs the `token` subcommand: prints the token on stdout.
 *
 * @category cli
 * @since 0.1.0
 */
export const main = async (argv: ReadonlyArray<string>, env: Record<string, string | undefined>): Promise<number> => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      "data-dir": { type: "string" },
      scopes: { type: "string" },
      session: { type: "string" },
      "expires-in": { type: "string" }
    },
    strict: true
  })
  const dataDir = resolve(values["data-dir"] ?? env.CHECKOUT_MOCK_DATA_DIR ?? ".checkout-mock")
  let pem: string
  try {
    pem = readFileSync(keyPaths(dataDir).privateKey, "utf8")
  } catch {
    process.stderr.write(`no private key in ${dataDir}: start the server once to create it\n`)
    return 1
  }
  const token = await mint(pem, {
    scopes: (values.scopes ?? "*.read,*.write").split(",").map((s) => s.trim()).filter(Boolean),
    ...(values.session === undefined ? {} : { sessionId: values.session }),
    ...(values["expires-in"] === undefined ? {} : { expiresIn: values["expires-in"] })
  })
  process.stdout.write(`${token}\n`)
  return 0
}
