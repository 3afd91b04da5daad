/**
 * What `checkout-kit`'s commands do, loaded only when one runs (`Cli.ts`
 * defines the commands and their flags: `--help` does not load this).
 *
 * @since 0.2.0
 */
import { CheckoutSession, CheckoutSessionUpdate } from "@checkout-kit/domain/CheckoutSession"
import { CliFailure, reasonOf } from "@checkout-kit/domain/CommandLine"
import type { ErrorDetail } from "@checkout-kit/domain/Errors"
import { CheckoutSessionSecureFields } from "@checkout-kit/domain/PaymentMethod"
import * as StrictDecoder from "@checkout-kit/domain/StrictDecoder"
import * as Fixtures from "@checkout-kit/fixtures"
import { Console, Effect, Option, Schema } from "effect"
import { FetchHttpClient } from "effect/http"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { CheckoutKitClient, type ClientOptions } from "./CheckoutKitClient.ts"
import * as Contract from "./Contract.ts"
import type { CheckoutKitError } from "./Errors.ts"
import * as Progress from "./Progress.ts"
import * as Stateful from "./Stateful.ts"
import * as TokenSigner from "./TokenSigner.ts"

const defaultDataDir = ".checkout-mock"

/**
 * The flags that find the private key.
 *
 * @category models
 * @since 0.2.0
 */
export interface KeyFlags {
  readonly privateKey: Option.Option<string>
  readonly dataDir: Option.Option<string>
}

/**
 * The flags of a call to the API.
 *
 * @category models
 * @since 0.2.0
 */
export interface Connection extends KeyFlags {
  readonly server: string
  readonly unsigned: boolean
  readonly merchantAccount: Option.Option<string>
}

interface Output {
  readonly json: boolean
}

const readKey = (path: string, from: string) =>
  Effect.try({
    try: () => ({ pem: readFileSync(path, "utf8"), path }),
    catch: (e) =>
      new CliFailure({
        message: `cannot read the private key ${path} (${from}): ${reasonOf(e)}`,
        hint: "pass --private-key with the PEM file the mock printed on start"
      })
  })

/**
 * The private key that signs, and where it was found: `--private-key`
 * (`CHECKOUT_KIT_PRIVATE_KEY`), else `private-key.pem` in `--data-dir`
 * (`CHECKOUT_MOCK_DATA_DIR`), else in the nearest `.checkout-mock` of `cwd`
 * or its parents, where the mock keeps it. A `CliFailure` that says where it
 * looked when there is none.
 *
 * @category configuration
 * @since 0.2.0
 */
export const findPrivateKey = (flags: KeyFlags, cwd: string = process.cwd()) => {
  if (Option.isSome(flags.privateKey)) return readKey(resolve(cwd, flags.privateKey.value), "--private-key")
  if (Option.isSome(flags.dataDir)) {
    return readKey(resolve(cwd, flags.dataDir.value, "private-key.pem"), "in --data-dir")
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, defaultDataDir, "private-key.pem")
    if (existsSync(candidate)) return readKey(candidate, "the mock's data directory")
    if (dirname(dir) === dir) break
  }
  return Effect.fail(
    new CliFailure({
      message: `no private key: none given, and no ${join(defaultDataDir, "private-key.pem")} in ${resolve(cwd)} or its parents`,
      hint: "pass --private-key <pem> (or --data-dir of the mock), or --unsigned for a server without auth"
    })
  )
}

/**
 * The client options of the connection flags (after their environment
 * fallbacks): base URL, merchant account, and the private key unless
 * `--unsigned`.
 *
 * @category configuration
 * @since 0.1.0
 */
export const clientOptions = (connection: Connection) =>
  Effect.gen(function*() {
    const key = connection.unsigned ? undefined : yield* findPrivateKey(connection)
    const merchantAccountId = Option.getOrUndefined(connection.merchantAccount)
    const options: ClientOptions = {
      baseUrl: connection.server,
      ...(key === undefined ? {} : { privateKey: key.pem }),
      ...(merchantAccountId === undefined ? {} : { merchantAccountId })
    }
    return options
  })

