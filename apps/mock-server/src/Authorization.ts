/**
 * Who may call what (API-SEMANTICS.md § Authentication, § Browser-facing
 * calls).
 *
 * The session calls carry the contract's `Authorization` middleware: a valid
 * bearer token is required (401 otherwise) carrying a scope that grants the
 * endpoint (403 otherwise); a token pinned to one session
 * (`checkout_session_id`) may touch only that session (403); a token whose
 * key is bound to a merchant account acts on that account, and may not name
 * another in `x-gr4vy-merchant-account-id` (403).
 *
 * The browser-facing calls (`/fields`, `/card-details`) need no token
 * (`BrowserCalls`): a token, when sent, is verified and judged the same way,
 * minus the scopes.
 *
 * @since 0.1.0
 */
import { Authorization, endpointScopes } from "@checkout-kit/domain/api/Authorization"
import { merchantAccountHeader } from "@checkout-kit/domain/api/CheckoutSessions"
import { Forbidden, makeErrorBody, Unauthorized } from "@checkout-kit/domain/Errors"
import { Context, Effect, Layer, Redacted } from "effect"
import { HttpRouter, HttpServerRequest } from "effect/http"
import { ApiError } from "./ApiError.ts"
import { type Claims, TokenRejected, type TokenVerifier } from "./TokenVerifier.ts"

// The contract's middleware fails with these two classes; their bodies are the domain's.
const unauthorized = (message: string) => new Unauthorized(makeErrorBody(401, message))
const forbidden = (message: string) => new Forbidden(makeErrorBody(403, message))

/**
 * The merchant account a request names in `x-gr4vy-merchant-account-id`, if any.
 *
 * @category requests
 * @since 0.1.0
 */
export const namedAccount = (request: HttpServerRequest.HttpServerRequest): string | undefined => {
  const value = request.headers[merchantAccountHeader]
  return value === undefined || value === "" ? undefined : value
}

/**
 * The merchant account a request names: its `x-gr4vy-merchant-account-id`, or
 * `default` (a session call with a bound key's token acts on the key's
 * account: `accountOf`). The journal and the request log record it.
 *
 * @category requests
 * @since 0.2.0
 */
export const merchantAccountOf = (request: HttpServerRequest.HttpServerRequest): string =>
  namedAccount(request) ?? "default"

/**
 * The merchant account the verified token's key is bound to, for the
 * handler of a session call; `undefined` for an admin key, or no check.
 *
 * @category services
 * @since 0.1.0
 */
export const KeyAccount = Context.Reference<string | undefined>("@checkout-kit/mock-server/KeyAccount", {
  defaultValue: () => undefined
})

/**
 * The merchant account a session call acts on: the one the request names,
 * else the one its token's key is bound to, else `default`.
 *
 * @category requests
 * @since 0.1.0
 */
export const accountOf = (request: HttpServerRequest.HttpServerRequest) =>
  Effect.map(KeyAccount, (bound) => namedAccount(request) ?? bound ?? "default")

// What verified claims forbid on a call to `sessionId` (a 403's message), if anything.
const refusal = (claims: Claims, sessionId: string | undefined, named: string | undefined): string | undefined => {
  if (claims.checkoutSessionId !== undefined) {
    if (sessionId === undefined || sessionId.toLowerCase() !== claims.checkoutSessionId.toLowerCase()) {
      return "The token is pinned to another checkout session"
    }
  }
  if (claims.merchantAccountId !== undefined && named !== undefined && named !== claims.merchantAccountId) {
    return "The token's key is bound to another merchant account"
  }
  return undefined
}

// A token's claims: from the cache synchronously, else verified (401 with the reason when refused).
const claimsOf = <E>(verifier: TokenVerifier, token: string, onRejected: (message: string) => E) => {
  const cached = verifier.cachedClaims(token)
  if (cached !== undefined) return Effect.succeed(cached)
  return Effect.tryPromise({
    try: () => verifier.verify(token),
    catch: (e) => onRejected(e instanceof TokenRejected ? e.message : "The bearer token is not valid")
  })
}

