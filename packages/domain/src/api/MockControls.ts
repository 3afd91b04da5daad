/**
 * The mock server's test controls (`/_mock/*`): read and move its clocks (one
 * per merchant account: the clock calls act on the clock of the account in
 * `x-gr4vy-merchant-account-id`, `default` without it), read its request
 * journal (also live, as server-sent events), list its sessions, reset its
 * state, and its inspector page. They are no part of Gr4vy's API; they
 * are in the contract so `/openapi.json` and `/docs` describe them and a client
 * calls them typed. A server serves them only where its test controls are on.
 *
 * @since 0.2.0
 */
import { Schema, SchemaTransformation } from "effect"
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "effect/http-api"
import { strictOptions } from "../StrictDecoder.ts"
import { CheckoutSession } from "../CheckoutSession.ts"
import { BadRequest, NotFound } from "../Errors.ts"
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
 * One request the mock answered, in the journal's list: what, when, for whom,
 * with what outcome (never a body, a header, a token or card data).
 * `operation` is the contract's name of the endpoint (`null`: no route took
 * the request); `forced_status` and `delay_ms` are what a `Prefer` header
 * forced (`null`: nothing).
 *
 * @category schemas
 * @since 0.2.0
 */
export const JournalEntry = Schema.Struct({
  id: Schema.Int,
  method: Schema.String,
  path: Schema.String,
  operation: Schema.NullOr(Schema.String),
  status: Schema.Int,
  merchant_account_id: Schema.String,
  time: Schema.String.annotate({ format: "date-time" }),
  duration_ms: Schema.Finite,
  forced_status: Schema.NullOr(Schema.Int),
  delay_ms: Schema.NullOr(Schema.Finite)
})

/**
 * The claims of a request's bearer token as the journal shows them: decoded,
 * not verified (the status says whether the server accepted it); the token
 * itself is never shown.
 *
 * @category schemas
 * @since 0.2.0
 */
export const JournalToken = Schema.Struct({
  alg: Schema.NullOr(Schema.String),
  kid: Schema.NullOr(Schema.String),
  scopes: Schema.Unknown,
  checkout_session_id: Schema.Unknown,
  expires_at: Schema.NullOr(Schema.String.annotate({ format: "date-time" })),
  issued_at: Schema.NullOr(Schema.String.annotate({ format: "date-time" }))
})

/**
 * One request in full, as `GET /_mock/requests/{request_id}` answers it: the
 * headers with `authorization` redacted and its token's claims decoded, the
 * bodies parsed when they are JSON — card numbers reduced to BIN and last
 * four, security codes removed.
 *
 * @category schemas
 * @since 0.2.0
 */
export const JournalEntryDetail = Schema.Struct({
  ...JournalEntry.fields,
  request: Schema.Struct({
    headers: Schema.Record(Schema.String, Schema.String),
    token: Schema.NullOr(JournalToken),
    body: Schema.Unknown
  }),
  response: Schema.Struct({
    headers: Schema.Record(Schema.String, Schema.String),
    body: Schema.Unknown
  })
})

/**
 * The answer of `GET /_mock/requests`: the recent requests, oldest first.
 *
 * @category schemas
 * @since 0.2.0
 */
export const RequestJournal = Schema.Struct({ items: Schema.Array(JournalEntry) })

/**
 * The most sessions one page of `GET /_mock/sessions` holds.
 *
 * @category constants
 * @since 0.2.0
 */
export const maxSessionPage = 100

// A page's `limit` in a control's query: digits, decoded to an integer from 1 to `max`.
const pageLimit = (what: string, max: number) =>
  Schema.optionalKey(
    Schema.String.check(Schema.isPattern(/^[0-9]+$/)).annotate({
      description: `${what} per page, 1 to ${max} (default 20).`
    }).pipe(
      Schema.decodeTo(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: max })), SchemaTransformation.numberFromString)
    )
  )

// A page's `cursor` in a control's query.
const pageCursor = Schema.optionalKey(Schema.String.annotate({ description: "The `next_cursor` of the previous page." }))

/**
 * The query of `GET /_mock/sessions`: `limit` is decoded to an integer from 1
 * to `maxSessionPage`.
 *
 * @category schemas
 * @since 0.2.0
 */
export const SessionListQuery = Schema.Struct({
  merchant_account_id: Schema.optionalKey(Schema.String.annotate({ description: "Only this merchant account's sessions." })),
  limit: pageLimit("Sessions", maxSessionPage),
  cursor: pageCursor
})

/**
 * One stored session in `GET /_mock/sessions`: its merchant account, when it
 * was created (by the mock's clock) and its current wire JSON.
 *
 * @category schemas
 * @since 0.2.0
 */
export const StoredSessionItem = Schema.Struct({
  merchant_account_id: Schema.String,
  created_at: Schema.NullOr(Schema.String.annotate({ format: "date-time" })),
  session: CheckoutSession
})

