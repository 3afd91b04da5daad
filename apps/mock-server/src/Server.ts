/**
 * The mock server: the contract's routes, the admin routes, and the behaviour
 * around every request — forced errors and latency (`Prefer`), body limits,
 * 404/405 in the API's error shape, the request journal and one log line per
 * request.
 *
 * @since 0.1.0
 */
import { Api, ApiWithoutControls } from "@checkout-kit/domain/api/Api"
import { NodeHttpServer } from "@effect/platform-node"
import { ByteSize, Cause, Duration, Effect, Layer, Schedule } from "effect"
import { HttpIncomingMessage, HttpRouter, HttpServerRequest, type HttpServerResponse } from "effect/http"
import { HttpApiBuilder, HttpApiScalar } from "effect/http-api"
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http"
import type { Socket } from "node:net"
import * as Admin from "./Admin.ts"
import { ApiError } from "./ApiError.ts"
import * as Authorization from "./Authorization.ts"
import * as SqliteStore from "./SqliteStore.ts"
import * as TokenVerifier from "./TokenVerifier.ts"
import { maxBodyBytes } from "./Limits.ts"
import { CheckoutSessions, FingerprintSecret } from "./CheckoutSessions.ts"
import * as CheckoutSessionsHttp from "./CheckoutSessions/http.ts"
import { merchantAccountOf } from "./CheckoutSessions/http.ts"
import { Journal } from "./Journal.ts"
import * as Log from "./Log.ts"
import { MockClock } from "./MockClock.ts"
import * as ResponseBatch from "./ResponseBatch.ts"
import * as Responses from "./Responses.ts"
import { SessionStore } from "./SessionStore.ts"
import { StoreHealth } from "./StoreHealth.ts"
import * as SystemHttp from "./System/http.ts"

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
}

/**
 * @category models
 * @since 0.1.0
 */
export type StoreOption = { readonly kind: "memory" } | { readonly kind: "sqlite"; readonly path: string }

/**
 * @category models
 * @since 0.1.0
 */
export type AuthOption =
  | { readonly kind: "off" }
  /** Keys as SPKI PEM, or with the merchant account they are bound to. */
  | { readonly kind: "jwt"; readonly publicKeys: ReadonlyArray<string | TokenVerifier.PublicKey> }

export { maxBodyBytes } from "./Limits.ts"

/**
 * How long requests in flight may take to finish on shutdown, in seconds, by default.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaultShutdownGraceSeconds = 20

/**
 * The longest `Prefer: delay=` honoured, in milliseconds.
 *
 * @category constants
 * @since 0.1.0
 */
export const maxDelayMs = 30_000

interface Route {
  readonly method: string
  readonly pattern: RegExp
}

const toPattern = (path: string) =>
  new RegExp(`^${path.replace(/:[A-Za-z_]+/g, "[^/]+").replace(/\*$/, ".*")}/?$`)

// The contract the server serves: with the `/_mock/*` controls only where they are on.
const servedApi = (admin: boolean) => admin ? Api : ApiWithoutControls

// Every route the server knows, to tell 405 (known path, other method) from 404.
const routeTable = (admin: boolean): ReadonlyArray<Route> => [
  ...Object.values(servedApi(admin).groups).flatMap((group) =>
    Object.values(group.endpoints).map((endpoint) => ({ method: endpoint.method, pattern: toPattern(endpoint.path) }))
  ),
  { method: "GET", pattern: toPattern("/openapi.json") },
  { method: "GET", pattern: toPattern("/docs") }
]

/**
 * The `Prefer` header's `code=` and `delay=` (RFC 7240 preferences, as Prism
 * reads them).
 *
 * @category requests
 * @since 0.1.0
 */
