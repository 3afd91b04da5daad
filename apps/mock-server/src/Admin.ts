/**
 * The `/_mock/` test controls: move the clock, read the request journal,
 * reset all state. Disabled with `--no-admin`.
 *
 * @since 0.1.0
 */
import { Effect, Layer, Schema } from "effect"
import { HttpRouter, HttpServerRequest } from "effect/http"
import { errorDetailTypes } from "@checkout-kit/domain/Errors"
import * as StrictDecoder from "@checkout-kit/domain/StrictDecoder"
import { validationMessage } from "@checkout-kit/domain/Validation"
import { Journal } from "./Journal.ts"
import { maxAdvanceSeconds, MockClock } from "./MockClock.ts"
import * as Responses from "./Responses.ts"
import { SessionStore } from "./SessionStore.ts"

/**
 * The body of `POST /_mock/clock`: seconds to move the server's time forward
 * (at most ten years at once, and ten years ahead of real time in all).
 *
 * @category schemas
 * @since 0.1.0
 */
export const AdvanceClock = Schema.Struct({
  advance_seconds: Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: maxAdvanceSeconds }))
})

const advanceClock = StrictDecoder.make(AdvanceClock)

/**
 * The admin routes.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = Layer.mergeAll(
  HttpRouter.add(
    "POST",
    "/_mock/clock",
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const clock = yield* MockClock
      const store = yield* SessionStore
      const text = yield* Effect.orElseSucceed(request.text, () => "")
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch {
        return Responses.error(400, "The request body is not valid JSON", [
          { location: "body", pointer: "", message: "Invalid JSON", type: errorDetailTypes.json }
        ])
      }
      const decoded = advanceClock.decode(body)
      if (decoded._tag === "Failure") return Responses.error(400, validationMessage(decoded.failure), decoded.failure)
      const moved = yield* Effect.result(clock.advance(decoded.success.advance_seconds))
      if (moved._tag === "Failure") {
        const message = `The clock may move at most ${maxAdvanceSeconds} seconds (ten years) ahead of real time; ` +
          `${moved.failure.remainingSeconds} remain until POST /_mock/reset`
        return Responses.error(400, message, [
          { location: "body", pointer: "/advance_seconds", message, type: errorDetailTypes.maximum }
        ])
      }
      const now = moved.success
      const purged = yield* store.purgeExpired(now)
      return Responses.json(JSON.stringify({ now: new Date(now).toISOString(), purged_sessions: purged }))
    })
  ),
  HttpRouter.add(
    "GET",
    "/_mock/requests",
    Effect.gen(function*() {
      const journal = yield* Journal
      const entries = yield* journal.entries
      return Responses.json(JSON.stringify({ items: entries }))
    })
  ),
  HttpRouter.add(
    "POST",
    "/_mock/reset",
    Effect.gen(function*() {
      const store = yield* SessionStore
      const journal = yield* Journal
      const clock = yield* MockClock
      yield* store.clear
      yield* journal.clear
      yield* clock.reset
      return Responses.json(JSON.stringify({ reset: true }))
    })
  )
)
