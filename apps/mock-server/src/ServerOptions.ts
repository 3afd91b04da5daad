/**
 * The options of a mock server.
 *
 * @since 0.2.0
 */
import * as Log from "./Log.ts"
import type * as Preload from "./Preload.ts"
import type * as TokenVerifier from "./TokenVerifier.ts"
import type * as Webhooks from "./Webhooks/Webhooks.ts"

/**
 * @category models
 * @since 0.1.0
 */
export interface ServerOptions {
  readonly port: number
  readonly host: string
  /** Serve the `/_mock/` test controls. */
  readonly admin: boolean
  /** Log one line per request to stdout. */
  readonly logRequests: boolean
  /** Log lines for people (`text`, the default) or machines (`json`). */
  readonly logFormat?: Log.LogFormat | undefined
  /**
   * On shutdown, how long requests in flight may take to finish, in seconds
   * (default `defaultShutdownGraceSeconds`); those still running then are answered 503.
   */
  readonly shutdownGraceSeconds?: number | undefined
  /** Where sessions live. */
  readonly store: StoreOption
  /** Bearer JWTs verified against these public keys (ECDSA or RSA), or no authentication. */
  readonly auth: AuthOption
  /** Keys card fingerprints; keep it to keep fingerprints stable across restarts. */
  readonly fingerprintSecret: string
  /**
   * Send the responses ended in one turn of the event loop together (`ResponseBatch`; default `true`). `false`
   * answers through Node's own `ServerResponse`, one response at a time, at a cost in throughput.
   */
  readonly batchResponses?: boolean | undefined
  /**
   * The origins whose pages may call the API's routes (CORS, `Cors.ts`): `*`, exact origins, or origins with
   * any port (`http://localhost:*`). Default: `Cors.defaultOrigins`, pages served from this machine.
   */
  readonly corsOrigins?: ReadonlyArray<string> | undefined
  /** How many requests the journal keeps (`/_mock/requests`, the inspector); default `Journal.defaultCapacity`. */
  readonly journalSize?: number | undefined
  /** Sessions to load before the server listens (`Preload.read` reads a file into this). */
  readonly preload?: Preload.Preload | undefined
  /**
   * Webhook subscriptions from the start (`--webhook`) and the secrets that sign every delivery
   * (`--webhook-secret`); more are added at run time under `/_mock/webhooks`. @since 0.4.0
   */
  readonly webhooks?: Webhooks.WebhookOptions | undefined
}

/**
 * @category models
 * @since 0.1.0
 */
export type StoreOption =
  | { readonly kind: "memory" }
  | { readonly kind: "sqlite"; readonly path: string }
  /**
   * A PostgreSQL database that several replicas may share (PgStore.ts); `poolSize` connections per replica.
   * @since 0.2.0
   */
  | { readonly kind: "postgres"; readonly url: string; readonly poolSize?: number | undefined }

/**
 * @category models
 * @since 0.1.0
 */
export type AuthOption =
  | { readonly kind: "off" }
  /** Keys as SPKI PEM, or with the merchant account they are bound to. */
  | { readonly kind: "jwt"; readonly publicKeys: ReadonlyArray<string | TokenVerifier.PublicKey> }

/**
 * How long requests in flight may take to finish on shutdown, in seconds, by default.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaultShutdownGraceSeconds = 20

/**
 * One log line (Log.ts), in the format the options name.
 *
 * @category logging
 * @since 0.2.0
 */
export const logLine = (
  options: Pick<ServerOptions, "logFormat">,
  level: "info" | "error",
  msg: string,
  fields: Record<string, unknown>
) => Log.write(options.logFormat ?? "text", level, msg, fields)

