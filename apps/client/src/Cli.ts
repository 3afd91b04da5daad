/**
 * The `checkout-kit` command line: sessions create / get / update / delete /
 * fields, `token` to mint a bearer token for curl, and `contract` to check a
 * server against the contract.
 *
 * Defaults point at a local mock server: `http://127.0.0.1:4010` and the
 * private key it keeps in `.checkout-mock/private-key.pem`. Flags, then the
 * environment (`CHECKOUT_KIT_URL`, `CHECKOUT_KIT_PRIVATE_KEY`,
 * `CHECKOUT_KIT_MERCHANT_ACCOUNT`), override them.
 *
 * @since 0.1.0
 */
import { merchantAccountHeader } from "@checkout-kit/domain/api/CheckoutSessions"
import { CheckoutSession, CheckoutSessionUpdate } from "@checkout-kit/domain/CheckoutSession"
import type { ErrorDetail } from "@checkout-kit/domain/Errors"
import { CheckoutSessionSecureFields } from "@checkout-kit/domain/PaymentMethod"
import * as StrictDecoder from "@checkout-kit/domain/StrictDecoder"
import { Console, Effect, Option, Schema } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { FetchHttpClient } from "effect/http"
import * as Fixtures from "@checkout-kit/fixtures"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { resolve } from "node:path"
import { CheckoutKitClient, type ClientOptions } from "./CheckoutKitClient.ts"
import * as Contract from "./Contract.ts"
import * as Stateful from "./Stateful.ts"
import type { CheckoutKitError } from "./Errors.ts"
import * as TokenSigner from "./TokenSigner.ts"

/**
 * A failure already printed for the user: the process exits 1.
 *
 * @category errors
 * @since 0.1.0
 */
export class CliFailure extends Schema.TaggedError<CliFailure>()("CliFailure", { message: Schema.String }) {}

const defaultKeyPath = ".checkout-mock/private-key.pem"

const server = Flag.String("server").pipe(
  Flag.withDescription("Base URL of the API (env CHECKOUT_KIT_URL, default http://127.0.0.1:4010)"),
  Flag.optional
)
const privateKey = Flag.String("private-key").pipe(
  Flag.withDescription(`PEM file of the merchant's private key (env CHECKOUT_KIT_PRIVATE_KEY, default ${defaultKeyPath})`),
  Flag.optional
)
const merchantAccount = Flag.String("merchant-account").pipe(
  Flag.withDescription(`${merchantAccountHeader} (env CHECKOUT_KIT_MERCHANT_ACCOUNT)`),
  Flag.optional
)
const json = Flag.Boolean("json").pipe(Flag.withDescription("Print JSON for scripts"), Flag.withDefault(false))

interface Connection {
  readonly server: Option.Option<string>
  readonly privateKey: Option.Option<string>
  readonly merchantAccount: Option.Option<string>
}

/**
 * The client options flags and environment name.
 *
 * @category configuration
 * @since 0.1.0
 */
export const clientOptions = (connection: Connection, env: Record<string, string | undefined> = process.env): ClientOptions => {
  const keyPath = Option.getOrUndefined(connection.privateKey) ?? env.CHECKOUT_KIT_PRIVATE_KEY ??
    (existsSync(defaultKeyPath) ? defaultKeyPath : undefined)
  const merchantAccountId = Option.getOrUndefined(connection.merchantAccount) ?? env.CHECKOUT_KIT_MERCHANT_ACCOUNT
  return {
    baseUrl: Option.getOrUndefined(connection.server) ?? env.CHECKOUT_KIT_URL ?? "http://127.0.0.1:4010",
    ...(keyPath === undefined ? {} : { privateKey: readFileSync(resolve(keyPath), "utf8") }),
    ...(merchantAccountId === undefined ? {} : { merchantAccountId })
  }
}

const encodeSession = Schema.encodeSync(CheckoutSession)

