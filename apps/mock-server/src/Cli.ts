/**
 * The `checkout-mock-server` command line, on `effect/cli` (one help style,
 * `--help`, `--version`, `--verbose` and exit codes shared with the other
 * Checkout Kit command lines: `@checkout-kit/domain/CommandLine`). Flags and
 * their environment equivalents, read through `Config` (flags win):
 *
 * | flag | env | default |
 * | --- | --- | --- |
 * | `--port N` | `CHECKOUT_MOCK_PORT` | 4010 |
 * | `--host H` | `CHECKOUT_MOCK_HOST` | 127.0.0.1 |
 * | `--data-dir D` | `CHECKOUT_MOCK_DATA_DIR` | `.checkout-mock` |
 * | `--store memory\|sqlite:<path>\|postgres://…` | `CHECKOUT_MOCK_STORE` | `sqlite:<data-dir>/sessions.db` |
 * | `--pool-size N` | `CHECKOUT_MOCK_POOL_SIZE` | 10 (PostgreSQL connections per replica) |
 * | `--auth on\|off` | `CHECKOUT_MOCK_AUTH` | on |
 * | `--public-key [<account>=]<pem>` (repeatable) | `CHECKOUT_MOCK_PUBLIC_KEYS` (comma-separated) | the data directory's pair |
 * | `--admin` / `--no-admin` | `CHECKOUT_MOCK_ADMIN=true\|false` | on for a loopback host, off beyond |
 * | `--quiet` | `CHECKOUT_MOCK_LOG_REQUESTS=false` | one log line per request |
 * | `--log-format text\|json` | `CHECKOUT_MOCK_LOG_FORMAT` | text |
 * | `--shutdown-grace <seconds>` | `CHECKOUT_MOCK_SHUTDOWN_GRACE` | 20 |
 * | `--cors-origin <origin>` (repeatable) | `CHECKOUT_MOCK_CORS_ORIGINS` (comma-separated) | pages of this machine (`Cors.defaultOrigins`) |
 * | `--journal-size <n>` | `CHECKOUT_MOCK_JOURNAL_SIZE` | 1000 |
 * | `--preload <file>` | `CHECKOUT_MOCK_PRELOAD` | none |
 * | `--webhook <url>` (repeatable) | `CHECKOUT_MOCK_WEBHOOK` (comma-separated) | none (add more at `/_mock/webhooks`) |
 * | `--webhook-secret <secret>` (repeatable) | `CHECKOUT_MOCK_WEBHOOK_SECRET` (comma-separated) | none: deliveries unsigned |
 * | | `CHECKOUT_MOCK_BATCH_RESPONSES=false` | responses batched per turn (`ResponseBatch`) |
 *
 * `checkout-mock-server token` mints a bearer token (`TokenCommand.ts`).
 *
 * @since 0.1.0
 */
