/**
 * The `/_mock/` test controls, the contract's `mockControls` group: read and
 * move the clock, read the request journal, reset all state. Served only
 * where the test controls are on (`Server.routes`).
 *
 * @since 0.1.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { AdvanceClock } from "@checkout-kit/domain/api/MockControls"
import { errorDetailTypes } from "@checkout-kit/domain/Errors"
import * as StrictDecoder from "@checkout-kit/domain/StrictDecoder"
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { ApiError } from "./ApiError.ts"
import { Journal } from "./Journal.ts"
import { maxAdvanceSeconds, MockClock } from "./MockClock.ts"
import * as Responses from "./Responses.ts"
import { SessionStore } from "./SessionStore.ts"

/**
 * The body of `POST /_mock/clock` (the contract's schema).
 *
 * @category schemas
 * @since 0.1.0
 */
export { AdvanceClock }

const advanceClock = StrictDecoder.make(AdvanceClock)

const iso = (millis: number) => new Date(millis).toISOString()

/**
 * The group's handlers. Bodies are read raw and decoded strictly (unknown keys
 * refused, every invalid field named), as the session calls do.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = HttpApiBuilder.group(Api, "mockControls", (handlers) =>
  Effect.gen(function*() {
    const clock = yield* MockClock
    const store = yield* SessionStore
    const journal = yield* Journal
    return handlers
      .handleRaw("clock", () =>
        Effect.map(clock.read, ({ now, offsetSeconds }) =>
          Responses.json(JSON.stringify({ now: iso(now), offset_seconds: offsetSeconds }))))
      .handleRaw("advanceClock", ({ request }) =>
        Effect.gen(function*() {
          const text = yield* Effect.orElseSucceed(request.text, () => "")
          let body: unknown
          try {
            body = JSON.parse(text)
          } catch {
            return Responses.fromApiError(ApiError.invalidJson())
          }
          const decoded = advanceClock.decode(body)
          if (decoded._tag === "Failure") return Responses.fromApiError(ApiError.invalid(decoded.failure))
          const moved = yield* Effect.result(clock.advance(decoded.success.advance_seconds))
          if (moved._tag === "Failure") {
            const message = `The clock may move at most ${maxAdvanceSeconds} seconds (ten years) ahead of real time; ` +
              `${moved.failure.remainingSeconds} remain until POST /_mock/reset`
            return Responses.fromApiError(
              ApiError.of(400, message, [
                { location: "body", pointer: "/advance_seconds", message, type: errorDetailTypes.maximum }
              ])
            )
          }
          const purged = yield* store.purgeExpired(moved.success)
          return Responses.json(JSON.stringify({ now: iso(moved.success), purged_sessions: purged }))
        }))
      .handleRaw("requests", () =>
        Effect.map(journal.entries, (entries) => Responses.json(JSON.stringify({ items: entries }))))
      .handleRaw("reset", () =>
        Effect.gen(function*() {
          yield* store.clear
          yield* journal.clear
          yield* clock.reset
          return Responses.json(JSON.stringify({ reset: true }))
        }))
  }))
