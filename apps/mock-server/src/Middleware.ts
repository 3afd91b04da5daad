/**
 * What happens around every request: CORS (preflights and the allow-origin
 * header, `Cors.ts`), forced errors and latency (`Prefer`), the body limit,
 * 404/405 and failures in the API's error shape, the request journal and one
 * log line per request.
 *
 * @since 0.2.0
 */
import { ByteSize, Cause, Duration, Effect, identity, type Layer } from "effect"
import { HttpIncomingMessage, HttpRouter, HttpServerRequest, HttpServerResponse } from "effect/http"
import { errorDetailTypes } from "@checkout-kit/domain/Errors"
import { issueToDetails } from "@checkout-kit/domain/Validation"
import type { HttpApiSchemaError } from "effect/http-api/HttpApiError"
import { ApiError } from "./ApiError.ts"
import { merchantAccountOf } from "./Authorization.ts"
import * as Cors from "./Cors.ts"
import * as RequestCapture from "./http/RequestCapture.ts"
import { bodyText, Journal } from "./Journal.ts"
import { maxBodyBytes } from "./Limits.ts"
import * as Redact from "./Redact.ts"
import * as Responses from "./Responses.ts"
import { methodsOn, notFoundOrNotAllowed, pathOf, routeTable } from "./RouteTable.ts"
import { logLine, type ServerOptions } from "./ServerOptions.ts"

/**
 * The longest `Prefer: delay=` honoured, in milliseconds.
 *
 * @category constants
 * @since 0.1.0
 */
export const maxDelayMs = 30_000

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

// The body of a secure-fields call, as the journal may keep it: card number reduced, security code removed.
const fieldsPath = /\/fields\/?$/
const redactFieldsBody = (text: string | undefined) => {
  if (text === undefined) return undefined
  try {
    return JSON.stringify(Redact.redactJson(JSON.parse(text)))
  } catch {
    return "[withheld]"
  }
}

// A browser's call from a page of another origin than the server's (its `Origin` names another host): a page
// on the web could otherwise reset the mock or move its clock with a plain form post. Same-origin calls (the
// inspector) and clients that send no `Origin` (curl, tests, SDKs) pass.
const crossOrigin = (request: HttpServerRequest.HttpServerRequest) => {
  const origin = request.headers["origin"]
  if (origin === undefined) return false
  const host = request.headers["host"]
  return host === undefined || !/^https?:\/\//.test(origin) || origin.slice(origin.indexOf("//") + 2) !== host
}

const schemaLocations = { Query: "query", Params: "path", Headers: "header", Payload: "body" } as const

// The API's 400 for what a contract's schema refused in a request, every invalid field named by its JSON pointer
// (the body's as the strict decoder names them); `undefined` for a failure of the server's own (its answer).
const schemaRefusal = (
  request: HttpServerRequest.HttpServerRequest,
  error: HttpApiSchemaError
): Effect.Effect<ApiError> | undefined => {
  if (!(error.kind in schemaLocations)) return undefined
  const location = schemaLocations[error.kind as keyof typeof schemaLocations]
  const refusal = (input: unknown) => {
    const details = issueToDetails(error.cause.issue, input, location)
    if (details.length > 0) return ApiError.invalid(details)
    const message = `Invalid ${location === "body" ? "request body" : `${location} parameters`}`
    return ApiError.of(400, message, [{ location, pointer: "", message, type: errorDetailTypes.value }])
  }
  switch (error.kind) {
    case "Query":
      return Effect.sync(() => refusal(queryRecord(request.url)))
    case "Headers":
      return Effect.sync(() => refusal(request.headers))
    case "Params":
      return Effect.succeed(refusal(undefined))
    default:
      // The body was read whole before it was decoded (the request keeps it): read again to name the fields.
      return Effect.map(Effect.orElseSucceed(request.text, () => ""), (text) => {
        try {
          return text.trim() === "" ? ApiError.invalidJson() : refusal(JSON.parse(text))
        } catch {
          return ApiError.invalidJson()
        }
      })
  }
}