// The claims' verdict on a session call; the call itself, with the key's account, when they allow it.
const authorize = <A, E, R>(
  claims: Claims,
  httpEffect: Effect.Effect<A, E, R>,
  endpoint: string
): Effect.Effect<A, E | Forbidden, R | HttpRouter.RouteContext | HttpServerRequest.HttpServerRequest> => {
  const granting = endpointScopes[endpoint] ?? []
  if (!granting.some((scope) => claims.scopes.includes(scope))) {
    return Effect.fail(forbidden(`The token lacks a scope for this call (one of: ${granting.join(", ")})`))
  }
  // An unpinned admin key's token: nothing more to judge.
  if (claims.checkoutSessionId === undefined && claims.merchantAccountId === undefined) return httpEffect
  return Effect.flatMap(HttpRouter.RouteContext, (route) =>
    Effect.flatMap(HttpServerRequest.HttpServerRequest, (request): Effect.Effect<A, E | Forbidden, R> => {
      const refused = refusal(claims, route.params.session_id, namedAccount(request))
      if (refused !== undefined) return Effect.fail(forbidden(refused))
      return claims.merchantAccountId === undefined
        ? httpEffect
        : Effect.provideService(httpEffect, KeyAccount, claims.merchantAccountId)
    }))
}

/**
 * The browser-facing calls' check of who calls.
 *
 * @category services
 * @since 0.1.0
 */
export class BrowserCalls extends Context.Service<BrowserCalls, {
  /**
   * The merchant account the session must belong to — the one the request
   * names, else the one a sent token's key is bound to; `undefined`: any.
   * Fails with 401 for a token that is sent and not valid, 403 for one that
   * may not touch the session.
   */
  readonly accountFor: (
    request: HttpServerRequest.HttpServerRequest,
    sessionId: string
  ) => Effect.Effect<string | undefined, ApiError>
}>()("@checkout-kit/mock-server/BrowserCalls") {}

// The bearer token of an `authorization` header; `""` for a header that carries none.
const bearerToken = (header: string) => {
  const match = /^bearer +(.*)$/i.exec(header.trim())
  return match === null ? "" : match[1].trim()
}

/**
 * Tokens verified by `verifier`: the `Authorization` middleware and `BrowserCalls`.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerJwt = (verifier: TokenVerifier) =>
  Layer.mergeAll(
    Layer.succeed(
      Authorization,
      Authorization.of({
        bearer: (httpEffect, { credential, endpoint }) => {
          const token = Redacted.value(credential)
          if (token === "") return Effect.fail(unauthorized("A bearer token is required"))
          // A token verified before costs a lookup, synchronously; only a new one waits for a verification.
          return Effect.flatMap(claimsOf(verifier, token, unauthorized), (claims) =>
            authorize(claims, httpEffect, endpoint.identifier))
        }
      })
    ),
    Layer.succeed(
      BrowserCalls,
      BrowserCalls.of({
        accountFor: (request, sessionId) => {
          const named = namedAccount(request)
          const header = request.headers["authorization"]
          if (header === undefined) return Effect.succeed(named)
          const token = bearerToken(header)
          if (token === "") return Effect.fail(ApiError.of(401, "The authorization header carries no bearer token"))
          return Effect.flatMap(claimsOf(verifier, token, (message) => ApiError.of(401, message)), (claims) => {
            const refused = refusal(claims, sessionId, named)
            return refused === undefined
              ? Effect.succeed(named ?? claims.merchantAccountId)
              : Effect.fail(ApiError.of(403, refused))
          })
        }
      })
    )
  )

/**
 * `--auth off`: every call is let through; the browser-facing calls are
 * confined only by the merchant-account header.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerOff = Layer.mergeAll(
  Layer.succeed(Authorization, Authorization.of({ bearer: (httpEffect) => httpEffect })),
  Layer.succeed(BrowserCalls, BrowserCalls.of({ accountFor: (request) => Effect.succeed(namedAccount(request)) }))
)