// Runs a call with a client for the connection; prints an error with every detail and fails.
const withClient = <A>(
  connection: Connection,
  f: (client: CheckoutKitClient["Service"]) => Effect.Effect<A, CheckoutKitError | CliFailure>
) =>
  Effect.gen(function*() {
    const options = yield* Effect.try({
      try: () => clientOptions(connection),
      catch: (e) => new CliFailure({ message: (e as Error).message })
    })
    return yield* Effect.flatMap(CheckoutKitClient, f).pipe(Effect.provide(CheckoutKitClient.layer(options)))
  }).pipe(
    Effect.catch((error: CheckoutKitError | CliFailure) =>
      Effect.flatMap(Console.error(describeError(error)), () => Effect.fail(new CliFailure({ message: error.message })))
    )
  )

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
export const describeError = (error: CheckoutKitError | CliFailure): string => {
  const lines = [`error: ${error._tag}${error.message ? `: ${error.message}` : ""}`]
  if (error._tag === "BadRequest" && (error.details ?? []).length > 0) lines.push(formatDetails(error.details ?? []))
  if (error._tag === "TooManyRequests" && error.retryAfterSeconds !== undefined) {
    lines.push(`  retry after ${error.retryAfterSeconds} s`)
  }
  return lines.join("\n")
}

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
      catch: () => new CliFailure({ message: `cannot read ${path}` })
    })
    const body = yield* Effect.try({
      try: () => JSON.parse(text) as unknown,
      catch: () => new CliFailure({ message: `${path} is not JSON` })
    })
    const decoded = StrictDecoder.make(schema).decode(body)
    if (decoded._tag === "Failure") {
      yield* Console.error(
        `error: ${path} is not a valid ${schema.ast.annotations?.identifier ?? "body"}:\n${formatDetails(decoded.failure)}`
      )
      return yield* new CliFailure({ message: "invalid body" })
    }
    return decoded.success as S["Type"]
  })

const sessionId = Argument.String("id").pipe(Argument.withDescription("The checkout session id"))
const file = Flag.String("file").pipe(Flag.withDescription("A JSON body in the API's wire form"), Flag.optional)

const create = Command.make(
  "create",
  { server, privateKey, merchantAccount, json, file },
  Effect.fnUntraced(function*(input) {
    const body = Option.isSome(input.file) ? yield* readBody(CheckoutSessionUpdate, input.file.value) : {}
    const session = yield* withClient(input, (client) => client.create(body))
    yield* printSession(session, input.json, "Created")
  })
).pipe(Command.withDescription("Create a checkout session (from --file, or empty)"))

const get = Command.make(
  "get",
  { server, privateKey, merchantAccount, json, id: sessionId },
  Effect.fnUntraced(function*(input) {
    const session = yield* withClient(input, (client) => client.get(input.id))
    yield* printSession(session, input.json, "Found")
  })
).pipe(Command.withDescription("Read a checkout session"))

const update = Command.make(
  "update",
  { server, privateKey, merchantAccount, json, id: sessionId, file: Flag.String("file") },
  Effect.fnUntraced(function*(input) {
    const body = yield* readBody(CheckoutSessionUpdate, input.file)
    const session = yield* withClient(input, (client) => client.update(input.id, body))
    yield* printSession(session, input.json, "Updated")
  })
).pipe(Command.withDescription("Update a checkout session with the fields of --file"))

const remove = Command.make(
  "delete",
  { server, privateKey, merchantAccount, json, id: sessionId },
  Effect.fnUntraced(function*(input) {
    yield* withClient(input, (client) => client.delete(input.id))
    yield* input.json ? Console.log(JSON.stringify({ deleted: input.id })) : Console.log(`Deleted checkout session ${input.id}`)
  })
).pipe(Command.withDescription("Delete a checkout session"))

