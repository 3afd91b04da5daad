/**
 * Cross-origin requests (the policy is `Cors.ts`): CORS preflights on the
 * API's routes, the allow-origin header on their answers, and the `/_mock/`
 * controls' refusal of calls from pages of another origin.
 *
 * @since 0.3.0
 */
import { HttpServerResponse } from "effect/http"
import type { HttpServerRequest } from "effect/http"
import * as Cors from "../Cors.ts"
import * as Responses from "../Responses.ts"
import { methodsOn, notFoundOrNotAllowed, type Route } from "../RouteTable.ts"

/**
 * A browser's call from a page of another origin than the server's (its
 * `Origin` names another host): a page on the web could otherwise reset the
 * mock or move its clock with a plain form post. Same-origin calls (the
 * inspector) and clients that send no `Origin` (curl, tests, SDKs) pass.
 *
 * @category middleware
 * @since 0.3.0
 */
export const refuseCrossOriginControl = (
  request: HttpServerRequest.HttpServerRequest
): HttpServerResponse.HttpServerResponse | undefined => {
  const origin = request.headers["origin"]
  if (origin === undefined) return undefined
  const host = request.headers["host"]
  const cross = host === undefined || !/^https?:\/\//.test(origin) || origin.slice(origin.indexOf("//") + 2) !== host
  return cross ? Responses.error(403, "The /_mock/ controls refuse calls from pages of another origin") : undefined
}

/**
 * CORS for the API's routes under a list of origin patterns.
 *
 * @category middleware
 * @since 0.3.0
 */
export const make = (patterns: ReadonlyArray<string>, routes: ReadonlyArray<Route>) => {
  const cors = Cors.make(patterns)
  const notFound = notFoundOrNotAllowed(routes)
  return {
    /**
     * The answer to an `OPTIONS` request: a CORS preflight from an allowed
     * origin gets what the path allows; one from another origin is refused in
     * the API's error shape, saying how to allow it; without `Origin`, the
     * path's methods.
     */
    preflight: (request: HttpServerRequest.HttpServerRequest, path: string, origin: string | undefined) => {
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
    },
    /** An answer to a request from `origin`, with the allow-origin header where the origin is allowed. */
    withCors: (origin: string | undefined, response: HttpServerResponse.HttpServerResponse) => {
      if (origin === undefined || response.headers["access-control-allow-origin"] !== undefined) return response
      const allowOrigin = cors.allowOrigin(origin)
      if (allowOrigin === undefined) return cors.varies ? HttpServerResponse.setHeader(response, "vary", "origin") : response
      return HttpServerResponse.setHeaders(response, {
        "access-control-allow-origin": allowOrigin,
        "access-control-expose-headers": Cors.exposedHeaders,
        ...(cors.varies ? { vary: "origin" } : {})
      })
    }
  }
}