export const parsePrefer = (header: string | undefined): { code?: number; delay?: number } => {
  const out: { code?: number; delay?: number } = {}
  if (header === undefined) return out
  for (const part of header.split(/[,;]/)) {
    const [name, value] = part.split("=").map((s) => s.trim().replace(/^"|"$/g, ""))
    const n = Number(value)
    if (name === "code" && Number.isInteger(n)) out.code = n
    if (name === "delay" && Number.isFinite(n) && n >= 0) out.delay = Math.min(n, maxDelayMs)
  }
  return out
}

// One log line (Log.ts), in the format the options name.
const logLine = (
  options: Pick<ServerOptions, "logFormat">,
  level: "info" | "error",
  msg: string,
  fields: Record<string, unknown>
) => Log.write(options.logFormat ?? "text", level, msg, fields)

// What failed, in one line: the error's class and message (never a request's data: handlers put none in errors).
const describeFailure = (cause: Cause.Cause<unknown>): string => {
  const error = Cause.squash(cause)
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s+/g, " ")
}

const pathOf = (url: string) => {
  const q = url.indexOf("?")
  return q < 0 ? url : url.slice(0, q)
}

const makeMiddleware = (options: ServerOptions) =>
  Effect.gen(function*() {
    const journal = yield* Journal
    const routes = routeTable(options.admin)
    const maxBody = ByteSize.bytes(maxBodyBytes)

    const notFoundOrNotAllowed = (request: HttpServerRequest.HttpServerRequest) => {
      const path = pathOf(request.url)
      const allowed = routes.filter((r) => r.pattern.test(path)).map((r) => r.method)
      // The method is allowed on the path, yet no route took it: a path parameter the router refuses (over
      // 100 characters, a malformed %-escape). Such an id names no session.
      if (allowed.includes(request.method)) return Responses.error(404, "The checkout session could not be found")
      return allowed.length > 0
        ? Responses.error(405, `${request.method} is not allowed on ${path}`, [], { allow: allowed.join(", ") })
        : Responses.error(404, `No route for ${request.method} ${path}`)
    }

    return <E, R>(app: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>) =>
      Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
        const start = performance.now()
        const path = pathOf(request.url)
        const merchantAccountId = merchantAccountOf(request)
        const admin = path.startsWith("/_mock/")
        const record = (status: number) => {
          const entry = {
            method: request.method,
            path,
            status,
            merchant_account_id: merchantAccountId,
            time: new Date().toISOString(),
            duration_ms: Math.round((performance.now() - start) * 100) / 100
          }
          if (!admin) journal.record(entry)
          if (options.logRequests) logLine(options, "info", "request", entry)
        }
        const prefer = admin ? {} : parsePrefer(request.headers["prefer"])
        const contentLength = Number(request.headers["content-length"] ?? 0)

        const respond: Effect.Effect<HttpServerResponse.HttpServerResponse, never, R> = prefer.code !== undefined
          ? Effect.succeed(
            prefer.code >= 400 && prefer.code <= 599
              ? Responses.error(
                prefer.code,
                `Forced by Prefer: code=${prefer.code}`,
                [],
                prefer.code === 429 || prefer.code === 503 ? { "retry-after": "1" } : undefined
              )
              : Responses.error(400, `Prefer: code=${prefer.code} is not an error status`)
          )
          : contentLength > maxBodyBytes
          ? Effect.succeed(Responses.fromApiError(ApiError.tooLarge()))
          : app.pipe(
            Effect.provideService(HttpIncomingMessage.MaxBodySize, maxBody),
            Effect.catchCause((cause) => {
              // The client went away (its timeout, a closed socket): nothing to answer, nothing failed here.
              if (Cause.hasInterruptsOnly(cause)) return Effect.interrupt
              const error = Cause.squash(cause) as { _tag?: string; reason?: { _tag?: string } }
              const tag = error?._tag === "HttpServerError" ? error.reason?._tag : error?._tag
              if (tag === "RouteNotFound") return Effect.succeed(notFoundOrNotAllowed(request))
              if (tag === "RequestParseError" || tag === "HttpApiPayloadTooLarge") {
                return Effect.succeed(Responses.fromApiError(ApiError.tooLarge()))
              }
              return Effect.sync(() => {
                logLine(options, "error", "request failed", { method: request.method, path, error: describeFailure(cause) })
                return Responses.error(500, "The mock server failed on this request")
              })
            })
          )

        const delayed = prefer.delay !== undefined && prefer.delay > 0
          ? Effect.andThen(Effect.sleep(Duration.millis(prefer.delay)), respond)
          : respond
        return delayed.pipe(
          Effect.tap((response) => Effect.sync(() => record(response.status))),
          // 499 (nginx's "client closed request"): the client left before the answer.
          Effect.onInterrupt(() => Effect.sync(() => record(499)))
        )
      })
  })

