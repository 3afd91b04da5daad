/**
 * The server side of the contract's `Authorization` middleware: every
 * checkout-sessions call needs a valid bearer token (401 otherwise) carrying
 * a scope that grants the endpoint (403 otherwise); a token pinned to one
 * session (`checkout_session_id`) may touch only that session (403).
 *
 * @since 0.1.0
 */
import { Authorization, endpointScopes } from "@checkout-kit/domain/api/Authorization"
import { type ErrorDetail, Forbidden, Unauthorized } from "@checkout-kit/domain/Errors"
import { Effect, Layer, Redacted } from "effect"
import { HttpRouter } from "effect/http"
import { type Claims, TokenRejected, type TokenVerifier } from "./TokenVerifier.ts"

const unauthorized = (message: string) =>
  new Unauthorized({ type: "error", code: "unauthorized", status: 401, message, details: [] as Array<ErrorDetail> })
const forbidden = (message: string) =>
  new Forbidden({ type: "error", code: "forbidden", status: 403, message, details: [] as Array<ErrorDetail> })

// The claims' verdict on a call; the call itself when they allow it.
const authorize = <A, E, R>(
  claims: Claims,
  httpEffect: Effect.Effect<A, E, R>,
  endpoint: string
): Effect.Effect<A, E | Forbidden, R | HttpRouter.RouteContext> => {
  const granting = endpointScopes[endpoint] ?? []
  if (!granting.some((scope) => claims.scopes.includes(scope))) {
    return Effect.fail(forbidden(`The token lacks a scope for this call (one of: ${granting.join(", ")})`))
  }
  if (claims.checkoutSessionId === undefined) return httpEffect
  const pinned = claims.checkoutSessionId.toLowerCase()
  return Effect.flatMap(HttpRouter.RouteContext, (route): Effect.Effect<A, E | Forbidden, R> => {
    const sessionId = route.params.session_id
    return sessionId === undefined || sessionId.toLowerCase() !== pinned
      ? Effect.fail(forbidden("The token is pinned to another checkout session"))
      : httpEffect
  })
}

/**
 * Tokens verified by `verifier`.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerJwt = (verifier: TokenVerifier) =>
  Layer.succeed(
    Authorization,
    Authorization.of({
      bearer: (httpEffect, { credential, endpoint }) => {
        const token = Redacted.value(credential)
        if (token === "") return Effect.fail(unauthorized("A bearer token is required"))
        // A token verified before costs a lookup, synchronously; only a new one waits for an ES512 verification.
        const cached = verifier.cachedClaims(token)
        if (cached !== undefined) return authorize(cached, httpEffect, endpoint.identifier)
        return Effect.flatMap(
          Effect.tryPromise({
            try: () => verifier.verify(token),
            catch: (e) => unauthorized(e instanceof TokenRejected ? e.message : "The bearer token is not valid")
          }),
          (claims) => authorize(claims, httpEffect, endpoint.identifier)
        )
      }
    })
  )

/**
 * `--auth off`: every call is let through.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerOff = Layer.succeed(
  Authorization,
  Authorization.of({ bearer: (httpEffect) => httpEffect })
)