const unreachable = (baseUrl: string) =>
  new CliFailure({
    message: `server unreachable at ${baseUrl} — is the mock running?`,
    hint: "start it with `npx checkout-mock-server`, or point --server (CHECKOUT_KIT_URL) at the API"
  })

// Whether the server answers at all (any status): the contract runner's first question.
const probe = (baseUrl: string) =>
  Effect.tryPromise({
    try: (signal) => fetch(baseUrl, { method: "HEAD", signal }).then((response) => response.body?.cancel()),
    catch: () => unreachable(baseUrl)
  })

const encodeSession = Schema.encodeSync(CheckoutSession)

/**
 * The `details[]` entries, one line each: pointer, type, message.
 *
 * @category output
 * @since 0.1.0
 */
export const formatDetails = (details: ReadonlyArray<ErrorDetail>): string =>
  details.map((d) => `  ${d.pointer || "(body)"}  ${d.type}  ${d.message}`).join("\n")

/**
 * How an error is shown: its kind, its message and every `details[]` entry.
 *
 * @category output
 * @since 0.1.0
 */
export const describeError = (error: CheckoutKitError): string => {
  const lines = [`${error._tag}${error.message ? `: ${error.message}` : ""}`]
  if (error._tag === "BadRequest" && (error.details ?? []).length > 0) lines.push(formatDetails(error.details ?? []))
  if (error._tag === "TooManyRequests" && error.retryAfterSeconds !== undefined) {
    lines.push(`  retry after ${error.retryAfterSeconds} s`)
  }
  return lines.join("\n")
}

// What the user is told of a failed call: the server's unreachability in words, else the error with its details.
const toFailure = (baseUrl: string) => (error: CheckoutKitError): CliFailure => {
  if (error._tag === "TransportError" && error.message.startsWith("Transport error")) return unreachable(baseUrl)
  if (error._tag === "Unauthorized") {
    return new CliFailure({
      message: describeError(error),
      hint: "the server refused the token: sign with the key it trusts (--private-key, --data-dir)"
    })
  }
  return new CliFailure({ message: describeError(error) })
}

/**
 * Runs a call with a client for the connection's flags; a failed call becomes
 * the failure the user reads (the server unreachable, the API's error with its
 * details).
 *
 * @category running
 * @since 0.2.0
 */
export const withClient = <A>(
  connection: Connection,
  f: (client: CheckoutKitClient["Service"]) => Effect.Effect<A, CheckoutKitError | CliFailure>
) =>
  Effect.gen(function*() {
    const options = yield* clientOptions(connection)
    return yield* Effect.flatMap(CheckoutKitClient, f).pipe(
      Effect.provide(CheckoutKitClient.layer(options)),
      Effect.mapError((error) => error._tag === "CliFailure" ? error : toFailure(connection.server)(error))
    )
  })

const printSession = (session: CheckoutSession, asJson: boolean, verb: string) =>
  asJson
    ? Console.log(JSON.stringify(encodeSession(session), null, 2))
    : Console.log(
      [
        `${verb} checkout session ${session.id}`,
        `  expires at     ${new Date(session.expiresAt.epochMilliseconds).toISOString()}`,
        `  cart items     ${session.cartItems?.length ?? 0}`,
        ...(session.metadata ? [`  metadata       ${JSON.stringify(session.metadata)}`] : []),
        ...(session.paymentMethod
          ? [`  payment method ${session.paymentMethod.scheme ?? "card"} ····${session.paymentMethod.label ?? ""}`]
          : [])
      ].join("\n")
    )

const readBody = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S, path: string) =>
  Effect.gen(function*() {
    const text = yield* Effect.try({
      try: () => readFileSync(resolve(path), "utf8"),
      catch: (e) =>
        new CliFailure({
          message: `cannot read ${path}: ${reasonOf(e)}`,
          hint: "--file takes a JSON body in the API's wire form"
        })
    })
    const body = yield* Effect.try({
      try: () => JSON.parse(text) as unknown,
      catch: (e) =>
        new CliFailure({
          message: `${path} is not JSON: ${(e as Error).message}`,
          hint: "--file takes a JSON body in the API's wire form"
        })
    })
    const decoded = StrictDecoder.make(schema).decode(body)
    if (decoded._tag === "Failure") {
      return yield* new CliFailure({
        message: `${path} is not a valid ${schema.ast.annotations?.identifier ?? "body"}:\n${formatDetails(decoded.failure)}`
      })
    }
    return decoded.success as S["Type"]
  })

