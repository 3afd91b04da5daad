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
import { WebhookEventName } from "../WebhookEvent.ts"

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

const dateTime = Schema.String.annotate({ format: "date-time" })

/**
 * A webhook subscription in `GET /_mock/webhooks`: given at start
 * (`--webhook`, source `flag`) or added at run time (`runtime`). Its secrets
 * are never shown: `secret_count` says how many sign each delivery.
 *
 * @category schemas
 * @since 0.4.0
 */
export const WebhookSubscription = Schema.Struct({
  id: Schema.String,
  url: Schema.String,
  source: Schema.Literals(["flag", "runtime"]),
  created_at: dateTime,
  secret_count: Schema.Int
})

/**
 * The answer of `GET /_mock/webhooks`: the subscriptions in force, oldest first.
 *
 * @category schemas
 * @since 0.4.0
 */
export const WebhookSubscriptionList = Schema.Struct({ items: Schema.Array(WebhookSubscription) })

/**
 * The body of `POST /_mock/webhooks`: where to POST every event from now
 * on, and the secrets that sign them (default: the server's
 * `--webhook-secret` list). The mock POSTs wherever it is told: see the
 * README on a host beyond loopback.
 *
 * @category schemas
 * @since 0.4.0
 */
export const AddWebhookSubscription = Schema.Struct({
  url: Schema.String.annotate({ description: "An absolute http or https URL." }),
  secrets: Schema.optionalKey(Schema.Array(Schema.String.check(Schema.isMinLength(1))))
})

/**
 * One attempt at a webhook delivery: when (the merchant account's clock),
 * the receiver's status (`null`: no answer), how long it took, the start of
 * its answer, and why there was no answer (`null`: there was one).
 *
 * @category schemas
 * @since 0.4.0
 */
export const WebhookAttempt = Schema.Struct({
  at: dateTime,
  status_code: Schema.NullOr(Schema.Int),
  latency_ms: Schema.Finite,
  response_excerpt: Schema.String,
  error: Schema.NullOr(Schema.String)
})

/**
 * One delivery of an event to a subscription in `GET
 * /_mock/webhooks/deliveries`: `id` is the `X-Gr4vy-Webhook-ID` of every
 * attempt; `next_attempt_at` is `null` once delivered or failed.
 *
 * @category schemas
 * @since 0.4.0
 */
export const WebhookDelivery = Schema.Struct({
  id: Schema.String,
  subscription_id: Schema.String,
  url: Schema.String,
  event: Schema.Struct({
    id: Schema.String,
    name: WebhookEventName,
    merchant_account_id: Schema.String,
    created_at: dateTime
  }),
  status: Schema.Literals(["pending", "delivered", "failed"]),
  next_attempt_at: Schema.NullOr(dateTime),
  attempts: Schema.Array(WebhookAttempt)
})

/**
 * The answer of `GET /_mock/webhooks/deliveries`: every delivery, oldest event first.
 *
 * @category schemas
 * @since 0.4.0
 */
export const WebhookDeliveryList = Schema.Struct({ items: Schema.Array(WebhookDelivery) })

/**
 * The query of `GET /_mock/webhooks/deliveries`.
 *
 * @category schemas
 * @since 0.4.0
 */
export const WebhookDeliveryQuery = Schema.Struct({
  event_name: Schema.optionalKey(Schema.String.annotate({ description: "Only deliveries of events of this name." })),
  merchant_account_id: Schema.optionalKey(
    Schema.String.annotate({ description: "Only deliveries of this merchant account's events." })
  )
})

const hookEventName = Schema.optionalKey(
  WebhookEventName.annotate({ description: "Only the next event of this name (default: the next event)." })
)

/**
 * The body of `POST /_mock/webhooks/hooks`, a hook on the next event (of
 * `event_name`): `duplicate` delivers it twice (same webhook id), `delay`
 * holds it `seconds` of the merchant account's clock, `reorder` delivers the
 * next two in reverse order.
 *
 * @category schemas
 * @since 0.4.0
 */
