/**
 * Timeouts and retries around every HTTP call: the client's retry policy, a
 * `Schedule` run by `HttpClient.retry`.
 *
 * - Each attempt has a timeout (`timeoutMillis`).
 * - What `HttpClient` deems transient is retried, at most `retries` times:
 *   answers 408, 429, 500, 502, 503 and 504 (`HttpClient.isTransientResponse`),
 *   network failures and timed-out attempts (`HttpClient.isTransientError`).
 * - The wait before retry `n` is full jitter over `base · 2^(n-1)`, or what
 *   `Retry-After` asks (seconds or HTTP date), and never more than
 *   `maxDelayMillis`. (`HttpClient.retryTransient` takes `Retry-After` as the
 *   least wait and cannot cap it, so the policy reads it itself.)
 * - GET, PUT and DELETE are idempotent and retried. POST is retried only when
 *   the request cannot have reached the server (the connection was refused),
 *   so a retry never creates a second session.
 * - A transient answer still there after the retries fails as an
 *   `HttpClientError` `StatusCodeError` with its response (its body and its
 *   `Retry-After` for the caller).
 *
 * @since 0.1.0
 */
import { Duration, Effect, Random, Result, Schedule } from "effect"
import { Headers, HttpClient, HttpClientError, type HttpClientRequest } from "effect/http"
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
 * The wait a `Retry-After` header asks for, in milliseconds (RFC 9110
 * §10.2.3: seconds or an HTTP date, read with `Headers.parseRetryAfter`).
 *
 * @category retries
 * @since 0.1.0
 */
export const retryAfterMillis = (header: string | undefined, now = Date.now()): number | undefined => {
  if (header === undefined) return undefined
  const parsed = Headers.parseRetryAfter(header)
  return Result.isSuccess(parsed) ? Duration.toMillis(Headers.retryAfterDelay(parsed.success, now)) : undefined
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
 * The retry policy, given each failed attempt: exponential backoff from
 * `baseDelayMillis` with full jitter, or the answer's `Retry-After`, each
 * wait at most `maxDelayMillis`; it stops for a POST that may have reached
 * the server.
 *
 * @category retries
 * @since 0.2.0
 */
export const policy = (
  options: RetryOptions
): Schedule.Schedule<Duration.Duration, HttpClientError.HttpClientError> =>
  Schedule.exponential(Duration.millis(options.baseDelayMillis)).pipe(
    Schedule.setInputType<HttpClientError.HttpClientError>(),
    Schedule.modifyDelay(({ duration, input, now }) => {
      const asked = retryAfterMillis(input.response?.headers["retry-after"], now)
      if (asked !== undefined) return Effect.succeed(Math.min(options.maxDelayMillis, asked))
      return Effect.map(Random.next, (random) => Math.min(options.maxDelayMillis, Duration.toMillis(duration)) * random)
    }),
    Schedule.while(({ input }) => input.request.method !== "POST" || neverSent(input))
  )

/**
 * Wraps an `HttpClient` with the per-attempt timeout and the retry policy.
 *
 * @category combinators
 * @since 0.1.0
 */
export const withRetries = (options: RetryOptions = defaultRetryOptions) => (client: HttpClient.HttpClient) =>
  client.pipe(
    HttpClient.transform((effect, request) =>
      Effect.timeoutOrElse(effect, {
        duration: Duration.millis(options.timeoutMillis),
        orElse: () => Effect.fail(timedOut(request, options.timeoutMillis))
      })
    ),
    // A transient answer fails as a status error, so one policy sees answers and failures alike.
    HttpClient.transformResponse(Effect.flatMap((response) =>
      HttpClient.isTransientResponse(response)
        ? Effect.fail(
          new HttpClientError.HttpClientError({
            reason: new HttpClientError.StatusCodeError({ request: response.request, response })
          })
        )
        : Effect.succeed(response)
    )),
    HttpClient.retry({ schedule: policy(options), times: options.retries, while: HttpClient.isTransientError })
  )

// A timeout travels as a transport error whose cause is a `Timeout`: an HttpClient fails with HttpClientError.
const timedOut = (request: HttpClientRequest.HttpClientRequest, timeoutMillis: number) =>
  new HttpClientError.HttpClientError({
    reason: new HttpClientError.TransportError({
      request,
      cause: new Timeout({ timeoutMillis }),
      description: `No answer within ${timeoutMillis} ms`
    })
  })
