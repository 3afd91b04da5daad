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
import { TokenRejected, type TokenVerifier } from "./TokenVerifier.ts"

const unauthorized = (message: string) =>
  new Unauthorized({ type: "error", code: "unauthorized", status: 401, message, details: [] as Array<ErrorDetail> })
const forbidden = (message: string) =>
  new Forbidden({ type: "error", code: "forbidden", status: 403, message, details: [] as Array<ErrorDetail> })

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
      bearer: (httpEffect, { credential, endpoint }) =>
        Effect.gen(function*() {
          const token = Redacted.value(credential)
          if (token === "") return yield* unauthorized("A bearer token is required")
          // A token verified before costs a lookup; only a new one waits for an ES512 verification.
          const claims = verifier.cachedClaims(token) ?? (yield* Effect.tryPromise({
            try: () => verifier.verify(token),
            catch: (e) => unauthorized(e instanceof TokenRejected ? e.message : "The bearer token is not valid")
          }))
          const granting = endpointScopes[endpoint.identifier] ?? []
          if (!granting.some((scope) => claims.scopes.includes(scope))) {
            return yield* forbidden(`The token lacks a scope for this call (one of: ${granting.join(", ")})`)
          }
          if (claims.checkoutSessionId !== undefined) {
            const route = yield* HttpRouter.RouteContext
            const sessionId = route.params.session_id
            if (sessionId === undefined || sessionId.toLowerCase() !== claims.checkoutSessionId.toLowerCase()) {
              return yield* forbidden("The token is pinned to another checkout session")
            }
          }
          return yield* httpEffect
        })
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