export const WebhookHook = Schema.Union([
  Schema.Struct({ action: Schema.Literal("duplicate"), event_name: hookEventName }),
  Schema.Struct({
    action: Schema.Literal("delay"),
    seconds: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: maxAdvanceSeconds })),
    event_name: hookEventName
  }),
  Schema.Struct({ action: Schema.Literal("reorder"), event_name: hookEventName })
])

/**
 * The answer of `POST /_mock/webhooks/hooks`: the hook, waiting for its event.
 *
 * @category schemas
 * @since 0.4.0
 */
export const WebhookHookCreated = Schema.Struct({
  id: Schema.String,
  action: Schema.Literals(["duplicate", "delay", "reorder"]),
  event_name: Schema.NullOr(WebhookEventName),
  seconds: Schema.NullOr(Schema.Int)
})

/**
 * `clock`, `advanceClock`, `requests`, `request`, `events`, `sessions`, `resources`, `reset`, `inspector`, and
 * the webhooks' `webhooks`, `addWebhook`, `removeWebhook`, `webhookDeliveries`, `resendWebhookDelivery` and
 * `addWebhookHook`.
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
        "`reset` and `clock` events follow those controls; a `webhook` event follows each webhook attempt " +
        "(`{ id, event_name, status, attempts, status_code }`)."
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
    })),
    HttpApiEndpoint.get("webhooks", "/_mock/webhooks", { success: WebhookSubscriptionList })
      .annotateMerge(OpenApi.annotations({ summary: "List the webhook subscriptions (never their secrets)" })),
    HttpApiEndpoint.post("addWebhook", "/_mock/webhooks", {
      payload: AddWebhookSubscription,
      success: WebhookSubscription.pipe(HttpApiSchema.status(201)),
      error: BadRequest
    }).annotateMerge(OpenApi.annotations({
      summary: "Subscribe a URL to every webhook event from now on",
      description: "The mock POSTs wherever it is told: on a host beyond loopback, anyone who reaches the controls " +
        "can make it send requests to any address it can reach."
    })),
    HttpApiEndpoint.delete("removeWebhook", "/_mock/webhooks/:subscription_id", {
      params: { subscription_id: Schema.String.annotate({ description: "The `id` of a subscription." }) },
      success: HttpApiSchema.NoContent,
      error: NotFound
    }).annotateMerge(OpenApi.annotations({ summary: "Remove a webhook subscription (one of the flags': until a restart)" })),
    HttpApiEndpoint.get("webhookDeliveries", "/_mock/webhooks/deliveries", {
      query: WebhookDeliveryQuery,
      success: WebhookDeliveryList
    }).annotateMerge(OpenApi.annotations({ summary: "List the webhook deliveries with every attempt" })),
    HttpApiEndpoint.post("resendWebhookDelivery", "/_mock/webhooks/deliveries/:delivery_id/resend", {
      params: { delivery_id: Schema.String.annotate({ description: "The `id` (`X-Gr4vy-Webhook-ID`) of a delivery." }) },
      success: HttpApiSchema.Accepted,
      error: NotFound
    }).annotateMerge(OpenApi.annotations({ summary: "Attempt a webhook delivery again now, with the same webhook id" })),
    HttpApiEndpoint.post("addWebhookHook", "/_mock/webhooks/hooks", {
      payload: WebhookHook,
      success: WebhookHookCreated.pipe(HttpApiSchema.status(201)),
      error: BadRequest
    }).annotateMerge(OpenApi.annotations({
      summary: "Provoke an awkward delivery: the next event duplicated, delayed, or the next two reordered"
    }))
  )
  // Bodies are decoded strictly (StrictDecoder's `strictOptions`): unknown keys refused, every invalid field reported.
  .annotate(HttpApi.PayloadParseOptions, strictOptions)
  .annotateMerge(OpenApi.annotations({
    title: "Mock test controls",
    description: "The mock server's test controls; no part of Gr4vy's API. Served only where they are on."
  }))
{}
