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
import { parseDuration } from "@checkout-kit/domain/CommandLine"
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
    /** Seconds, or a duration (`"1h"`, `"30m"`); default one hour. */
    readonly expiresIn?: number | string
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
      // `--lifetime`, as `checkout-kit token` names it; `--expires-in` is its older name, still taken.
      lifetime: { type: "string" },
      "expires-in": { type: "string" }
    },
    strict: true
  })
  // `--expires-in` keeps taking what it took (any duration the signer reads); `--lifetime` what checkout-kit's does.
  let lifetime: number | string | undefined = values["expires-in"]
  if (values.lifetime !== undefined) {
    try {
      lifetime = parseDuration(values.lifetime)
    } catch (e) {
      throw new Error(`--lifetime ${(e as Error).message}`, { cause: e })
    }
  }
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
    ...(lifetime === undefined ? {} : { expiresIn: lifetime })
  })
  process.stdout.write(`${token}\n`)
  return 0
}