// Installed as the router's global middleware, so it sees a request before
// any route and its outcome — a response, a route not found, a defect —
// before the server writes anything. The router's types forbid a global
// middleware to handle errors; answering them in the API's error shape is
// this one's purpose, hence the cast.
const aroundEveryRequest = (options: ServerOptions): Layer.Layer<never, never, HttpRouter.HttpRouter | Journal> =>
  HttpRouter.use((router) =>
    Effect.flatMap(makeMiddleware(options), (middleware) => router.addGlobalMiddleware(middleware as never))
  ) as Layer.Layer<never, never, HttpRouter.HttpRouter | Journal>

/**
 * Every route of the server, with its services.
 *
 * @category layers
 * @since 0.1.0
 */
export const routes = (options: Pick<ServerOptions, "admin">) => {
  const groups = Layer.mergeAll(CheckoutSessionsHttp.layerNoDeps, SystemHttp.layer)
  // The served contract, so `/openapi.json` and `/docs` describe the controls exactly where they are served.
  return options.admin
    ? Layer.merge(
      HttpApiBuilder.layer(Api, { openapiPath: "/openapi.json" }).pipe(Layer.provide([groups, Admin.layer])),
      HttpApiScalar.layer(Api, { path: "/docs" })
    )
    : Layer.merge(
      HttpApiBuilder.layer(ApiWithoutControls, { openapiPath: "/openapi.json" }).pipe(Layer.provide(groups)),
      HttpApiScalar.layer(ApiWithoutControls, { path: "/docs" })
    )
}

// Purges expired sessions every minute, so memory is given back without a read.
const purgeLoop = Layer.effectDiscard(
  Effect.gen(function*() {
    const store = yield* SessionStore
    const clock = yield* MockClock
    yield* Effect.forkScoped(
      Effect.repeat(Effect.flatMap(clock.now, store.purgeExpired), Schedule.spaced(Duration.seconds(60)))
    )
  })
)

/**
 * The state of a server: sessions (in the chosen store), clock and journal.
 *
 * @category layers
 * @since 0.1.0
 */
export const stateLayer = (store: StoreOption = { kind: "memory" }) =>
  Layer.mergeAll(
    store.kind === "memory"
      ? SessionStore.layerMemory
      : SqliteStore.layer(store.path).pipe(Layer.provideMerge(StoreHealth.layer)),
    MockClock.layer,
    Journal.layer
  )

/**
 * The contract's `Authorization` middleware, as configured.
 *
 * @category layers
 * @since 0.1.0
 */
export const authorizationLayer = (auth: AuthOption) =>
  auth.kind === "off"
    ? Authorization.layerOff
    : Layer.unwrap(Effect.map(Effect.promise(() => TokenVerifier.make(auth.publicKeys)), Authorization.layerJwt))

/**
 * The HTTP app on a given HTTP server, without its state (tests provide one).
 *
 * @category layers
 * @since 0.1.0
 */
export const layerNoDeps = (options: ServerOptions) =>
  HttpRouter.serve(Layer.merge(routes(options), aroundEveryRequest(options)), {
    disableLogger: true,
    disableListenLog: true
  }).pipe(
    Layer.provide(CheckoutSessions.layerNoDeps),
    Layer.provide(Layer.succeed(FingerprintSecret, options.fingerprintSecret)),
    Layer.provideMerge(purgeLoop)
  )

