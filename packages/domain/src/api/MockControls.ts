/**
 * The mock server's test controls (`/_mock/*`): read and move its clocks (one
 * per merchant account: the calls act on the clock of the account in
 * `x-gr4vy-merchant-account-id`, `default` without it), read its request
 * journal, reset its state. They are no part of Gr4vy's API; they
 * are in the contract so `/openapi.json` and `/docs` describe them and a client
 * calls them typed. A server serves them only where its test controls are on.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import { BadRequest } from "../Errors.ts"
import { DateTimeUtc } from "../Primitives.ts"

/**
 * How far the mock's time may be moved ahead of real time, in total and in
 * one move: ten years (365-day years). Dates stay valid and expiry arithmetic
 * exact.
 *
 * @category constants
 * @since 0.2.0
 */
export const maxAdvanceSeconds = 315_360_000

const seconds = Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: maxAdvanceSeconds }))

/**
 * The body of `POST /_mock/clock`, exactly one of: `advance_seconds`, seconds
 * to move the merchant account's time forward; `offset_seconds`, how far its
 * time is to be ahead of real time (`0`: back to real time); `time`, the
 * absolute time it is to read (not before real time). An account's time is
 * never behind real time nor more than ten years ahead of it.
 *
 * @category schemas
 * @since 0.2.0
 */
export const AdvanceClock = Schema.Struct({
  advance_seconds: Schema.optionalKey(seconds),
  offset_seconds: Schema.optionalKey(seconds),
  time: Schema.optionalKey(DateTimeUtc)
})

/**
 * The answer of `POST /_mock/clock`: the merchant account's new time, how far
 * it is ahead of real time, and how many of the account's sessions the move
 * expired and purged.
 *
 * @category schemas
 * @since 0.2.0
 */
export const ClockAdvanced = Schema.Struct({
  now: Schema.String.annotate({ format: "date-time" }),
  offset_seconds: Schema.Finite,
  purged_sessions: Schema.Int
})

/**
 * The answer of `GET /_mock/clock`: the merchant account's time and how far
 * it is ahead of real time.
 *
 * @category schemas
 * @since 0.2.0
 */
export const MockClockState = Schema.Struct({
  now: Schema.String.annotate({ format: "date-time" }),
  offset_seconds: Schema.Finite
})

/**
 * One request the mock answered (never a body, a header, a token or card data).
 *
 * @category schemas
 * @since 0.2.0
 */
export const JournalEntry = Schema.Struct({
  method: Schema.String,
  path: Schema.String,
  status: Schema.Int,
  merchant_account_id: Schema.String,
  time: Schema.String.annotate({ format: "date-time" }),
  duration_ms: Schema.Finite
})

/**
 * The answer of `GET /_mock/requests`: the recent requests, oldest first.
 *
 * @category schemas
 * @since 0.2.0
 */
export const RequestJournal = Schema.Struct({ items: Schema.Array(JournalEntry) })

/**
 * The answer of `POST /_mock/reset`.
 *
 * @category schemas
 * @since 0.2.0
 */
export const ResetDone = Schema.Struct({ reset: Schema.Literal(true) })

/**
 * `clock`, `advanceClock`, `requests` and `reset`.
 *
 * @category groups
 * @since 0.2.0
 */
export class MockControlsGroup extends HttpApiGroup.make("mockControls")
  .add(
    HttpApiEndpoint.get("clock", "/_mock/clock", { success: MockClockState })
      .annotateMerge(OpenApi.annotations({ summary: "Read the merchant account's clock" })),
    HttpApiEndpoint.post("advanceClock", "/_mock/clock", {
      payload: AdvanceClock,
      success: ClockAdvanced,
      error: BadRequest
    }).annotateMerge(OpenApi.annotations({
      summary: "Move or set the merchant account's clock; purges the account's expired sessions"
    })),
    HttpApiEndpoint.get("requests", "/_mock/requests", { success: RequestJournal })
      .annotateMerge(OpenApi.annotations({ summary: "Read the mock's recent requests" })),
    HttpApiEndpoint.post("reset", "/_mock/reset", { success: ResetDone })
      .annotateMerge(OpenApi.annotations({ summary: "Reset the mock: sessions, journal and every clock" }))
  )
  .annotateMerge(OpenApi.annotations({
    title: "Mock test controls",
    description: "The mock server's test controls; no part of Gr4vy's API. Served only where they are on."
  }))
{}
