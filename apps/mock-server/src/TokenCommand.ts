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
import { CliFailure, reasonOf } from "@checkout-kit/domain/CommandLine"
import * as Token from "@checkout-kit/domain/Token"
import { Console, Effect, Option } from "effect"
import { createPrivateKey, type KeyObject } from "node:crypto"
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import type { TokenFlags } from "./Cli.ts"
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

const seeHelp = "see 'checkout-mock-server token --help'"

// A token's lifetime in seconds, from its claims.
const lifetimeOf = (token: string): number => {
  const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"))
  return claims.exp - claims.iat
}

/**
 * Runs the `token` subcommand: prints the token on stdout (with `--json`,
 * `{ "token": …, "expires_in": <seconds> }`). A usage error (an algorithm
 * the key does not sign) exits 2; a key that cannot be
 * read, or is no PEM private key, exits 1.
 *
 * @category cli
 * @since 0.2.0
 */
export const run = Effect.fnUntraced(function*(input: TokenFlags) {
  const session = Option.getOrUndefined(input.session)
  const dataDir = resolve(Option.getOrElse(input.dataDir, () => ".checkout-mock"))
  const keyFile = Option.getOrUndefined(input.privateKey)
  const pem = yield* Effect.try({
    try: () => readFileSync(keyFile ?? keyPaths(dataDir).privateKey, "utf8"),
    catch: (e) =>
      keyFile === undefined
        ? new CliFailure({
          message: `no private key in ${dataDir}: start the server once to create it`,
          hint: "or pass --private-key <pem>, or --data-dir of the server"
        })
        : new CliFailure({ message: `cannot read private key ${keyFile}: ${reasonOf(e)}` })
  })
  const key = yield* Effect.try({
    try: () => createPrivateKey(pem),
    catch: () =>
      new CliFailure({
        message: `${keyFile ?? keyPaths(dataDir).privateKey}: not a PEM private key`,
        hint: "--private-key takes a PEM private key (P-256, P-384, P-521 or RSA)"
      })
  })
  const signer = yield* Effect.tryPromise({
    try: () => Token.makeSigner(key),
    catch: (e) => new CliFailure({ message: `${keyFile ?? keyPaths(dataDir).privateKey}: ${(e as Error).message}` })
  })
  // `--lifetime` (seconds) wins over `--expires-in`, which keeps taking what it took (any duration the signer reads).
  const expiresIn: number | string = Option.isSome(input.lifetime)
    ? input.lifetime.value
    : Option.getOrElse(input.expiresIn, () => 3600)
  const alg = Option.getOrUndefined(input.alg)
  const token = yield* Effect.tryPromise({
    try: () =>
      signer.sign({
        scopes: input.scopes.split(",").map((s) => s.trim()).filter(Boolean),
        checkoutSessionId: session,
        issuer: "checkout-mock-server",
        expiresIn,
        algorithm: alg
      }),
    // The key is fine: what it was asked to sign is not (an algorithm it does not sign, a lifetime it cannot read).
    catch: (e) => new CliFailure({ message: (e as Error).message, hint: seeHelp, usage: true })
  })
  yield* Console.log(input.json ? JSON.stringify({ token, expires_in: lifetimeOf(token) }) : token)
})