import { CliFailure, parseDuration, verbose } from "@checkout-kit/domain/CommandLine"
import { Uuid } from "@checkout-kit/domain/Primitives"
import type { Algorithm } from "@checkout-kit/domain/Token"
import { NodeServices } from "@effect/platform-node"
import { Cause, Config, ConfigProvider, Effect, Exit, Layer, Option, Result, Schema } from "effect"
import { CliConfig, CliError, CliOutput, Command, Flag, GlobalFlag } from "effect/cli"
import { createPublicKey } from "node:crypto"
import { readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import * as Cors from "./Cors.ts"
import * as Webhooks from "./Webhooks/Webhooks.ts"
import { Journal } from "./Journal.ts"
import * as Keys from "./Keys.ts"
import { defaultPoolSize, describeUrl } from "./PgStore.ts"
import * as Preload from "./Preload.ts"
import type { ServerOptions } from "./Server.ts"
import { StartupError } from "./StartupError.ts"
import * as TokenVerifier from "./TokenVerifier.ts"

/**
 * The options of a run, and what to tell the user about them.
 *
 * @category models
 * @since 0.1.0
 */
export interface CliOptions extends ServerOptions {
  readonly dataDir: string
  /** `--verbose`: the stack trace of an unexpected error. @since 0.2.0 */
  readonly verbose: boolean
  /** Where the private key of the generated pair is, when the server uses it. */
  readonly privateKeyPath: string | undefined
}

/**
 * The command's name, as its messages start.
 *
 * @category cli
 * @since 0.2.0
 */
export const name = "checkout-mock-server"

/**
 * The version `--version` prints.
 *
 * @category cli
 * @since 0.2.0
 */
export const version = "0.1.0"

/**
 * A usage error found in the flags' values (a bad port, flags that do not go
 * together): one line naming it and the help to read, exit code 2.
 *
 * @category errors
 * @since 0.1.0
 */
export class UsageError extends Error {}

// `[<account>=]<path>`: a key file, bound to a merchant account when one is named (a path with `=` and no
// account reads as `./a=b.pem`).
const publicKeyOf = (value: string): TokenVerifier.PublicKey => {
  const bound = /^([^=/\\]+)=(.+)$/.exec(value)
  const [file, merchantAccountId] = bound === null ? [value, undefined] : [bound[2], bound[1]]
  let pem: string
  try {
    pem = readFileSync(file, "utf8")
  } catch {
    throw new UsageError(`cannot read public key ${file}`)
  }
  try {
    TokenVerifier.algorithmsOf(createPublicKey(pem))
  } catch (e) {
    const reason = e instanceof TokenVerifier.UnsupportedKey ? e.message : "not a PEM public key"
    throw new UsageError(`public key ${file}: ${reason}`)
  }
  return merchantAccountId === undefined ? { pem } : { pem, merchantAccountId }
}

const falsy = (value: string | undefined) => value !== undefined && /^(0|false|no|off)$/i.test(value)

// A comma-separated list in one environment variable (`CHECKOUT_MOCK_PUBLIC_KEYS`, `CHECKOUT_MOCK_CORS_ORIGINS`).
const listOf = (text: string) => text.split(",").map((s) => s.trim()).filter((s) => s !== "")

/**
 * Whether a host to bind is this machine's loopback only (`localhost`,
 * 127.0.0.0/8, `::1`): nothing beyond the machine can reach it.
 *
 * @category cli
 * @since 0.1.0
 */
export const isLoopback = (host: string): boolean =>
  /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\]|::ffff:127(\.\d{1,3}){3})$/i.test(host)

/**
 * The warning printed when the server binds beyond loopback, or `undefined`.
 *
 * @category cli
 * @since 0.1.0
 */
export const exposureWarning = (options: Pick<ServerOptions, "host" | "admin" | "auth">): string | undefined => {
  if (isLoopback(options.host)) return undefined
  const auth = options.auth.kind === "off" ? " with --auth off: every session is open to anyone who reaches it;" : ""
  const admin = options.admin
    ? " /_mock/ test controls are ON (--admin): anyone who reaches it can reset state and move the clock"
    : " /_mock/ test controls are off (--admin turns them on)"
  return `warning: listening on ${options.host}, beyond this machine;${auth}${admin}`
}

// The text of a flag's environment variable, read through `Config` where the flag is not given.
class EnvText {
  readonly text: string
  constructor(text: string) {
    this.text = text
  }
}

// `flag` reading `value` as its own: the same type and checks as on the command line. A bad value is a
// usage error that names the variable (`Invalid value for CHECKOUT_MOCK_PORT: "http". Expected …`).
const parseAs = <A>(flag: Flag.Flag<A>, flagName: string, envName: string, value: string) =>
  flag.parse({ flags: { [flagName]: [value] }, arguments: [] }).pipe(
    Effect.map(([, parsed]) => parsed),
    Effect.mapError((error) =>
      error._tag === "InvalidValue"
        ? new CliError.ValidationError({
          message: error.message.replace(/^(Invalid|Missing) value for flag --[\w-]+(: )?/, (_, __, colon) => `Invalid value for ${envName}${colon ?? ""}`)
        })
        : error
    )
  )

// A typed flag (`--<flagName>`) with its environment variable as fallback, through `Config` (flags win); the
// variable's value is parsed and checked as the flag's is.
const withEnv = (flagName: string, envName: string) => <A>(flag: Flag.Flag<A>): Flag.Flag<A> =>
  flag.pipe(
    Flag.withFallbackConfig(Config.String(envName).pipe(Config.map((value) => new EnvText(value)))),
    Flag.mapEffect((value) => value instanceof EnvText ? parseAs(flag, flagName, envName, value.text) : Effect.succeed(value))
  )

