/**
 * The `/_mock/` test controls, the contract's `mockControls` group: read and
 * move a merchant account's clock (the account the request names in
 * `x-gr4vy-merchant-account-id`, `default` without it), read the request
 * journal, reset all state. Served only
 * where the test controls are on (`Server.routes`).
 *
 * @since 0.1.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { AdvanceClock } from "@checkout-kit/domain/api/MockControls"
import { errorDetailTypes } from "@checkout-kit/domain/Errors"
import * as StrictDecoder from "@checkout-kit/domain/StrictDecoder"
import { DateTime, Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { ApiError } from "./ApiError.ts"
import { merchantAccountOf } from "./Authorization.ts"
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
      .handleRaw("clock", ({ request }) =>
        Effect.map(clock.read(merchantAccountOf(request)), ({ now, offsetSeconds }) =>
          Responses.json(JSON.stringify({ now: iso(now), offset_seconds: offsetSeconds }))))
      .handleRaw("advanceClock", ({ request }) =>
        Effect.gen(function*() {
          const merchantAccountId = merchantAccountOf(request)
          const text = yield* Effect.orElseSucceed(request.text, () => "")
          let body: unknown
          try {
            body = JSON.parse(text)
          } catch {
            return Responses.fromApiError(ApiError.invalidJson())
          }
          const decoded = advanceClock.decode(body)
          if (decoded._tag === "Failure") return Responses.fromApiError(ApiError.invalid(decoded.failure))
          const { advance_seconds, offset_seconds, time } = decoded.success
          const given = [advance_seconds, offset_seconds, time].filter((value) => value !== undefined).length
          if (given !== 1) {
            const message = "Give exactly one of advance_seconds, offset_seconds and time"
            return Responses.fromApiError(
              ApiError.of(400, message, [{ location: "body", pointer: "", message, type: errorDetailTypes.required }])
            )
          }
          const moved = yield* Effect.result(
            advance_seconds !== undefined
              ? clock.advance(merchantAccountId, advance_seconds)
              : time !== undefined
              ? clock.setTime(merchantAccountId, DateTime.toEpochMillis(time))
              : clock.setOffset(merchantAccountId, offset_seconds ?? 0)
          )
          if (moved._tag === "Failure" && moved.failure._tag === "ClockBeforeRealTime") {
            const message = `The clock may not read a time before real time (${iso(moved.failure.realNow)}); ` +
              `offset_seconds 0 sets it back to real time`
            return Responses.fromApiError(
              ApiError.of(400, message, [{ location: "body", pointer: "/time", message, type: errorDetailTypes.minimum }])
            )
          }
          if (moved._tag === "Failure" && moved.failure._tag === "ClockAdvanceTooFar") {
            const message = `The clock may move at most ${maxAdvanceSeconds} seconds (ten years) ahead of real time; ` +
              `${moved.failure.remainingSeconds} remain until POST /_mock/reset`
            const pointer = advance_seconds !== undefined ? "/advance_seconds" : time !== undefined ? "/time" : "/offset_seconds"
            return Responses.fromApiError(
              ApiError.of(400, message, [{ location: "body", pointer, message, type: errorDetailTypes.maximum }])
            )
          }
          if (moved._tag === "Failure") return yield* Effect.die(moved.failure)
          const purged = yield* store.purgeExpired(moved.success, merchantAccountId)
          const { offsetSeconds } = yield* clock.read(merchantAccountId)
          return Responses.json(
            JSON.stringify({ now: iso(moved.success), offset_seconds: offsetSeconds, purged_sessions: purged })
          )
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
