/**
 * The typed client of the Checkout Sessions API, derived from the domain's
 * `HttpApi` contract (`HttpApiClient`), as an Effect service with a Layer.
 *
 * Configured like the official SDK: a `sandbox` or `production` server with a
 * Gr4vy instance id, or any base URL (such as the mock server's); a merchant
 * account; and the merchant's private key, from which every request is signed
 * (a JWT, ES512 for Gr4vy's usual P-521 key, RS256 for an RSA key; cached until
 * shortly before it expires). The browser-facing calls (`updateFields`,
 * `cardDetails`) are sent without a token, as the contract declares. Calls time out and are
 * retried as `Resilience` describes, and fail with the tagged errors of
 * `Errors`.
 *
 * @since 0.1.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { Authorization } from "@checkout-kit/domain/api/Authorization"
import { merchantAccountHeader } from "@checkout-kit/domain/api/CheckoutSessions"
import { type CheckoutSession, CheckoutSessionUpdate } from "@checkout-kit/domain/CheckoutSession"
import * as DomainErrors from "@checkout-kit/domain/Errors"
import {
  type CheckoutSessionCardDetails,
  CheckoutSessionCardDetailsRequest,
  CheckoutSessionSecureFields
} from "@checkout-kit/domain/PaymentMethod"
import { snakeCase } from "@checkout-kit/domain/Primitives"
import { issueToDetails, parsePointer, toPointer } from "@checkout-kit/domain/Validation"
import { Context, Effect, Layer, Schema } from "effect"
import { FetchHttpClient, HttpClient, HttpClientError, HttpClientRequest } from "effect/http"
import { HttpApiClient, HttpApiMiddleware } from "effect/http-api"
import {
  type CheckoutKitError,
  Forbidden,
  NotFound,
  RateLimited,
  ServerError,
  Timeout,
  TransportError,
  Unauthorized,
  UnexpectedStatus,
  ValidationError
} from "./Errors.ts"
import * as Resilience from "./Resilience.ts"
import * as TokenSigner from "./TokenSigner.ts"

/**
 * @category models
 * @since 0.1.0
 */