const fields = Command.make(
  "fields",
  {
    server,
    privateKey,
    merchantAccount,
    json,
    id: sessionId,
    cardNumber: Flag.String("card-number").pipe(Flag.withDescription("The card number (never printed)")),
    expiry: Flag.String("expiry").pipe(Flag.withDescription("MM/YY")),
    cvv: Flag.String("cvv").pipe(Flag.withDescription("The security code (never printed)"), Flag.optional)
  },
  Effect.fnUntraced(function*(input) {
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
      yield* Console.error(`error: invalid card:\n${formatDetails(decoded.failure)}`)
      return yield* new CliFailure({ message: "invalid card" })
    }
    yield* withClient(input, (client) => client.updateFields(input.id, decoded.success))
    const session = yield* withClient(input, (client) => client.get(input.id))
    yield* printSession(session, input.json, "Card attached to")
  })
).pipe(Command.withDescription("Attach a card to a session through secure fields"))

const sessions = Command.make("sessions").pipe(
  Command.withDescription("Create, read, update and delete checkout sessions"),
  Command.withSubcommands([create, get, update, remove, fields])
)

const token = Command.make(
  "token",
  {
    privateKey,
    scopes: Flag.String("scopes").pipe(Flag.withDescription("Comma-separated scopes"), Flag.withDefault("*.read,*.write")),
    session: Flag.String("session").pipe(Flag.withDescription("Pin the token to one checkout session"), Flag.optional),
    lifetime: Flag.Int("lifetime").pipe(Flag.withDescription("Seconds"), Flag.withDefault(3600))
  },
  Effect.fnUntraced(function*(input) {
    const options = yield* Effect.try({
      try: () => clientOptions({ server: Option.none(), privateKey: input.privateKey, merchantAccount: Option.none() }),
      catch: (e) => new CliFailure({ message: (e as Error).message })
    })
    if (options.privateKey === undefined) {
      yield* Console.error(`error: no private key (--private-key, CHECKOUT_KIT_PRIVATE_KEY, or ${defaultKeyPath})`)
      return yield* new CliFailure({ message: "no private key" })
    }
    const signed = yield* Effect.tryPromise({
      try: () =>
        TokenSigner.make(options.privateKey!).mint({
          scopes: input.scopes.split(",").map((s) => s.trim()).filter(Boolean),
          lifetimeSeconds: input.lifetime,
          ...(Option.isSome(input.session) ? { checkoutSessionId: input.session.value } : {})
        }),
      catch: (e) => new CliFailure({ message: `cannot sign: ${(e as Error).message}` })
    })
    yield* Console.log(signed)
  })
).pipe(Command.withDescription("Mint a bearer token for curl, signed with the private key"))