// A flag taking one text value, with its environment variable as fallback.
const textFlag = (flagName: string, metavar: string, envName: string, description: string) =>
  Flag.String(flagName).pipe(
    Flag.withMetavar(metavar),
    Flag.withDescription(`${description} (env ${envName})`),
    withEnv(flagName, envName),
    Flag.optional
  )

// A repeatable flag; its environment variable holds a comma-separated list.
const repeated = (flag: string, metavar: string, envName: string, description: string) =>
  Flag.String(flag).pipe(
    Flag.withMetavar(metavar),
    Flag.withDescription(`${description} (env ${envName}, comma-separated)`),
    Flag.atLeast(1),
    Flag.withFallbackConfig(Config.String(envName).pipe(Config.map(listOf))),
    Flag.optional
  )

// An integer flag from `min` to `max`.
const integer = (flagName: string, metavar: string, description: string, min: number, max: number, what: string) =>
  Flag.Int(flagName).pipe(
    Flag.withMetavar(metavar),
    Flag.withDescription(description),
    Flag.filter((n) => n >= min && n <= max, () => `${what} from ${min} to ${max}`)
  )

const poolSize = integer(
  "pool-size",
  "n",
  "Connections to PostgreSQL per replica: default 10 (env CHECKOUT_MOCK_POOL_SIZE)",
  1,
  1000,
  "a number of connections"
)

/**
 * The server's flags, each with its environment variable.
 *
 * @category cli
 * @since 0.2.0
 */
export const serverFlags = {
  port: integer("port", "n", "Port to listen on: default 4010, 0 picks a free one (env CHECKOUT_MOCK_PORT)", 0, 65_535, "a port").pipe(
    withEnv("port", "CHECKOUT_MOCK_PORT"),
    Flag.withDefault(4010)
  ),
  host: textFlag("host", "host", "CHECKOUT_MOCK_HOST", "Address to bind: default 127.0.0.1"),
  dataDir: textFlag("data-dir", "dir", "CHECKOUT_MOCK_DATA_DIR", "Keys and the default database: default .checkout-mock"),
  store: textFlag(
    "store",
    "store",
    "CHECKOUT_MOCK_STORE",
    "memory, sqlite:<path>, or postgres://user[:password]@host[:port]/database, which several replicas may share: default sqlite:<data-dir>/sessions.db"
  ),
  // No fallback here: CHECKOUT_MOCK_POOL_SIZE applies to a postgres:// store only, and is ignored for another
  // store where the flag is refused (`optionsOf` reads it, with this flag's type and checks).
  poolSize: Flag.optional(poolSize),
  auth: Flag.Literals("auth", ["on", "off"] as const).pipe(
    Flag.withMetavar("on|off"),
    Flag.withDescription("Require bearer tokens on the session calls: default on (env CHECKOUT_MOCK_AUTH)"),
    withEnv("auth", "CHECKOUT_MOCK_AUTH"),
    Flag.withDefault("on" as const)
  ),
  publicKeys: repeated(
    "public-key",
    "[<account>=]<pem>",
    "CHECKOUT_MOCK_PUBLIC_KEYS",
    "SPKI PEM of a key that signs tokens (ECDSA P-256/P-384/P-521: ES256/384/512; RSA >= 2048 bits: RS256/384/512); <account>= binds it to a merchant account; repeatable; default: a P-521 pair created in the data directory, whose private key the server prints on start"
  ),
  // `--admin` and `--no-admin` are two flags (not one and its negation) so that giving both is an error; with
  // neither, CHECKOUT_MOCK_ADMIN decides, then the host (`optionsOf`).
  admin: Flag.Boolean("admin").pipe(
    Flag.withoutNegation,
    Flag.withDescription(
      "Enable the /_mock/ test controls on a host beyond loopback, where they are off by default (env CHECKOUT_MOCK_ADMIN=true): anyone who reaches the server can then use them"
    ),
    Flag.withDefault(false)
  ),
  noAdmin: Flag.Boolean("no-admin").pipe(
    Flag.withoutNegation,
    Flag.withDescription("Disable the /_mock/ test controls (env CHECKOUT_MOCK_ADMIN=false)"),
    Flag.withDefault(false)
  ),
  quiet: Flag.Boolean("quiet").pipe(
    Flag.withoutNegation,
    Flag.withDescription("No per-request log lines (env CHECKOUT_MOCK_LOG_REQUESTS=false)"),
    Flag.withFallbackConfig(Config.String("CHECKOUT_MOCK_LOG_REQUESTS").pipe(Config.map(falsy))),
    Flag.withDefault(false)
  ),
  logFormat: Flag.Literals("log-format", ["text", "json"] as const).pipe(
    Flag.withMetavar("text|json"),
    Flag.withDescription("Log lines for people or for machines: default text (env CHECKOUT_MOCK_LOG_FORMAT)"),
    withEnv("log-format", "CHECKOUT_MOCK_LOG_FORMAT"),
    Flag.withDefault("text" as const)
  ),
  shutdownGrace: Flag.Finite("shutdown-grace").pipe(
    Flag.withMetavar("seconds"),
    Flag.withDescription(
      "On SIGINT/SIGTERM, how long requests in flight may take to finish, then they are answered 503: default 20 (env CHECKOUT_MOCK_SHUTDOWN_GRACE)"
    ),
    Flag.filter((seconds) => seconds >= 0 && seconds <= 3600, () => "seconds from 0 to 3600"),
    withEnv("shutdown-grace", "CHECKOUT_MOCK_SHUTDOWN_GRACE"),
    Flag.withDefault(20)
  ),
  corsOrigins: repeated(
    "cors-origin",
    "origin",
    "CHECKOUT_MOCK_CORS_ORIGINS",
    "An origin whose pages may call the API (CORS): *, https://shop.example:8443, or http://localhost:* (any port); repeatable; default: pages of this machine, http(s)://localhost|127.0.0.1|[::1]:*"
  ),
  journalSize: integer(
    "journal-size",
    "n",
    `How many requests /_mock/requests and the inspector keep, 0 to ${Journal.maxCapacity}: default ${Journal.defaultCapacity} (env CHECKOUT_MOCK_JOURNAL_SIZE)`,
    0,
    Journal.maxCapacity,
    "a number of requests"
  ).pipe(withEnv("journal-size", "CHECKOUT_MOCK_JOURNAL_SIZE"), Flag.withDefault(Journal.defaultCapacity)),
  preload: textFlag(
    "preload",
    "file",
    "CHECKOUT_MOCK_PRELOAD",
    "Sessions to load at start: a JSON array or NDJSON of create bodies, sessions or /_mock/sessions items"
  ),
  webhooks: repeated(
    "webhook",
    "url",
    "CHECKOUT_MOCK_WEBHOOK",
    "A URL every webhook event is POSTed to, as Gr4vy sends them; repeatable (more at /_mock/webhooks)"
  ),
  webhookSecrets: repeated(
    "webhook-secret",
    "secret",
    "CHECKOUT_MOCK_WEBHOOK_SECRET",
    "A secret that signs every webhook delivery (X-Gr4vy-Webhook-Signatures, one signature per secret); repeatable"
  )
} as const

