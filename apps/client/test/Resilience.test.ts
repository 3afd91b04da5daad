import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Fiber } from "effect"
import { HttpClient, HttpClientError, type HttpClientRequest, HttpClientResponse } from "effect/http"
import { TestClock } from "effect/testing"
import { Timeout } from "../src/Errors.ts"
import * as Resilience from "../src/Resilience.ts"

// A transport that answers every attempt with `answer` and records the methods it saw: the policy's timing is
// checked on the TestClock, with no network in between (the HTTP behaviour is in Client.test.ts).
const transport = (answer: (request: HttpClientRequest.HttpClientRequest) => Effect.Effect<Response, unknown>) => {
  const attempts: Array<string> = []
  const client = HttpClient.make((request) => {
    attempts.push(request.method)
    return Effect.map(
      Effect.mapError(answer(request), (cause) =>
        new HttpClientError.HttpClientError({ reason: new HttpClientError.TransportError({ request, cause }) })),
      (response) => HttpClientResponse.fromWeb(request, response)
    )
  })
  return { attempts, client }
}

const options = { retries: 3, baseDelayMillis: 100, maxDelayMillis: 250, timeoutMillis: 1000 }

// Moves the clock and lets the retried fiber run its next attempt.
const advance = (millis: number) => Effect.andThen(TestClock.adjust(millis), Effect.yieldNow)

describe("the retry policy on the TestClock", () => {
  it.effect("waits what Retry-After asks, capped by maxDelayMillis, then fails with the last answer", () =>
    Effect.gen(function*() {
      const { attempts, client } = transport(() =>
        Effect.succeed(new Response(null, { status: 503, headers: { "retry-after": "5" } }))
      )
      const retried = Resilience.withRetries({ ...options, retries: 2, maxDelayMillis: 2000 })(client)
      const fiber = yield* Effect.forkChild(retried.get("http://api.test/checkout/sessions/x"))
      yield* Effect.yieldNow
      assert.strictEqual(attempts.length, 1)
      yield* advance(1999)
      assert.strictEqual(attempts.length, 1)
      yield* advance(1)
      assert.strictEqual(attempts.length, 2)
      yield* advance(2000)
      assert.strictEqual(attempts.length, 3)
      const exit = yield* Fiber.await(fiber)
      assert.isTrue(Exit.isFailure(exit))
      const error = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
      const failure = error?._tag === "Fail" ? error.error : undefined
      assert.instanceOf(failure, HttpClientError.HttpClientError)
      assert.strictEqual((failure as HttpClientError.HttpClientError).response?.status, 503)
    }))

  it.effect("without Retry-After: jittered exponential backoff, each wait at most base · 2^(n-1) and maxDelayMillis", () =>
    Effect.gen(function*() {
      const { attempts, client } = transport(() => Effect.succeed(new Response(null, { status: 429 })))
      const fiber = yield* Effect.forkChild(Resilience.withRetries(options)(client).get("http://api.test/x"))
      yield* Effect.yieldNow
      // Waits ≤ 100, ≤ 200, then ≤ 250 (400 capped): by those times at least that many attempts were made.
      for (const [wait, expected] of [[100, 2], [200, 3], [250, 4]] as const) {
        yield* advance(wait)
        assert.isAtLeast(attempts.length, expected)
      }
      assert.strictEqual(attempts.length, 4)
      assert.isTrue(Exit.isFailure(yield* Fiber.await(fiber)))
    }))

  it.effect("never retries a POST that may have reached the server; retries one refused before it was sent", () =>
    Effect.gen(function*() {
      const answered = transport(() => Effect.succeed(new Response(null, { status: 502 })))
      const once = yield* Effect.exit(Resilience.withRetries(options)(answered.client).post("http://api.test/x"))
      assert.isTrue(Exit.isFailure(once))
      assert.deepStrictEqual(answered.attempts, ["POST"])

      const refused = transport(() => Effect.fail({ code: "ECONNREFUSED" }))
      const fiber = yield* Effect.forkChild(Resilience.withRetries(options)(refused.client).post("http://api.test/x"))
      for (let i = 0; i < 3; i++) yield* advance(250)
      assert.isTrue(Exit.isFailure(yield* Fiber.await(fiber)))
      assert.deepStrictEqual(refused.attempts, ["POST", "POST", "POST", "POST"])
    }))

  it.effect("times out each attempt: a GET is tried again, a POST is not; the failure's cause is a Timeout", () =>
    Effect.gen(function*() {
      const silent = transport(() => Effect.never)
      const retried = Resilience.withRetries({ ...options, retries: 1 })(silent.client)
      const get = yield* Effect.forkChild(retried.get("http://api.test/x"))
      yield* advance(1000)
      yield* advance(100)
      assert.deepStrictEqual(silent.attempts, ["GET", "GET"])
      yield* advance(1000)
      const exit = yield* Fiber.await(get)
      const reason = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
      const failure = reason?._tag === "Fail" ? reason.error as HttpClientError.HttpClientError : undefined
      assert.instanceOf(failure?.reason.cause, Timeout)

      const post = yield* Effect.forkChild(retried.post("http://api.test/x"))
      yield* advance(1000)
      assert.isTrue(Exit.isFailure(yield* Fiber.await(post)))
      assert.deepStrictEqual(silent.attempts, ["GET", "GET", "POST"])
    }))
})

describe("Retry-After", () => {
  it("reads seconds and HTTP dates; anything else is absent", () => {
    const now = Date.parse("2026-01-01T00:00:00Z")
    assert.strictEqual(Resilience.retryAfterMillis("2", now), 2000)
    assert.strictEqual(Resilience.retryAfterMillis("Thu, 01 Jan 2026 00:00:03 GMT", now), 3000)
    assert.isUndefined(Resilience.retryAfterMillis("soon", now))
    assert.isUndefined(Resilience.retryAfterMillis(undefined, now))
  })
})
