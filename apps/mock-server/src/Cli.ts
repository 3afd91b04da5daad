/**
 * Command-line flags and their environment equivalents (flags win).
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
 * @since 0.1.0
 */
import type { Cause } from "effect"
import { createPublicKey } from "node:crypto"
import { readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { parseArgs } from "node:util"
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
 * The usage text.
 *
 * @category cli
 * @since 0.1.0
 */
export const usage = `Usage: checkout-mock-server [options]
       checkout-mock-server token [--scopes a,b] [--session <id>] [--lifetime 1h] [--data-dir <dir>]
                                  [--private-key <pem>] [--alg RS256|RS384|RS512]

  --port <n>              port to listen on (env CHECKOUT_MOCK_PORT, default 4010; 0 picks a free one)
  --host <host>           address to bind (env CHECKOUT_MOCK_HOST, default 127.0.0.1)
  --data-dir <dir>        keys and the default database (env CHECKOUT_MOCK_DATA_DIR, default .checkout-mock)
  --store <store>         memory, sqlite:<path>, or postgres://user[:password]@host[:port]/database, which
                          several replicas may share (env CHECKOUT_MOCK_STORE, default sqlite:<data-dir>/sessions.db)
  --pool-size <n>         connections to PostgreSQL per replica (env CHECKOUT_MOCK_POOL_SIZE, default 10)
  --auth on|off           require bearer tokens on the session calls (env CHECKOUT_MOCK_AUTH, default on)
  --public-key [<account>=]<pem>
                          SPKI PEM of a key that signs tokens (ECDSA P-256/P-384/P-521: ES256/384/512;
                          RSA >= 2048 bits: RS256/384/512); <account>= binds it to a merchant account;
                          repeatable (env CHECKOUT_MOCK_PUBLIC_KEYS, comma-separated; default: a P-521
                          pair created in the data directory, whose private key the server prints on start)
  --no-admin              disable the /_mock/ test controls (env CHECKOUT_MOCK_ADMIN=false)
  --admin                 enable them on a host beyond loopback, where they are off by default
                          (env CHECKOUT_MOCK_ADMIN=true): anyone who reaches the server can then use them
  --quiet                 no per-request log lines (env CHECKOUT_MOCK_LOG_REQUESTS=false)
  --log-format text|json  log lines for people or for machines (env CHECKOUT_MOCK_LOG_FORMAT, default text)
  --shutdown-grace <s>    on SIGINT/SIGTERM, how long requests in flight may take to finish; then they are
                          answered 503 (env CHECKOUT_MOCK_SHUTDOWN_GRACE, default 20)
  --cors-origin <origin>  an origin whose pages may call the API (CORS): *, https://shop.example:8443, or
                          http://localhost:* (any port); repeatable (env CHECKOUT_MOCK_CORS_ORIGINS,
                          comma-separated; default: pages of this machine, http(s)://localhost|127.0.0.1|[::1]:*)
  --journal-size <n>      how many requests /_mock/requests and the inspector keep, 0 to 100000
                          (env CHECKOUT_MOCK_JOURNAL_SIZE, default 1000)
  --preload <file>        sessions to load at start: a JSON array or NDJSON of create bodies, sessions or
                          /_mock/sessions items (env CHECKOUT_MOCK_PRELOAD)
  --verbose               the stack trace of an unexpected error (by default: one line)
  --help                  this text

token: --lifetime takes seconds or 90s, 30m, 1h, 1d (default 1h; --expires-in is the same flag's older name).

Environment only: CHECKOUT_MOCK_BATCH_RESPONSES=false answers through Node's own ServerResponse, one response
at a time; CHECKOUT_MOCK_TUNE_HEAP=false keeps V8's default young generation (both cost speed or memory).
`

/**
 * A usage error: the message and the usage are printed, exit code 2.
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

/**
 * Parses flags (`argv` without node and the script) and the environment, and
 * prepares what they name (the data directory's key pair when needed).
 *
 * @category cli
 * @since 0.1.0
 */
export const parse = (argv: ReadonlyArray<string>, env: Record<string, string | undefined>): CliOptions | "help" => {
  let values: Record<string, string | boolean | Array<string> | undefined>
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "data-dir": { type: "string" },
        store: { type: "string" },
        "pool-size": { type: "string" },
        auth: { type: "string" },
        "public-key": { type: "string", multiple: true },
        admin: { type: "boolean" },
        "no-admin": { type: "boolean" },
        quiet: { type: "boolean" },
        "log-format": { type: "string" },
        "shutdown-grace": { type: "string" },
        "cors-origin": { type: "string", multiple: true },
        "journal-size": { type: "string" },
        preload: { type: "string" },
        verbose: { type: "boolean" },
        help: { type: "boolean" }
      },
      strict: true,
      allowPositionals: false
    }).values
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  if (values.help === true) return "help"

  const portText = (values.port as string | undefined) ?? env.CHECKOUT_MOCK_PORT ?? "4010"
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`invalid port: ${portText}`)

  const dataDir = resolve((values["data-dir"] as string | undefined) ?? env.CHECKOUT_MOCK_DATA_DIR ?? ".checkout-mock")

  const storeText = (values.store as string | undefined) ?? env.CHECKOUT_MOCK_STORE ??
    `sqlite:${join(dataDir, "sessions.db")}`
  let store: ServerOptions["store"]
  if (storeText === "memory") store = { kind: "memory" }
  else if (storeText.startsWith("sqlite:") && storeText.length > "sqlite:".length) {
    store = { kind: "sqlite", path: resolve(storeText.slice("sqlite:".length)) }
  } else if (/^postgres(ql)?:\/\/./.test(storeText)) {
    if (!URL.canParse(storeText)) throw new UsageError("--store: not a valid URL (use postgres://user@host:port/database)")
    const poolText = (values["pool-size"] as string | undefined) ?? env.CHECKOUT_MOCK_POOL_SIZE ?? String(defaultPoolSize)
    const poolSize = Number(poolText)
    if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000) {
      throw new UsageError(`--pool-size takes a number of connections from 1 to 1000, not ${poolText}`)
    }
    store = { kind: "postgres", url: storeText, poolSize }
  } else throw new UsageError(`unknown store: ${storeText} (use memory, sqlite:<path> or postgres://user@host:port/database)`)
  if (values["pool-size"] !== undefined && store.kind !== "postgres") throw new UsageError("--pool-size applies to a postgres:// store only")

  const logFormat = (values["log-format"] as string | undefined) ?? env.CHECKOUT_MOCK_LOG_FORMAT ?? "text"
  if (logFormat !== "text" && logFormat !== "json") throw new UsageError(`--log-format takes text or json, not ${logFormat}`)

  const graceText = (values["shutdown-grace"] as string | undefined) ?? env.CHECKOUT_MOCK_SHUTDOWN_GRACE ?? "20"
  const shutdownGraceSeconds = Number(graceText)
  if (graceText.trim() === "" || !Number.isFinite(shutdownGraceSeconds) || shutdownGraceSeconds < 0 || shutdownGraceSeconds > 3600) {
    throw new UsageError(`--shutdown-grace takes seconds from 0 to 3600, not ${graceText}`)
  }

  const corsTexts = (values["cors-origin"] as Array<string> | undefined) ??
    (env.CHECKOUT_MOCK_CORS_ORIGINS ? env.CHECKOUT_MOCK_CORS_ORIGINS.split(",").filter((s) => s.trim() !== "") : undefined)
  const corsOrigins = corsTexts?.map((text) => {
    const parsed = Cors.parsePattern(text)
    if ("error" in parsed) throw new UsageError(parsed.error)
    return parsed.pattern
  })

  const journalText = (values["journal-size"] as string | undefined) ?? env.CHECKOUT_MOCK_JOURNAL_SIZE ?? String(Journal.defaultCapacity)
  const journalSize = Number(journalText)
  if (!/^\s*\d+\s*$/.test(journalText) || journalSize > Journal.maxCapacity) {
    throw new UsageError(`--journal-size takes a number of requests from 0 to ${Journal.maxCapacity}, not ${journalText}`)
  }

  const preloadFile = (values.preload as string | undefined) ?? (env.CHECKOUT_MOCK_PRELOAD || undefined)
  const preload = preloadFile === undefined ? undefined : Preload.read(preloadFile)

  const authText = (values.auth as string | undefined) ?? env.CHECKOUT_MOCK_AUTH ?? "on"
  if (!/^(on|off)$/.test(authText)) throw new UsageError(`--auth takes on or off, not ${authText}`)
  const keyFiles = (values["public-key"] as Array<string> | undefined) ??
    (env.CHECKOUT_MOCK_PUBLIC_KEYS ? env.CHECKOUT_MOCK_PUBLIC_KEYS.split(",").map((s) => s.trim()).filter(Boolean) : [])
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

  const host = (values.host as string | undefined) ?? env.CHECKOUT_MOCK_HOST ?? "127.0.0.1"
  if (values.admin === true && values["no-admin"] === true) throw new UsageError("--admin and --no-admin contradict")
  const adminEnv = env.CHECKOUT_MOCK_ADMIN
  const admin = values.admin === true ? true
    : values["no-admin"] === true ? false
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
    logRequests: values.quiet === true ? false : !falsy(env.CHECKOUT_MOCK_LOG_REQUESTS),
    logFormat,
    shutdownGraceSeconds,
    batchResponses: !falsy(env.CHECKOUT_MOCK_BATCH_RESPONSES),
    corsOrigins,
    journalSize,
    preload,
    verbose: values.verbose === true
  }
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