/**
 * What the server's flags parse to, before `optionsOf` checks them.
 *
 * @category cli
 * @since 0.2.0
 */
export type ServerFlags = Command.Command.Config.Infer<typeof serverFlags>

/**
 * The environment variables that have no flag, or that a flag's fallback
 * cannot express (see `serverFlags`), read through `Config`.
 */
const environment = Config.all({
  admin: Config.option(Config.String("CHECKOUT_MOCK_ADMIN")),
  poolSize: Config.option(Config.String("CHECKOUT_MOCK_POOL_SIZE")),
  batchResponses: Config.option(Config.String("CHECKOUT_MOCK_BATCH_RESPONSES"))
})

const valueOf = <A>(option: Option.Option<A>): A | undefined => Option.getOrUndefined(option)

/**
 * Checks what the flags' types cannot (the store, flags that do not go
 * together, key files, CORS origins; each flag's type and range is checked as
 * it parses, its environment variable's too) and prepares what they name (the
 * data directory's key pair when needed): a `UsageError` for a bad value, a
 * `StartupError` for what the user must fix on the machine (a data
 * directory that cannot be written, a bad preload file).
 *
 * @category cli
 * @since 0.2.0
 */
export const optionsOf = Effect.fnUntraced(function*(flags: ServerFlags) {
  const env = yield* environment
  const isVerbose = yield* verbose
  // CHECKOUT_MOCK_POOL_SIZE, read as --pool-size is (its checks, its messages): used, and its error reported,
  // for a postgres:// store only.
  const envPoolSize = yield* Option.match(env.poolSize, {
    onNone: () => Effect.succeed(Result.succeed(Option.none<number>())),
    onSome: (text) =>
      parseAs(poolSize, "pool-size", "CHECKOUT_MOCK_POOL_SIZE", text).pipe(Effect.map(Option.some), Effect.result)
  })
  return yield* Effect.try({
    try: () => check(flags, env, envPoolSize, isVerbose),
    catch: (e) => e as UsageError | StartupError
  })
})

