/**
 * Request bodies: refused over `maxBodyBytes` (by their declared length
 * before anything is read, by what is read otherwise), and read as JSON
 * whatever type they are sent as.
 *
 * @since 0.3.0
 */
import { ByteSize, Effect } from "effect"
import { HttpIncomingMessage, type HttpServerRequest, type HttpServerResponse } from "effect/http"
import { ApiError } from "../ApiError.ts"
import { maxBodyBytes } from "../Limits.ts"
import * as Responses from "../Responses.ts"

const maxBody = ByteSize.bytes(maxBodyBytes)

/**
 * The 413 of a request whose `content-length` is over the limit, before its body is read; `undefined` otherwise.
 *
 * @category middleware
 * @since 0.3.0
 */
export const refuseDeclaredTooLarge = (
  request: HttpServerRequest.HttpServerRequest
): HttpServerResponse.HttpServerResponse | undefined =>
  Number(request.headers["content-length"] ?? 0) > maxBodyBytes ? Responses.fromApiError(ApiError.tooLarge()) : undefined

/**
 * The app with the body limit on whatever reads a body through the framework.
 *
 * @category middleware
 * @since 0.3.0
 */
export const limited = <A, E, R>(app: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.provideService(app, HttpIncomingMessage.MaxBodySize, maxBody)

const jsonType = /^application\/json\s*(;|$)/i

/**
 * The request as the contract's decoders are to read it: a body is JSON
 * whatever type it is sent as (a browser's `fetch` of a string sends
 * text/plain, curl's `-d` a form type), so they are told JSON. The same
 * request where it says JSON already, or has no type.
 *
 * @category middleware
 * @since 0.3.0
 */
export const asJson = (request: HttpServerRequest.HttpServerRequest): HttpServerRequest.HttpServerRequest => {
  const type = request.headers["content-type"]
  return type === undefined || jsonType.test(type) || request.method === "GET"
    ? request
    : request.modify({ headers: { ...request.headers, "content-type": "application/json" } })
}
