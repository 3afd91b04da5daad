/**
 * What no handler answered, answered in the API's error shape: a route not
 * found (404, or 405 with `allow`), a body over the limit (413), a request
 * the contract's schemas refuse (400, a JSON pointer per invalid field), and
 * any other failure (500, logged in one line).
 *
 * @since 0.3.0
 */
import { errorDetailTypes } from "@checkout-kit/domain/Errors"
import { issueToDetails } from "@checkout-kit/domain/Validation"
import { Cause, Effect } from "effect"
import type { HttpServerRequest, HttpServerResponse } from "effect/http"
import type { HttpApiSchemaError } from "effect/http-api/HttpApiError"
import { ApiError } from "../ApiError.ts"
import * as Responses from "../Responses.ts"
import { notFoundOrNotAllowed, type Route } from "../RouteTable.ts"
import { logLine, type ServerOptions } from "../ServerOptions.ts"

const schemaLocations = { Query: "query", Params: "path", Headers: "header", Payload: "body" } as const

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

/**
 * The API's 400 for what a contract's schema refused in a request, every
 * invalid field named by its JSON pointer (the body's as the strict decoder
 * names them); `undefined` for a failure of the server's own (its answer).
 *
 * @category failures
 * @since 0.3.0
 */
export const schemaRefusal = (
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

// What failed, in one line: the error's class and message (never a request's data: handlers put none in errors).
const describeFailure = (cause: Cause.Cause<unknown>): string => {
  const error = Cause.squash(cause)
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s+/g, " ")
}

/**
 * The failure mapping of a server: the app, its failures answered.
 *
 * @category middleware
 * @since 0.3.0
 */
export const make = (options: ServerOptions, routes: ReadonlyArray<Route>) => {
  const notFound = notFoundOrNotAllowed(routes)
  return <E, R>(
    request: HttpServerRequest.HttpServerRequest,
    path: string,
    app: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>
  ): Effect.Effect<HttpServerResponse.HttpServerResponse, never, R> =>
    Effect.catchCause(app, (cause) => {
      // The client went away (its timeout, a closed socket): nothing to answer, nothing failed here.
      if (Cause.hasInterruptsOnly(cause)) return Effect.interrupt
      const error = Cause.squash(cause) as { _tag?: string; reason?: { _tag?: string } }
      const tag = error?._tag === "HttpServerError" ? error.reason?._tag : error?._tag
      if (tag === "RouteNotFound") return Effect.succeed(notFound(request))
      if (tag === "RequestParseError" || tag === "HttpApiPayloadTooLarge") {
        return Effect.succeed(Responses.fromApiError(ApiError.tooLarge()))
      }
      // A request the contract's schemas refuse (its query, path, headers or body): the client's error.
      if (tag === "HttpApiSchemaError") {
        const refused = schemaRefusal(request, error as unknown as HttpApiSchemaError)
        if (refused !== undefined) return Effect.map(refused, (e) => Responses.fromApiError(e))
      }
      return Effect.sync(() => {
        logLine(options, "error", "request failed", { method: request.method, path, error: describeFailure(cause) })
        return Responses.error(500, "The mock server failed on this request")
      })
    })
}