const check = (
  flags: ServerFlags,
  env: Config.Success<typeof environment>,
  envPoolSize: Result.Result<Option.Option<number>, CliError.CliError>,
  isVerbose: boolean
): CliOptions => {
  const dataDir = resolve(valueOf(flags.dataDir) ?? ".checkout-mock")

  const storeText = valueOf(flags.store) ?? `sqlite:${join(dataDir, "sessions.db")}`
  let store: ServerOptions["store"]
  if (storeText === "memory") store = { kind: "memory" }
  else if (storeText.startsWith("sqlite:") && storeText.length > "sqlite:".length) {
    store = { kind: "sqlite", path: resolve(storeText.slice("sqlite:".length)) }
  } else if (/^postgres(ql)?:\/\/./.test(storeText)) {
    if (!URL.canParse(storeText)) throw new UsageError("--store: not a valid URL (use postgres://user@host:port/database)")
    if (Result.isFailure(envPoolSize) && Option.isNone(flags.poolSize)) throw new UsageError(envPoolSize.failure.message)
    const fromEnv = Result.isSuccess(envPoolSize) ? envPoolSize.success : Option.none()
    store = { kind: "postgres", url: storeText, poolSize: valueOf(Option.orElse(flags.poolSize, () => fromEnv)) ?? defaultPoolSize }
  } else throw new UsageError(`unknown store: ${storeText} (use memory, sqlite:<path> or postgres://user@host:port/database)`)
  if (Option.isSome(flags.poolSize) && store.kind !== "postgres") throw new UsageError("--pool-size applies to a postgres:// store only")

  const corsTexts = valueOf(flags.corsOrigins)
  const corsOrigins = corsTexts === undefined || corsTexts.length === 0 ? undefined : corsTexts.map((text) => {
    const parsed = Cors.parsePattern(text)
    if ("error" in parsed) throw new UsageError(parsed.error)
    return parsed.pattern
  })

  const webhookUrls = valueOf(flags.webhooks) ?? []
  for (const url of webhookUrls) {
    const problem = Webhooks.urlProblem(url)
    if (problem !== undefined) throw new UsageError(`--webhook ${url}: ${problem}`)
  }
  const webhookSecrets = valueOf(flags.webhookSecrets) ?? []

  const preloadFile = valueOf(flags.preload)
  const preload = preloadFile === undefined ? undefined : Preload.read(preloadFile)

  const keyFiles = valueOf(flags.publicKeys) ?? []
  let auth: ServerOptions["auth"] = { kind: "off" }
  let privateKeyPath: string | undefined
  if (flags.auth === "on") {
    if (keyFiles.length > 0) {
      auth = { kind: "jwt", publicKeys: keyFiles.map(publicKeyOf) }
    } else {
      const pair = Keys.loadOrCreate(dataDir)
      auth = { kind: "jwt", publicKeys: [pair.publicKeyPem] }
      privateKeyPath = pair.privateKeyPath
    }
  }

  const host = valueOf(flags.host) ?? "127.0.0.1"
  if (flags.admin && flags.noAdmin) throw new UsageError("--admin and --no-admin contradict")
  const adminEnv = valueOf(env.admin)
  const admin = flags.admin ? true
    : flags.noAdmin ? false
    : adminEnv !== undefined && adminEnv !== "" ? !falsy(adminEnv)
    : isLoopback(host)

  return {
    // The memory store's sessions do not outlive the process: it needs no writable data directory.
    fingerprintSecret: Keys.loadOrCreateFingerprintSecret(dataDir, { ephemeral: store.kind === "memory" }),
    port: flags.port,
    host,
    dataDir,
    store,
    auth,
    privateKeyPath,
    admin,
    logRequests: !flags.quiet,
    logFormat: flags.logFormat,
    shutdownGraceSeconds: flags.shutdownGrace,
    batchResponses: !falsy(valueOf(env.batchResponses)),
    corsOrigins,
    journalSize: flags.journalSize,
    preload,
    webhooks: { urls: webhookUrls, secrets: webhookSecrets },
    verbose: isVerbose
  }
}

