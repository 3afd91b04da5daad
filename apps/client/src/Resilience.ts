/**
 * Timeouts and retries around every HTTP call.
 *
 * - Each attempt has a timeout.
 * - 429 and 5xx answers and network failures are retried with exponential
 *   backoff and full jitter, honouring `Retry-After` (seconds or HTTP date,
 *   capped by `maxDelayMillis`).
 * - GET, PUT and DELETE are idempotent and retried. POST is retried only when
 *   the request cannot have reached the server (the connection was refused),
 *   so a retry never creates a second session.
 *
 * @since 0.1.0
 */
import { Duration, Effect } from "effect"
import { HttpClient, HttpClientError, type HttpClientRequest, type HttpClientResponse } from "effect/http"
import { Timeout } from "./Errors.ts"

/**
 * @category models
 * @since 0.1.0
 */
export interface RetryOptions {
  /** Retries after the first attempt; default 3. */
  readonly retries: number
  /** The first backoff; default 200 ms. */
  readonly baseDelayMillis: number
  /** No wait is longer; default 10 s. */
  readonly maxDelayMillis: number
  /** Per attempt; default 30 s. */
  readonly timeoutMillis: number
}

/**
 * @category constants
 * @since 0.1.0
 */
export const defaultRetryOptions: RetryOptions = {
  retries: 3,
  baseDelayMillis: 200,
  maxDelayMillis: 10_000,
  timeoutMillis: 30_000
}

/**
 * Whether an answer with this status is worth another attempt.
 *
 * @category retries
 * @since 0.1.0
 */
export const isRetryableStatus = (status: number) => status === 429 || (status >= 500 && status <= 599)

/**
 * The wait a `Retry-After` header asks for, in milliseconds.
 *
 * @category retries
 * @since 0.1.0
 */
export const retryAfterMillis = (header: string | undefined, now = Date.now()): number | undefined => {
  if (header === undefined || header.trim() === "") return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

// A failure that happened before anything was sent: safe to retry even a POST.
const neverSent = (error: HttpClientError.HttpClientError): boolean => {
  let cause: unknown = error.reason.cause
  for (let depth = 0; depth < 5 && cause !== undefined && cause !== null; depth++) {
    const code = (cause as { code?: unknown }).code
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN") return true
    cause = (cause as { cause?: unknown }).cause
  }
  return false
}

/**
 * The backoff before retry `attempt` (1-based): full jitter over
 * `base · 2^(attempt-1)`, at most `max`.
 *
 * @category retries
 * @since 0.1.0
 */
export const backoffMillis = (attempt: number, options: RetryOptions, random = Math.random) =>
  Math.min(options.maxDelayMillis, options.baseDelayMillis * 2 ** (attempt - 1)) * random()

/**
 * Wraps an `HttpClient` with timeouts and retries.
 *
 * @category combinators
 * @since 0.1.0
 */
export const withRetries = (options: RetryOptions = defaultRetryOptions) =>
  HttpClient.transform((
    effect: Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>,
    request: HttpClientRequest.HttpClientRequest
  ) => {
    const idempotent = request.method !== "POST"
    // A timeout travels as a transport error whose cause is a `Timeout`: an HttpClient fails with HttpClientError.
    const timedOut = () =>
      new HttpClientError.HttpClientError({
        reason: new HttpClientError.TransportError({
          request,
          cause: new Timeout({ timeoutMillis: options.timeoutMillis }),
          description: `No answer within ${options.timeoutMillis} ms`
        })
      })
    const attempt = Effect.timeoutOrElse(effect, {
      duration: Duration.millis(options.timeoutMillis),
      orElse: () => Effect.fail(timedOut())
    })
    // The last 429 fails with its response, so the caller still sees its Retry-After.
    const rateLimited = (response: HttpClientResponse.HttpClientResponse) =>
      Effect.fail(
        new HttpClientError.HttpClientError({
          reason: new HttpClientError.StatusCodeError({ request, response, description: "Too many requests" })
        })
      )
    const loop = (n: number): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> =>
      Effect.matchEffect(attempt, {
        onSuccess: (response) => {
          if (n >= options.retries || !isRetryableStatus(response.status) || !idempotent) {
            return response.status === 429 ? rateLimited(response) : Effect.succeed(response)
          }
          const asked = retryAfterMillis(response.headers["retry-after"])
          const wait = Math.min(options.maxDelayMillis, asked ?? backoffMillis(n + 1, options))
          return Effect.flatMap(Effect.sleep(Duration.millis(wait)), () => loop(n + 1))
        },
        onFailure: (error) => {
          const retryable = n < options.retries && (idempotent || neverSent(error))
          if (!retryable) return Effect.fail(error)
          return Effect.flatMap(Effect.sleep(Duration.millis(backoffMillis(n + 1, options))), () => loop(n + 1))
        }
      })
    return loop(0)
  })