// A URL's query as the contract's schemas read it: a name given once is a string, given more often an array.
const queryRecord = (url: string): Record<string, string | Array<string>> => {
  const record: Record<string, string | Array<string>> = {}
  const q = url.indexOf("?")
  if (q < 0) return record
  for (const [name, value] of new URLSearchParams(url.slice(q + 1))) {
    const seen = record[name]
    record[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value]
  }
  return record
}

const jsonType = /^application\/json\s*(;|$)/i

// A body is read as JSON whatever type it is sent as (a browser's `fetch` of a string sends text/plain, curl's
// `-d` a form type): the contract's decoders read the type, so they are told JSON.
const asJson = (request: HttpServerRequest.HttpServerRequest) => {
  const type = request.headers["content-type"]
  return type === undefined || jsonType.test(type) || request.method === "GET"
    ? request
    : request.modify({ headers: { ...request.headers, "content-type": "application/json" } })
}

// What failed, in one line: the error's class and message (never a request's data: handlers put none in errors).
const describeFailure = (cause: Cause.Cause<unknown>): string => {
  const error = Cause.squash(cause)
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s+/g, " ")
}

const makeMiddleware = (options: ServerOptions) =>
  Effect.gen(function*() {
    const journal = yield* Journal
    const routes = routeTable(options.admin)
    const maxBody = ByteSize.bytes(maxBodyBytes)

    const notFound = notFoundOrNotAllowed(routes)
    const cors = Cors.make(options.corsOrigins ?? Cors.defaultOrigins)

    // An `OPTIONS` request: a CORS preflight from an allowed origin is answered with what the path allows; one
    // from another origin is refused in the API's error shape, saying how to allow it; without `Origin`, the
    // path's methods.
    const preflight = (request: HttpServerRequest.HttpServerRequest, path: string, origin: string | undefined) => {
      const methods = methodsOn(routes, path)
      if (methods.length === 0) return notFound(request)
      const allow = [...methods, "OPTIONS"].join(", ")
      if (origin === undefined) return HttpServerResponse.empty({ status: 204, headers: { allow } })
      const allowOrigin = cors.allowOrigin(origin)
      if (allowOrigin === undefined) {
        return Responses.error(
          403,
          `The origin ${origin} may not call this server: start it with --cors-origin ${origin}`,
          [],
          { vary: "origin" }
        )
      }
      const headers: Record<string, string> = {
        allow,
        "access-control-allow-origin": allowOrigin,
        "access-control-allow-methods": allow,
        "access-control-allow-headers": Cors.allowedHeaders,
        "access-control-max-age": String(Cors.maxAgeSeconds),
        vary: "origin, access-control-request-method, access-control-request-headers"
      }
      // Chrome's Private Network Access: a public page calling this machine asks first.
      if (request.headers["access-control-request-private-network"] === "true") {
        headers["access-control-allow-private-network"] = "true"
      }
      return HttpServerResponse.empty({ status: 204, headers })
    }

    return <E, R>(app: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>) =>
      Effect.flatMap(HttpServerRequest.HttpServerRequest, (received) => {
        const request = asJson(received)
        const start = performance.now()
        const captured = RequestCapture.make()
        const path = pathOf(request.url)
        const namedAccountId = merchantAccountOf(request)
        const admin = path.startsWith("/_mock/")
        const prefer = admin ? {} : parsePrefer(request.headers["prefer"])
        const record = (status: number, response?: HttpServerResponse.HttpServerResponse) => {
          // The account the call acted on, where the header did not name it (a bound key, a browser-facing call).
          const merchantAccountId = captured.account ?? namedAccountId
          const time = new Date().toISOString()
          const durationMs = Math.round((performance.now() - start) * 100) / 100
          if (!admin) {
            const cardData = request.method === "PUT" && fieldsPath.test(path)
            const body = captured.body
            journal.record({
              method: request.method,
              path,
              status,
              merchantAccountId,
              time,
              durationMs,
              forcedStatus: prefer.code,
              delayMs: prefer.delay,
              requestHeaders: request.headers,
              requestBody: cardData ? redactFieldsBody(bodyText(body)) : body,
              cardData,
              response
            })
          }
          if (options.logRequests) {
            logLine(options, "info", "request", {
              method: request.method,
              path,
              status,
              merchant_account_id: merchantAccountId,
              time,
              duration_ms: durationMs
            })
          }
        }
        const contentLength = Number(request.headers["content-length"] ?? 0)
        // CORS, on the API's routes (not the controls): the allow-origin header for allowed origins only.
        const origin = admin ? undefined : request.headers["origin"]
        const withCors = (response: HttpServerResponse.HttpServerResponse) => {
          if (origin === undefined || response.headers["access-control-allow-origin"] !== undefined) return response
          const allowOrigin = cors.allowOrigin(origin)
          if (allowOrigin === undefined) return cors.varies ? HttpServerResponse.setHeader(response, "vary", "origin") : response
          return HttpServerResponse.setHeaders(response, {
            "access-control-allow-origin": allowOrigin,
            "access-control-expose-headers": Cors.exposedHeaders,
            ...(cors.varies ? { vary: "origin" } : {})
          })
        }

        const respond: Effect.Effect<HttpServerResponse.HttpServerResponse, never, R> = request.method === "OPTIONS" &&
            !admin
          ? Effect.succeed(preflight(request, path, origin))
          : admin && crossOrigin(request)
          ? Effect.succeed(Responses.error(403, "The /_mock/ controls refuse calls from pages of another origin"))
          : prefer.code !== undefined
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
            Effect.provideService(RequestCapture.RequestCapture, captured),
            request === received ? identity : Effect.provideService(HttpServerRequest.HttpServerRequest, request),
            Effect.catchCause((cause) => {
              // The client went away (its timeout, a closed socket): nothing to answer, nothing failed here.
              if (Cause.hasInterruptsOnly(cause)) return Effect.interrupt
              const error = Cause.squash(cause) as { _tag?: string; reason?: { _tag?: string } }
              const tag = error?._tag === "HttpServerError" ? error.reason?._tag : error?._tag
              if (tag === "RouteNotFound") return Effect.succeed(notFound(request))
              if (tag === "RequestParseError" || tag === "HttpApiPayloadTooLarge") {
                return Effect.succeed(Responses.fromApiError(ApiError.tooLarge()))
              }
              // A request the contract's schemas refuse (its query, path, headers or body): the client's error, in
              // the API's shape with a pointer to each invalid field.
              if (tag === "HttpApiSchemaError") {
                const refused = schemaRefusal(request, error as unknown as HttpApiSchemaError)
                if (refused !== undefined) return Effect.map(refused, (e) => Responses.fromApiError(e))
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
          Effect.map(withCors),
          Effect.tap((response) => Effect.sync(() => record(response.status, response))),
          // 499 (nginx's "client closed request"): the client left before the answer.
          Effect.onInterrupt(() => Effect.sync(() => record(499)))
        )
      })
  })

/**
 * The behaviour around every request: forced errors and latency (`Prefer`),
 * the body limit, 404/405 and 500 in the API's error shape, the journal and
 * one log line per request.
 *
 * @category middleware
 * @since 0.2.0
 */
// Installed as the router's global middleware, so it sees a request before
// any route and its outcome — a response, a route not found, a defect —
// before the server writes anything. The router's types forbid a global
// middleware to handle errors; answering them in the API's error shape is
// this one's purpose, hence the cast.
export const aroundEveryRequest = (options: ServerOptions): Layer.Layer<never, never, HttpRouter.HttpRouter | Journal> =>
  HttpRouter.use((router) =>
    Effect.flatMap(makeMiddleware(options), (middleware) => router.addGlobalMiddleware(middleware as never))
  ) as Layer.Layer<never, never, HttpRouter.HttpRouter | Journal>