// What Node cannot parse into a request: a status and a message for each of its error codes.
const clientErrors: Record<string, readonly [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, "The request's headers are larger than the server accepts"],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, "The request's chunk extensions are larger than the server accepts"],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "The request did not arrive in time"]
}

// Node answers what it cannot parse (a malformed request, oversized headers, a request timeout) with a bare
// status line. The mock answers in the API's error shape — after sending what waits in the response batch,
// which may hold this connection's previous answer — and closes the connection, as Node does. Nothing of the
// request is echoed or logged but the error's code.
const answerClientError = (
  batch: ResponseBatch.ResponseBatch,
  options: ServerOptions,
  error: NodeJS.ErrnoException,
  socket: Socket
) => {
  batch.flush()
  // As Node's default: answer only where no answer has begun on this connection.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent: boolean } | null })._httpMessage
  const [status, message] = clientErrors[error.code ?? ""] ?? [400, "The request is not valid HTTP"]
  if (error.code !== "ECONNRESET" && socket.writable && (inFlight == null || !inFlight.headersSent)) {
    const body = Responses.errorJson(status, message)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`
    )
  }
  if (options.logRequests) {
    logLine(options, "info", "client error", { status, code: error.code })
  }
  socket.destroy()
}

/**
 * The whole server listening on `options.host:options.port`.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (options: ServerOptions) => {
  // Responses ended in one turn of the event loop leave together (ResponseBatch.ts).
  const batch = ResponseBatch.make({
    onError: (error) =>
      logLine(options, "error", "a response could not be sent", { code: (error as NodeJS.ErrnoException)?.code })
  })
  const server = createServer({ ServerResponse: batch.ServerResponse })
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(batch, options, error, socket))
  // The responses not yet sent, for the end of a shutdown's grace.
  const inFlight = new Set<ServerResponse>()
  const track = (_request: IncomingMessage, response: ServerResponse) => {
    inFlight.add(response)
    response.once("close", () => inFlight.delete(response))
  }
  server.on("request", track)
  // A request with `Expect: 100-continue` arrives as this event instead.
  server.on("checkContinue", track)
  const graceMs = (options.shutdownGraceSeconds ?? defaultShutdownGraceSeconds) * 1000
  // On shutdown the server stops accepting and Node closes the connections
  // idle at that moment; a connection whose request finishes later would stay
  // open until the client drops it: idle ones are closed until the server has
  // closed. Whatever is still in the batch is sent first. A request still in
  // flight when the grace ends is answered 503 and its connection closed, so
  // the process exits then, not when the client gives up.
  const shutdown = Layer.effectDiscard(Effect.addFinalizer(() =>
    Effect.sync(() => {
      batch.flush()
      logLine(options, "info", "shutting down", { in_flight: inFlight.size, grace_seconds: graceMs / 1000 })
      const idle = setInterval(() => server.closeIdleConnections(), 20)
      const graceEnd = setTimeout(() => {
        for (const response of inFlight) {
          if (response.headersSent) response.destroy()
          else {
            const body = Responses.errorJson(503, "The server shut down before this request finished")
            response.writeHead(503, {
              "content-type": "application/json",
              "content-length": Buffer.byteLength(body),
              "retry-after": "1",
              connection: "close"
            })
            response.end(body)
          }
        }
        batch.flush()
      }, graceMs)
      server.once("close", () => {
        clearInterval(idle)
        clearTimeout(graceEnd)
      })
    })
  ))
  return Layer.merge(layerNoDeps(options), shutdown).pipe(
    Layer.provideMerge(
      NodeHttpServer.layer(() => server, {
        port: options.port,
        host: options.host,
        // Effect's own deadline, after the grace's answers above have gone.
        gracefulShutdownTimeout: Duration.millis(graceMs + 1000)
      })
    ),
    Layer.provide([stateLayer(options.store), authorizationLayer(options.auth)])
  )
}