/**
 * The answer of `GET /_mock/sessions`: live sessions, newest first, and the
 * cursor of the next page (`null` on the last).
 *
 * @category schemas
 * @since 0.2.0
 */
export const SessionList = Schema.Struct({
  items: Schema.Array(StoredSessionItem),
  next_cursor: Schema.NullOr(Schema.String)
})

/**
 * The most resources one page of `GET /_mock/resources` holds.
 *
 * @category constants
 * @since 0.3.0
 */
export const maxResourcePage = 100

/**
 * The query of `GET /_mock/resources`: `limit` is decoded to an integer from
 * 1 to `maxResourcePage`.
 *
 * @category schemas
 * @since 0.3.0
 */
export const ResourceListQuery = Schema.Struct({
  kind: Schema.optionalKey(
    Schema.String.annotate({ description: "Only resources of this kind (`buyer`, `payment-method`, `merchant-account`, …)." })
  ),
  merchant_account_id: Schema.optionalKey(
    Schema.String.annotate({ description: "Only this merchant account's resources (merchant accounts themselves: `@admin`)." })
  ),
  limit: pageLimit("Resources", maxResourcePage),
  cursor: pageCursor
})

/**
 * One stored payment resource in `GET /_mock/resources`: its kind, merchant
 * account and id, when it was created and last updated (by the mock's
 * clock), and its wire JSON as the API answers it.
 *
 * @category schemas
 * @since 0.3.0
 */
export const StoredResourceItem = Schema.Struct({
  kind: Schema.String,
  merchant_account_id: Schema.String,
  id: Schema.String,
  created_at: Schema.String.annotate({ format: "date-time" }),
  updated_at: Schema.String.annotate({ format: "date-time" }),
  resource: Schema.Record(Schema.String, Schema.Unknown)
})

/**
 * The answer of `GET /_mock/resources`: stored payment resources of every
 * kind, newest first, and the cursor of the next page (`null` on the last).
 *
 * @category schemas
 * @since 0.3.0
 */
export const ResourceList = Schema.Struct({
  items: Schema.Array(StoredResourceItem),
  next_cursor: Schema.NullOr(Schema.String)
})

/**
 * The answer of `POST /_mock/reset`.
 *
 * @category schemas
 * @since 0.2.0
 */
export const ResetDone = Schema.Struct({ reset: Schema.Literal(true) })

/**
 * `clock`, `advanceClock`, `requests`, `request`, `events`, `sessions`, `resources`, `reset` and `inspector`.
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
    HttpApiEndpoint.get("request", "/_mock/requests/:request_id", {
      params: { request_id: Schema.String.annotate({ description: "The `id` of a journal entry." }) },
      success: JournalEntryDetail,
      error: NotFound
    }).annotateMerge(OpenApi.annotations({
      summary: "Read one request in full: headers (token redacted, claims decoded), bodies (card data redacted)"
    })),
    HttpApiEndpoint.get("events", "/_mock/events", {
      success: Schema.String.pipe(HttpApiSchema.asText({ contentType: "text/event-stream" }))
    }).annotateMerge(OpenApi.annotations({
      summary: "The journal live, as server-sent events",
      description: "`request` events carry a journal entry (as in `/_mock/requests`) as each request is answered; " +
        "`reset` and `clock` events follow those controls."
    })),
    HttpApiEndpoint.get("sessions", "/_mock/sessions", { query: SessionListQuery, success: SessionList, error: BadRequest })
      .annotateMerge(OpenApi.annotations({ summary: "List the stored sessions, newest first, a page at a time" })),
    HttpApiEndpoint.get("resources", "/_mock/resources", { query: ResourceListQuery, success: ResourceList, error: BadRequest })
      .annotateMerge(OpenApi.annotations({
        summary: "List the stored payment resources of every kind (or one), newest first, a page at a time"
      })),
    HttpApiEndpoint.post("reset", "/_mock/reset", { success: ResetDone })
      .annotateMerge(OpenApi.annotations({ summary: "Reset the mock: sessions, journal and every clock" })),
    HttpApiEndpoint.get("inspector", "/_mock/ui", {
      success: Schema.String.pipe(HttpApiSchema.asText({ contentType: "text/html" }))
    }).annotateMerge(OpenApi.annotations({
      summary: "The inspector: a page showing the mock's requests, sessions and payment resources live"
    }))
  )
  // Bodies are decoded strictly (StrictDecoder's `strictOptions`): unknown keys refused, every invalid field reported.
  .annotate(HttpApi.PayloadParseOptions, strictOptions)
  .annotateMerge(OpenApi.annotations({
    title: "Mock test controls",
    description: "The mock server's test controls; no part of Gr4vy's API. Served only where they are on."
  }))
{}