/**
 * `sessions create`.
 *
 * @category commands
 * @since 0.2.0
 */
export const create = Effect.fnUntraced(function*(input: Connection & Output & { readonly file: Option.Option<string> }) {
    const body = Option.isSome(input.file) ? yield* readBody(CheckoutSessionUpdate, input.file.value) : {}
    const session = yield* withClient(input, (client) => client.create(body))
    yield* printSession(session, input.json, "Created")
})

/**
 * `sessions get`.
 *
 * @category commands
 * @since 0.2.0
 */
export const get = Effect.fnUntraced(function*(input: Connection & Output & { readonly id: string }) {
    const session = yield* withClient(input, (client) => client.get(input.id))
    yield* printSession(session, input.json, "Found")
})

/**
 * `sessions update`.
 *
 * @category commands
 * @since 0.2.0
 */
export const update = Effect.fnUntraced(function*(input: Connection & Output & { readonly id: string; readonly file: string }) {
    const body = yield* readBody(CheckoutSessionUpdate, input.file)
    const session = yield* withClient(input, (client) => client.update(input.id, body))
    yield* printSession(session, input.json, "Updated")
})

/**
 * `sessions delete`.
 *
 * @category commands
 * @since 0.2.0
 */
export const remove = Effect.fnUntraced(function*(input: Connection & Output & { readonly id: string }) {
    yield* withClient(input, (client) => client.delete(input.id))
    yield* input.json ? Console.log(JSON.stringify({ deleted: input.id })) : Console.log(`Deleted checkout session ${input.id}`)
})

/**
 * `sessions fields`.
 *
 * @category commands
 * @since 0.2.0
 */
export const fields = Effect.fnUntraced(function*(input: Connection & Output & { readonly id: string; readonly cardNumber: string; readonly expiry: string; readonly cvv: Option.Option<string> }) {
    const wire = {
      payment_method: {
        method: "card",
        number: input.cardNumber,
        expiration_date: input.expiry,
        ...(Option.isSome(input.cvv) ? { security_code: input.cvv.value } : {})
      }
    }
    const decoded = StrictDecoder.make(CheckoutSessionSecureFields).decode(wire)
    if (decoded._tag === "Failure") {
      return yield* new CliFailure({ message: `invalid card:\n${formatDetails(decoded.failure)}` })
    }
    yield* withClient(input, (client) => client.updateFields(input.id, decoded.success))
    const session = yield* withClient(input, (client) => client.get(input.id))
    yield* printSession(session, input.json, "Card attached to")
})

/**
 * `token`.
 *
 * @category commands
 * @since 0.2.0
 */
export const token = Effect.fnUntraced(function*(input: KeyFlags & Output & { readonly scopes: string; readonly session: Option.Option<string>; readonly lifetime: number }) {
    const key = yield* findPrivateKey(input)
    const signed = yield* Effect.tryPromise({
      try: () =>
        TokenSigner.make(key.pem).mint({
          scopes: input.scopes.split(",").map((s) => s.trim()).filter(Boolean),
          lifetimeSeconds: input.lifetime,
          ...(Option.isSome(input.session) ? { checkoutSessionId: input.session.value } : {})
        }),
      catch: (e) =>
        new CliFailure({
          message: `cannot sign with ${key.path}: ${(e as Error).message}`,
          hint: "--private-key takes a PEM private key (P-256, P-384, P-521 or RSA)"
        })
    })
    yield* Console.log(input.json ? JSON.stringify({ token: signed, expires_in: input.lifetime }) : signed)
})

/**
 * The flags of `contract`.
 *
 * @category models
 * @since 0.2.0
 */