// The domain's `Token.algorithms`, written out: importing them would load the signer (jose) on every start.
const algorithms = ["ES256", "ES384", "ES512", "RS256", "RS384", "RS512"] as const satisfies ReadonlyArray<Algorithm>

/**
 * The `token` subcommand's flags.
 *
 * @category cli
 * @since 0.2.0
 */
export const tokenFlags = {
  scopes: Flag.String("scopes").pipe(
    Flag.withMetavar("a,b"),
    Flag.withDescription("Comma-separated scopes: default *.read,*.write"),
    Flag.withDefault("*.read,*.write")
  ),
  // The server refuses a pin that is not a UUID (API-SEMANTICS.md § Authentication): say so now.
  session: Flag.String("session").pipe(
    Flag.withMetavar("id"),
    Flag.withDescription("Pin the token to one checkout session (its id, a UUID)"),
    Flag.filter(Schema.is(Uuid), () => "a checkout session id (a UUID)"),
    Flag.optional
  ),
  lifetime: Flag.String("lifetime").pipe(
    Flag.withMetavar("duration"),
    Flag.withDescription("How long the token is valid: seconds, or 90s, 30m, 1h, 1d (default 1h)"),
    Flag.mapTryCatch(parseDuration, (e) => `--lifetime ${(e as Error).message}`),
    Flag.optional
  ),
  // The same flag's older name, still taken: any duration the signer reads.
  expiresIn: Flag.String("expires-in").pipe(
    Flag.withMetavar("duration"),
    Flag.withDescription("The older name of --lifetime"),
    Flag.optional
  ),
  privateKey: Flag.String("private-key").pipe(
    Flag.withMetavar("pem"),
    Flag.withDescription("PEM file of the private key that signs: default the data directory's"),
    Flag.optional
  ),
  alg: Flag.Literals("alg", algorithms).pipe(
    Flag.withMetavar("alg"),
    Flag.withDescription("For an RSA key, the algorithm (default RS256); an ECDSA key signs with its curve's"),
    Flag.optional
  ),
  dataDir: serverFlags.dataDir,
  json: Flag.Boolean("json").pipe(
    Flag.withoutNegation,
    Flag.withDescription("Print { \"token\", \"expires_in\" } as JSON for scripts"),
    Flag.withDefault(false)
  )
} as const

/**
 * What the `token` subcommand's flags parse to.
 *
 * @category cli
 * @since 0.2.0
 */
export type TokenFlags = Command.Command.Config.Infer<typeof tokenFlags>

/** The hint printed under a usage error found in the flags' values. */
const seeHelp = (path: string) => `see '${path} --help'`

/**
 * A usage error or start-up failure of `optionsOf` as the `CliFailure` the
 * command line prints: one line and the help to read (exit 2), or the
 * failure's one or two lines (exit 1).
 *
 * @category cli
 * @since 0.2.0
 */
export const toFailure = (error: UsageError | StartupError, path: string = name): CliFailure => {
  if (error instanceof UsageError) return new CliFailure({ message: error.message, hint: seeHelp(path), usage: true })
  const [message, ...hint] = error.message.split("\n")
  return new CliFailure({ message, ...(hint.length === 0 ? {} : { hint: hint.join("\n") }) })
}

/**
 * The command line: the server, with `token` as a subcommand. `serve` runs
 * the server with the checked options, `token` mints (both are passed in, so
 * that `--help` and `parse` load neither).
 *
 * @category cli
 * @since 0.2.0
 */
export const command = <E, R, E2, R2>(handlers: {
  readonly serve: (options: CliOptions) => Effect.Effect<void, E, R>
  readonly token: (flags: TokenFlags) => Effect.Effect<void, E2, R2>
}) =>
  Command.make(
    name,
    serverFlags,
    (flags) =>
      optionsOf(flags).pipe(
        Effect.mapError((error) => toFailure(error)),
        Effect.flatMap(handlers.serve)
      )
  ).pipe(
    Command.withDescription(
      "A stateful local stand-in for Gr4vy's Checkout Sessions API. Environment only: " +
        "CHECKOUT_MOCK_BATCH_RESPONSES=false answers through Node's own ServerResponse, one response at a time; " +
        "CHECKOUT_MOCK_TUNE_HEAP=false keeps V8's default young generation (both cost speed or memory)."
    ),
    Command.withSubcommands([
      Command.make("token", tokenFlags, handlers.token).pipe(
        Command.withDescription("Mint a bearer token for curl, signed with the data directory's private key (or --private-key)")
      )
    ]),
    Command.withGlobalFlags([verbose])
  )