export interface ClientOptions {
  /** `sandbox` or `production` with `id` (the Gr4vy instance), or `baseUrl`. */
  readonly server?: "sandbox" | "production" | undefined
  readonly id?: string | undefined
  /** Any base URL, e.g. the mock server's `http://127.0.0.1:4010`; wins over `server`. */
  readonly baseUrl?: string | undefined
  /** Sent as `x-gr4vy-merchant-account-id`; absent means the account `default`. */
  readonly merchantAccountId?: string | undefined
  /** The merchant's private key (PEM) to sign requests with: ECDSA P-256/384/521 or RSA. */
  readonly privateKey?: string | undefined
  /** For an RSA key: `RS256` (default), `RS384` or `RS512`. */
  readonly algorithm?: string | undefined
  /** Scopes of the signed tokens; default `*.read`, `*.write`. */
  readonly scopes?: ReadonlyArray<string> | undefined
  /** A ready bearer token, instead of a private key. */
  readonly token?: string | undefined
  readonly retry?: Partial<Resilience.RetryOptions> | undefined
  /** Extra headers on every request (e.g. `prefer: code=503` against the mock server). */
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/**
 * The base URL for a configuration: `https://api.sandbox.{id}.gr4vy.app`,
 * `https://api.{id}.gr4vy.app`, or `baseUrl`.
 *
 * @category configuration
 * @since 0.1.0
 */
export const baseUrlOf = (options: ClientOptions): string => {
  if (options.baseUrl !== undefined) return options.baseUrl.replace(/\/+$/, "")
  if (options.id === undefined) throw new Error("Set baseUrl, or server and id (the Gr4vy instance id)")
  return options.server === "production" ? `https://api.${options.id}.gr4vy.app` : `https://api.sandbox.${options.id}.gr4vy.app`
}

const statusError = (status: number, message: string): CheckoutKitError => {
  switch (status) {
    case 400:
      return new ValidationError({ message, details: [] })
    case 401:
      return new Unauthorized({ message })
    case 403:
      return new Forbidden({ message })
    case 404:
      return new NotFound({ message })
    case 429:
      return new RateLimited({ message })
    default:
      return status >= 500 ? new ServerError({ status, message }) : new UnexpectedStatus({ status, message })
  }
}

// A body that fails the contract before it is sent: the details the server would answer, in wire names.
const contractViolation = (error: Schema.SchemaError) =>
  new ValidationError({
    message: "The request does not satisfy the contract",
    details: issueToDetails(error.issue, undefined).map((detail) => ({
      ...detail,
      pointer: toPointer(parsePointer(detail.pointer).map((token) => snakeCase(token)))
    }))
  })

// Validates a body against its schema with every error collected, before the call encodes it.
const preflight = <S extends Schema.Top & { readonly EncodingServices: never }>(schema: S, value: S["Type"]) =>
  Effect.mapError(Schema.encodeUnknownEffect(schema)(value, { errors: "all" }), contractViolation)

/**
 * The client error for whatever a contract call failed with.
 *
 * @category errors
 * @since 0.1.0
 */
export const toClientError = (error: unknown): CheckoutKitError => {
  if (error instanceof DomainErrors.BadRequest) {
    return new ValidationError({ message: error.message ?? "Bad request", details: error.details ?? [] })
  }
  for (const ErrorClass of DomainErrors.ApiErrors) {
    if (error instanceof ErrorClass) {
      const e = error as { status?: number; message?: string }
      return statusError(e.status ?? 500, e.message ?? "")
    }
  }
  if (error instanceof HttpClientError.HttpClientError) {
    const reason = error.reason
    if (reason._tag === "StatusCodeError") {
      const status = reason.response.status
      if (status === 429) {
        const wait = Resilience.retryAfterMillis(reason.response.headers["retry-after"])
        return new RateLimited({
          message: "Too many requests",
          ...(wait === undefined ? {} : { retryAfterSeconds: wait / 1000 })
        })
      }
      return statusError(status, reason.description ?? `HTTP ${status}`)
    }
    // A status the contract does not declare (503, 413, ...): judged by the status alone.
    if (reason._tag === "DecodeError" && reason.response !== undefined && reason.response.status >= 400) {
      return statusError(reason.response.status, `HTTP ${reason.response.status}`)
    }
    if (reason.cause instanceof Timeout) return reason.cause
    if (reason.cause instanceof TransportError) return reason.cause
    return new TransportError({ message: error.message })
  }
  if (Schema.isSchemaError(error)) return contractViolation(error)
  const tagged = error as { message?: string }
  return new TransportError({ message: `The answer did not match the contract: ${String(tagged?.message ?? error)}` })
}

const call = <A>(effect: Effect.Effect<A, unknown>) => Effect.mapError(effect, toClientError)

/**
 * @category services
 * @since 0.1.0
 */
export class CheckoutKitClient extends Context.Service<CheckoutKitClient, {
  readonly create: (body?: CheckoutSessionUpdate) => Effect.Effect<CheckoutSession, CheckoutKitError>
  readonly get: (id: string) => Effect.Effect<CheckoutSession, CheckoutKitError>
  readonly update: (id: string, body: CheckoutSessionUpdate) => Effect.Effect<CheckoutSession, CheckoutKitError>
  readonly delete: (id: string) => Effect.Effect<void, CheckoutKitError>
  readonly updateFields: (id: string, fields: CheckoutSessionSecureFields) => Effect.Effect<void, CheckoutKitError>
  readonly cardDetails: (id: string, bin: string) => Effect.Effect<CheckoutSessionCardDetails, CheckoutKitError>
}>()("@checkout-kit/client/CheckoutKitClient") {
  /**
   * The client, on `fetch`.
   */
  static readonly layer = (options: ClientOptions) =>
    Layer.effect(CheckoutKitClient, make(options)).pipe(Layer.provide(FetchHttpClient.layer))
}

/**
 * The client service, on the `HttpClient` in context.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (options: ClientOptions) =>
  Effect.gen(function*() {
    const retry = { ...Resilience.defaultRetryOptions, ...options.retry }
    const signer = options.privateKey === undefined
      ? undefined
      : TokenSigner.make(options.privateKey, { scopes: options.scopes, algorithm: options.algorithm })
    const authorization = HttpApiMiddleware.layerClient(Authorization, ({ next, request }) => {
      if (signer !== undefined) {
        return Effect.flatMap(
          Effect.tryPromise({
            try: () => signer.token(),
            catch: (e) =>
              new HttpClientError.HttpClientError({
                reason: new HttpClientError.TransportError({
                  request,
                  cause: new TransportError({ message: `Could not sign the request: ${(e as Error).message}` })
                })
              })
          }),
          (token) => next(HttpClientRequest.bearerToken(request, token))
        )
      }
      return next(options.token === undefined ? request : HttpClientRequest.bearerToken(request, options.token))
    })
    const headers = {
      ...options.headers,
      ...(options.merchantAccountId === undefined ? {} : { [merchantAccountHeader]: options.merchantAccountId })
    }
    const client = yield* HttpApiClient.make(Api, {
      baseUrl: baseUrlOf(options),
      transformClient: (httpClient) =>
        httpClient.pipe(
          HttpClient.mapRequest(HttpClientRequest.setHeaders(headers)),
          Resilience.withRetries(retry)
        )
    }).pipe(Effect.provide(authorization))
    const sessions = client.checkoutSessions
    return CheckoutKitClient.of({
      create: (body = {}) =>
        Effect.andThen(preflight(CheckoutSessionUpdate, body), call(sessions.create({ payload: body, headers: {} }))),
      get: (id) => call(sessions.get({ params: { session_id: id }, headers: {} })),
      update: (id, body) =>
        Effect.andThen(
          preflight(CheckoutSessionUpdate, body),
          call(sessions.update({ params: { session_id: id }, payload: body, headers: {} }))
        ),
      delete: (id) => call(sessions.delete({ params: { session_id: id }, headers: {} })),
      updateFields: (id, fields) =>
        Effect.andThen(
          preflight(CheckoutSessionSecureFields, fields),
          call(sessions.updateFields({ params: { session_id: id }, payload: fields }))
        ),
      cardDetails: (id, bin) =>
        Effect.andThen(
          preflight(CheckoutSessionCardDetailsRequest, { bin }),
          call(sessions.cardDetails({ params: { session_id: id }, payload: { bin } }))
        )
    })
  })