const contract = Command.make(
  "contract",
  {
    server,
    privateKey,
    merchantAccount,
    runs: Flag.Int("runs").pipe(
      Flag.withDescription("Valid and invalid bodies to send, each; with --stateful, sequences to run"),
      Flag.withDefault(100)
    ),
    seed: Flag.Int("seed").pipe(Flag.withDescription("fast-check seed (default: random, printed)"), Flag.optional),
    report: Flag.String("report").pipe(Flag.withDescription("Write the JSON report, every mismatch with seed and body"), Flag.optional),
    stateful: Flag.Boolean("stateful").pipe(
      Flag.withDescription("Run sequences of operations checked against the model of the API, in their own merchant account"),
      Flag.withDefault(false)
    ),
    maxCommands: Flag.Int("max-commands").pipe(
      Flag.withDescription("With --stateful: the longest sequence (default 20)"),
      Flag.withDefault(20)
    ),
    clock: Flag.Boolean("clock").pipe(
      Flag.withDescription("With --stateful: also move the server's clock (POST /_mock/clock; it may be shared)"),
      Flag.withDefault(false)
    ),
    replay: Flag.String("replay").pipe(
      Flag.withDescription("With --stateful and --seed: the report's replay string, to run its counterexample again"),
      Flag.optional
    )
  },
  Effect.fnUntraced(function*(input) {
    const options = yield* Effect.try({
      try: () => clientOptions(input),
      catch: (e) => new CliFailure({ message: (e as Error).message })
    })
    if (input.stateful) return yield* statefulContract(input, options)
    if (Option.isSome(input.replay) || input.clock) {
      yield* Console.error("error: --replay and --clock go with --stateful")
      return yield* new CliFailure({ message: "usage" })
    }
    const seed = Option.getOrElse(input.seed, () => Math.floor(Math.random() * 2 ** 31))
    const tty = process.stderr.isTTY === true
    const report = yield* Contract.runEffect({
      server: options.baseUrl!,
      runs: input.runs,
      seed,
      privateKey: options.privateKey,
      merchantAccountId: options.merchantAccountId,
      generators: { valid: Fixtures.checkoutSessionUpdate, invalid: Fixtures.invalidOf.CheckoutSessionUpdate },
      onProgress: (done, total) => {
        if (!tty && done !== total) return
        const width = 30
        const filled = Math.round((done / total) * width)
        process.stderr.write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}${done === total ? "\n" : ""}`)
      }
    }).pipe(Effect.provide(FetchHttpClient.layer))
    if (Option.isSome(input.report)) writeFileSync(resolve(input.report.value), `${JSON.stringify(report, null, 2)}\n`)
    yield* Console.log(Contract.summary(report))
    if (report.mismatches.length > 0) return yield* new CliFailure({ message: `${report.mismatches.length} mismatches` })
  })
).pipe(Command.withDescription("Drive a server with fixtures and check it honours the contract (exit 1 on any mismatch)"))

// `contract --stateful`: the model's sequences, a shrunk counterexample on a mismatch.
const statefulContract = Effect.fnUntraced(function*(
  input: {
    readonly runs: number
    readonly seed: Option.Option<number>
    readonly report: Option.Option<string>
    readonly maxCommands: number
    readonly clock: boolean
    readonly replay: Option.Option<string>
  },
  options: ClientOptions
) {
  if (input.runs < 1 || input.maxCommands < 1) {
    yield* Console.error("error: --runs and --max-commands must be at least 1")
    return yield* new CliFailure({ message: "usage" })
  }
  if (Option.isSome(input.replay) && (Option.isNone(input.seed) || input.replay.value.split("@").length !== 3)) {
    yield* Console.error("error: --replay takes the report's replay string, with the report's --seed")
    return yield* new CliFailure({ message: "usage" })
  }
  const base = options.baseUrl!
  // A server that does not answer is the user's to fix: one line, not a counterexample.
  yield* Effect.tryPromise({
    try: () => fetch(`${base.replace(/\/+$/, "")}/checkout/sessions/00000000-0000-4000-8000-000000000000`).then((r) => r.arrayBuffer()),
    catch: () => new CliFailure({ message: `cannot reach ${base}` })
  }).pipe(Effect.tapError((e) => Console.error(`error: ${e.message}`)))
  const tty = process.stderr.isTTY === true
  const report = yield* Effect.tryPromise({
    try: () =>
      Stateful.check({
        baseUrl: base,
        privateKey: options.privateKey,
        merchantAccountId: options.merchantAccountId,
        runs: input.runs,
        maxCommands: input.maxCommands,
        clock: input.clock,
        seed: Option.getOrUndefined(input.seed),
        replay: Option.getOrUndefined(input.replay),
        onSequence: (done, total) => {
          // Past `total` fast-check is shrinking a failure.
          if (tty) process.stderr.write(done <= total ? `\r${done}/${total} sequences`.padEnd(32) : `\rshrinking: ${done - total} sequences`.padEnd(32))
        }
      }),
    catch: (e) => new CliFailure({ message: (e as Error).message })
  }).pipe(
    Effect.ensuring(Effect.sync(() => tty && process.stderr.write("\n"))),
    Effect.tapError((e) => Console.error(`error: ${e.message}`))
  )
  if (Option.isSome(input.report)) writeFileSync(resolve(input.report.value), `${JSON.stringify(report, null, 2)}\n`)
  yield* Console.log(Stateful.summary(report))
  if (!report.passed) return yield* new CliFailure({ message: "mismatch" })
})

/**
 * The root command.
 *
 * @category cli
 * @since 0.1.0
 */
export const root = Command.make("checkout-kit").pipe(
  Command.withDescription("Call the Checkout Sessions API and check servers against its contract"),
  Command.withSubcommands([sessions, token, contract])
)