export interface ContractFlags {
  readonly runs: number
  readonly seed: Option.Option<number>
  readonly report: Option.Option<string>
  readonly stateful: boolean
  readonly maxCommands: number
  readonly clock: boolean
  readonly replay: Option.Option<string>
}

const writeReport = (path: string, report: unknown) =>
  Effect.try({
    try: () => writeFileSync(resolve(path), `${JSON.stringify(report, null, 2)}\n`),
    catch: (e) => new CliFailure({ message: `cannot write the report ${path}: ${reasonOf(e)}` })
  })

// `contract --stateful`: the model's sequences, in their own merchant account; a shrunk counterexample on a mismatch.
const statefulContract = Effect.fnUntraced(function*(input: Output & ContractFlags, options: ClientOptions) {
  const tty = process.stderr.isTTY === true
  const report = yield* Effect.tryPromise({
    try: () =>
      Stateful.check({
        baseUrl: options.baseUrl!,
        privateKey: options.privateKey,
        merchantAccountId: options.merchantAccountId,
        runs: input.runs,
        maxCommands: input.maxCommands,
        clock: input.clock,
        seed: Option.getOrUndefined(input.seed),
        replay: Option.getOrUndefined(input.replay),
        onSequence: (done, total) => {
          // Past `total` fast-check is shrinking a failure.
          if (tty) {
            process.stderr.write(
              done <= total ? `\rstateful: ${done}/${total} sequences`.padEnd(40) : `\rshrinking: ${done - total} sequences`.padEnd(40)
            )
          }
        }
      }),
    catch: (e) => new CliFailure({ message: reasonOf(e) })
  }).pipe(Effect.ensuring(Effect.sync(() => tty && process.stderr.write("\n"))))
  if (Option.isSome(input.report)) yield* writeReport(input.report.value, report)
  yield* Console.log(input.json ? JSON.stringify(report, null, 2) : Stateful.summary(report))
  if (!report.passed) {
    return yield* new CliFailure({
      message: "a sequence disagrees with the model of the API",
      hint: `replay it with --seed ${report.seed} --replay '${report.replay ?? ""}'${Option.isSome(input.report) ? "" : "; --report <file> keeps it as JSON"}`
    })
  }
})

/**
 * `contract`.
 *
 * @category commands
 * @since 0.2.0
 */
export const contract = Effect.fnUntraced(function*(input: Connection & Output & ContractFlags) {
    if (!input.stateful && (Option.isSome(input.replay) || input.clock)) {
      return yield* new CliFailure({ message: "--replay and --clock go with --stateful", hint: "see 'checkout-kit contract --help'", usage: true })
    }
    if (Option.isSome(input.replay) && (Option.isNone(input.seed) || input.replay.value.split("@").length !== 3)) {
      return yield* new CliFailure({
        message: "--replay takes the report's replay string, with the report's --seed",
        hint: "see 'checkout-kit contract --help'",
        usage: true
      })
    }
    const options = yield* clientOptions(input)
    yield* probe(input.server)
    if (input.stateful) return yield* statefulContract(input, options)
    const seed = Option.getOrElse(input.seed, () => Math.floor(Math.random() * 2 ** 31))
    const progress = Progress.make({ label: "contract", stream: process.stderr })
    const report = yield* Contract.runEffect({
      server: input.server,
      runs: input.runs,
      seed,
      privateKey: options.privateKey,
      merchantAccountId: options.merchantAccountId,
      generators: { valid: Fixtures.checkoutSessionUpdate, invalid: Fixtures.invalidOf.CheckoutSessionUpdate },
      onProgress: progress.update
    }).pipe(Effect.provide(FetchHttpClient.layer))
    if (Option.isSome(input.report)) yield* writeReport(input.report.value, report)
    yield* Console.log(input.json ? JSON.stringify(report, null, 2) : Contract.summary(report))
    if (report.mismatches.length > 0) {
      return yield* new CliFailure({
        message: `${report.mismatches.length} mismatch${report.mismatches.length === 1 ? "" : "es"} with the contract`,
        hint: `replay with --seed ${seed}${Option.isSome(input.report) ? "" : "; --report <file> keeps every body"}`
      })
    }
})
