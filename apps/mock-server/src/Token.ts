/**
 * `checkout-mock-server token`: mints a bearer token for curl and other
 * tools, signed (`kid` = JWK thumbprint) with the private key of the data
 * directory, as Gr4vy's SDKs sign theirs (ES512), or with another private
 * key (`--private-key`: an ECDSA key signs with its curve's algorithm, an RSA
 * key RS256 unless `--alg` says RS384 or RS512), e.g. a key bound to a
 * merchant account.
 *
 * @since 0.1.0
 */
import { Uuid } from "@checkout-kit/domain/Primitives"
import * as Token from "@checkout-kit/domain/Token"
import { Schema } from "effect"
import { createPrivateKey, type KeyObject } from "node:crypto"
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import { parseArgs } from "node:util"
import { keyPaths } from "./Keys.ts"

/**
 * A token signed with a PEM private key, by the domain's signer
 * (`@checkout-kit/domain/Token`).
 *
 * @category tokens
 * @since 0.1.0
 */
export const mint = async (
  privateKeyPem: string,
  options: {
    readonly scopes: ReadonlyArray<string>
    readonly sessionId?: string
    /** A duration (`"1h"`, `"30m"`); default one hour. */
    readonly expiresIn?: string
    /** For an RSA key: RS256 (default), RS384 or RS512. */
    readonly alg?: string
  }
): Promise<string> => {
  let key: KeyObject
  try {
    key = createPrivateKey(privateKeyPem)
  } catch {
    throw new Error("not a PEM private key")
  }
  const signer = await Token.makeSigner(key)
  return signer.sign({
    scopes: options.scopes,
    checkoutSessionId: options.sessionId,
    issuer: "checkout-mock-server",
    expiresIn: options.expiresIn ?? "1h",
    algorithm: options.alg
  })
}

const isUuid = Schema.is(Uuid)

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
      "private-key": { type: "string" },
      alg: { type: "string" },
      scopes: { type: "string" },
      session: { type: "string" },
      "expires-in": { type: "string" }
    },
    strict: true
  })
  const dataDir = resolve(values["data-dir"] ?? env.CHECKOUT_MOCK_DATA_DIR ?? ".checkout-mock")
  const keyFile = values["private-key"]
  let pem: string
  try {
    pem = readFileSync(keyFile ?? keyPaths(dataDir).privateKey, "utf8")
  } catch {
    process.stderr.write(
      keyFile === undefined
        ? `no private key in ${dataDir}: start the server once to create it\n`
        : `cannot read private key ${keyFile}\n`
    )
    return 1
  }
  // The server refuses a pin that is not a UUID (API-SEMANTICS.md § Authentication): say so now.
  if (values.session !== undefined && !isUuid(values.session)) {
    process.stderr.write(`--session takes a checkout session id (a UUID), not ${values.session}\n`)
    return 2
  }
  const token = await mint(pem, {
    ...(values.alg === undefined ? {} : { alg: values.alg }),
    scopes: (values.scopes ?? "*.read,*.write").split(",").map((s) => s.trim()).filter(Boolean),
    ...(values.session === undefined ? {} : { sessionId: values.session }),
    ...(values["expires-in"] === undefined ? {} : { expiresIn: values["expires-in"] })
  })
  process.stdout.write(`${token}\n`)
  return 0
}