/**
 * The services a run needs to parse: the Node services and the help style,
 * with a presenter that prints nothing (for `parse`).
 */
const silent = Layer.mergeAll(
  NodeServices.layer,
  CliConfig.layer({ builtIns: [GlobalFlag.Help, GlobalFlag.Version] }),
  CliOutput.layerPresenter({ present: () => Effect.void })
)

/**
 * Parses flags (`argv` without node and the script) and the environment, as
 * the executable does (the same `effect/cli` command, its environment
 * fallbacks read from `env`), and prepares what they name (the data
 * directory's key pair when needed). `"help"` for `--help` or `--version`.
 * Throws a `UsageError` (exit code 2 in the executable) or a `StartupError`
 * (exit code 1).
 *
 * @category cli
 * @since 0.1.0
 */
export const parse = (argv: ReadonlyArray<string>, env: Record<string, string | undefined>): CliOptions | "help" => {
  let options: CliOptions | undefined
  const program = Command.runWith(
    command({
      serve: (parsed) => Effect.sync(() => (options = parsed)),
      token: () => Effect.fail(new UsageError("token: not a server flag"))
    }),
    { version }
  )(argv).pipe(
    Effect.provide(silent),
    Effect.provideService(
      ConfigProvider.ConfigProvider,
      ConfigProvider.fromEnv({ env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<string, string> })
    )
  )
  const exit = Effect.runSyncExit(program)
  if (Exit.isSuccess(exit)) return options ?? "help"
  const error = Cause.squash(exit.cause)
  if (error instanceof CliFailure) throw error.usage === true ? new UsageError(error.message) : new StartupError([error.message, error.hint].filter((line) => line !== undefined).join("\n"))
  if (CliError.isCliError(error)) {
    const errors = error._tag === "ShowHelp" ? error.errors : [error]
    throw new UsageError(errors.map((e) => e.message).join("; "))
  }
  throw error
}

/**
 * How the store is described in the listening line.
 *
 * @category cli
 * @since 0.1.0
 */
export const describeStore = (store: ServerOptions["store"]) =>
  store.kind === "memory"
    ? "memory"
    : store.kind === "sqlite"
    ? `sqlite:${store.path}`
    : `postgres://${describeUrl(store.url)} (pool ${store.poolSize ?? defaultPoolSize})`

// The errors in a cause and the errors they were caused by.
const errorsOf = (cause: Cause.Cause<unknown>): Array<unknown> => {
  const out: Array<unknown> = []
  for (const reason of cause.reasons) {
    let error: unknown = reason._tag === "Fail" ? reason.error : reason._tag === "Die" ? reason.defect : undefined
    for (let depth = 0; error !== undefined && error !== null && depth < 5; depth++) {
      out.push(error)
      error = (error as { cause?: unknown }).cause
    }
  }
  return out
}

/**
 * The lines that explain a start-up failure the user can fix (a port in use,
 * a corrupt database, ...), or `undefined` for a defect.
 *
 * @category cli
 * @since 0.1.0
 */
export const startupFailure = (cause: Cause.Cause<unknown>, options: Pick<ServerOptions, "host" | "port">): string | undefined => {
  for (const error of errorsOf(cause)) {
    if (error instanceof StartupError) return error.message
    const code = (error as NodeJS.ErrnoException).code
    const where = `${options.host}:${options.port}`
    if (code === "EADDRINUSE") {
      return `cannot listen on ${where}: the port is in use\nstop what uses it, or choose another port with --port (0 picks a free one)`
    }
    if (code === "EACCES" && (error as { syscall?: string }).syscall === "listen") {
      return `cannot listen on ${where}: permission denied\nchoose a port above 1023 with --port`
    }
    if (code === "EADDRNOTAVAIL") {
      return `cannot listen on ${where}: no such address on this machine\nchoose another with --host`
    }
  }
  return undefined
}
