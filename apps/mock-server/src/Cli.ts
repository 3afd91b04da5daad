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
 * | | `CHECKOUT_MOCK_BATCH_RESPONSES=false` | responses batched per turn (`ResponseBatch`) |
 *
 * `checkout-mock-server token` mints a bearer token (`TokenCommand.ts`).
 *
 * @since 0.1.0
 */
import { CliFailure, parseDuration, verbose } from "@checkout-kit/domain/CommandLine"
import { NodeServices } from "@effect/platform-node"
import { Cause, Config, ConfigProvider, Effect, Exit, Layer, Option } from "effect"
import { CliConfig, CliError, CliOutput, Command, Flag, GlobalFlag } from "effect/cli"
import { createPublicKey } from "node:crypto"
import { readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import * as Cors from "./Cors.ts"
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

// A flag taking one value, with its environment variable as fallback (through `Config`); its value is checked
// (and its default chosen) by `optionsOf`, so that each message names the flag as it always has.
const valued = (flag: string, metavar: string, envName: string, description: string) =>
  Flag.String(flag).pipe(
    Flag.withMetavar(metavar),
    Flag.withDescription(`${description} (env ${envName})`),
    Flag.withFallbackConfig(Config.String(envName)),
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

/**
 * The server's flags, each with its environment variable.
 *
 * @category cli
 * @since 0.2.0
 */
export const serverFlags = {
  port: valued("port", "n", "CHECKOUT_MOCK_PORT", "Port to listen on: default 4010, 0 picks a free one"),
  host: valued("host", "host", "CHECKOUT_MOCK_HOST", "Address to bind: default 127.0.0.1"),
  dataDir: valued("data-dir", "dir", "CHECKOUT_MOCK_DATA_DIR", "Keys and the default database: default .checkout-mock"),
  store: valued(
    "store",
    "store",
    "CHECKOUT_MOCK_STORE",
    "memory, sqlite:<path>, or postgres://user[:password]@host[:port]/database, which several replicas may share: default sqlite:<data-dir>/sessions.db"
  ),
  // No fallback here: CHECKOUT_MOCK_POOL_SIZE applies to a postgres:// store only, and is ignored for another
  // store where the flag is refused (`optionsOf` reads it).
  poolSize: Flag.String("pool-size").pipe(
    Flag.withMetavar("n"),
    Flag.withDescription("Connections to PostgreSQL per replica: default 10 (env CHECKOUT_MOCK_POOL_SIZE)"),
    Flag.optional
  ),
  auth: valued("auth", "on|off", "CHECKOUT_MOCK_AUTH", "Require bearer tokens on the session calls: default on"),
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
  logFormat: valued("log-format", "text|json", "CHECKOUT_MOCK_LOG_FORMAT", "Log lines for people or for machines: default text"),
  shutdownGrace: valued(
    "shutdown-grace",
    "seconds",
    "CHECKOUT_MOCK_SHUTDOWN_GRACE",
    "On SIGINT/SIGTERM, how long requests in flight may take to finish, then they are answered 503: default 20"
  ),
  corsOrigins: repeated(
    "cors-origin",
    "origin",
    "CHECKOUT_MOCK_CORS_ORIGINS",
    "An origin whose pages may call the API (CORS): *, https://shop.example:8443, or http://localhost:* (any port); repeatable; default: pages of this machine, http(s)://localhost|127.0.0.1|[::1]:*"
  ),
  journalSize: valued(
    "journal-size",
    "n",
    "CHECKOUT_MOCK_JOURNAL_SIZE",
    "How many requests /_mock/requests and the inspector keep, 0 to 100000: default 1000"
  ),
  preload: valued(
    "preload",
    "file",
    "CHECKOUT_MOCK_PRELOAD",
    "Sessions to load at start: a JSON array or NDJSON of create bodies, sessions or /_mock/sessions items"
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
 * Checks the flags (after their environment fallbacks) and prepares what they
 * name (the data directory's key pair when needed): a `UsageError` for a bad
 * value, a `StartupError` for what the user must fix on the machine (a data
 * directory that cannot be written, a bad preload file).
 *
 * @category cli
 * @since 0.2.0
 */
export const optionsOf = Effect.fnUntraced(function*(flags: ServerFlags) {
  const env = yield* environment
  const isVerbose = yield* verbose
  return yield* Effect.try({
    try: () => check(flags, env, isVerbose),
    catch: (e) => e as UsageError | StartupError
  })
})

const check = (
  flags: ServerFlags,
  env: Config.Success<typeof environment>,
  isVerbose: boolean
): CliOptions => {
  const portText = valueOf(flags.port) ?? "4010"
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`invalid port: ${portText}`)

  const dataDir = resolve(valueOf(flags.dataDir) ?? ".checkout-mock")

  const storeText = valueOf(flags.store) ?? `sqlite:${join(dataDir, "sessions.db")}`
  let store: ServerOptions["store"]
  if (storeText === "memory") store = { kind: "memory" }
  else if (storeText.startsWith("sqlite:") && storeText.length > "sqlite:".length) {
    store = { kind: "sqlite", path: resolve(storeText.slice("sqlite:".length)) }
  } else if (/^postgres(ql)?:\/\/./.test(storeText)) {
    if (!URL.canParse(storeText)) throw new UsageError("--store: not a valid URL (use postgres://user@host:port/database)")
    const poolText = valueOf(flags.poolSize) ?? valueOf(env.poolSize) ?? String(defaultPoolSize)
    const poolSize = Number(poolText)
    if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000) {
      throw new UsageError(`--pool-size takes a number of connections from 1 to 1000, not ${poolText}`)
    }
    store = { kind: "postgres", url: storeText, poolSize }
  } else throw new UsageError(`unknown store: ${storeText} (use memory, sqlite:<path> or postgres://user@host:port/database)`)
  if (Option.isSome(flags.poolSize) && store.kind !== "postgres") throw new UsageError("--pool-size applies to a postgres:// store only")

  const logFormat = valueOf(flags.logFormat) ?? "text"
  if (logFormat !== "text" && logFormat !== "json") throw new UsageError(`--log-format takes text or json, not ${logFormat}`)

  const graceText = valueOf(flags.shutdownGrace) ?? "20"
  const shutdownGraceSeconds = Number(graceText)
  if (graceText.trim() === "" || !Number.isFinite(shutdownGraceSeconds) || shutdownGraceSeconds < 0 || shutdownGraceSeconds > 3600) {
    throw new UsageError(`--shutdown-grace takes seconds from 0 to 3600, not ${graceText}`)
  }

  const corsTexts = valueOf(flags.corsOrigins)
  const corsOrigins = corsTexts === undefined || corsTexts.length === 0 ? undefined : corsTexts.map((text) => {
    const parsed = Cors.parsePattern(text)
    if ("error" in parsed) throw new UsageError(parsed.error)
    return parsed.pattern
  })

  const journalText = valueOf(flags.journalSize) ?? String(Journal.defaultCapacity)
  const journalSize = Number(journalText)
  if (!/^\s*\d+\s*$/.test(journalText) || journalSize > Journal.maxCapacity) {
    throw new UsageError(`--journal-size takes a number of requests from 0 to ${Journal.maxCapacity}, not ${journalText}`)
  }

  const preloadFile = valueOf(flags.preload)
  const preload = preloadFile === undefined ? undefined : Preload.read(preloadFile)

  const authText = valueOf(flags.auth) ?? "on"
  if (!/^(on|off)$/.test(authText)) throw new UsageError(`--auth takes on or off, not ${authText}`)
  const keyFiles = valueOf(flags.publicKeys) ?? []
  let auth: ServerOptions["auth"] = { kind: "off" }
  let privateKeyPath: string | undefined
  if (authText === "on") {
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
    port,
    host,
    dataDir,
    store,
    auth,
    privateKeyPath,
    admin,
    logRequests: !flags.quiet,
    logFormat,
    shutdownGraceSeconds,
    batchResponses: !falsy(valueOf(env.batchResponses)),
    corsOrigins,
    journalSize,
    preload,
    verbose: isVerbose
  }
}

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
  session: Flag.String("session").pipe(
    Flag.withMetavar("id"),
    Flag.withDescription("Pin the token to one checkout session (its id, a UUID)"),
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
  alg: Flag.String("alg").pipe(
    Flag.withMetavar("RS256|RS384|RS512"),
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
