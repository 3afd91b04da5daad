/**
 * The `/_mock/` test controls, the contract's `mockControls` group: read and
 * move a merchant account's clock (the account the request names in
 * `x-gr4vy-merchant-account-id`, `default` without it), read the request
 * journal (as a list, one request in full, or live as server-sent events),
 * list the stored sessions and the stored payment resources (every kind of the
 * document store), reset all state (sessions, the payment resources'
 * documents, journal, clocks), and the inspector page. Served
 * only where the test controls are on (`Server.routes`).
 *
 * Every control is implemented with `handle`: the contract's schemas decode
 * its body (strictly: the group's parse options) and query, and encode its
 * answer. The journal's live stream and the inspector answer their declared
 * text bodies (`text/event-stream`, `text/html`) as responses.
 *
 * @since 0.1.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { AdvanceClock, maxResourcePage, maxSessionPage } from "@checkout-kit/domain/api/MockControls"
import { BadRequest, errorDetailTypes, makeErrorBody, NotFound } from "@checkout-kit/domain/Errors"
import { DateTime, Effect, Queue, Stream } from "effect"
import { HttpServerResponse } from "effect/http"
import { HttpApiBuilder } from "effect/http-api"
import { merchantAccountOf } from "../Authorization.ts"
import * as Inspector from "../Inspector.ts"
import { Journal, type JournalEvent, toDetail, toEntry } from "../Journal.ts"
import { maxAdvanceSeconds, MockClock } from "../MockClock.ts"
import * as Responses from "../Responses.ts"
import { operationOf, routeTable } from "../RouteTable.ts"
import { parseCursor, SessionStore } from "../SessionStore.ts"
import { DocumentStore } from "../store/DocumentStore.ts"
import { shownBody, urlProblem, Webhooks } from "../Webhooks/Webhooks.ts"

/**
 * The body of `POST /_mock/clock` (the contract's schema).
 *
 * @category schemas
 * @since 0.1.0
 */
export { AdvanceClock }

const iso = (millis: number) => new Date(millis).toISOString()

/**
 * How many sessions a page of `/_mock/sessions` holds by default, and at most.
 *
 * @category constants
 * @since 0.2.0
 */
export const sessionPage = { default: 20, max: maxSessionPage } as const

/**
 * How many resources a page of `/_mock/resources` holds by default, and at most.
 *
 * @category constants
 * @since 0.3.0
 */
export const resourcePage = { default: 20, max: maxResourcePage } as const

const badRequest = (location: "body" | "query", pointer: string, message: string, type: string) =>
  new BadRequest(makeErrorBody(400, message, [{ location, pointer, message, type }]))

const encoder = new TextEncoder()

// Nothing when `found`, else a 404 saying `message`.
const foundOr404 = (message: string) => (found: boolean) =>
  found ? Effect.void : Effect.fail(new NotFound(makeErrorBody(404, message)))

// A query parameter given empty is not given.
const unlessEmpty = (value: string | undefined) => (value === "" ? undefined : value)

/**
 * The group's handlers.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = HttpApiBuilder.group(Api, "mockControls", (handlers) =>
  Effect.gen(function*() {
    const clock = yield* MockClock
    const store = yield* SessionStore
    const documents = yield* DocumentStore
    const journal = yield* Journal
    const webhooks = yield* Webhooks
    const routes = routeTable(true)
    const operation = (method: string, path: string) => operationOf(routes, method, path)
    const sseOf = (event: JournalEvent): string => {
      switch (event._tag) {
        case "request":
          return `event: request\nid: ${event.record.id}\ndata: ${JSON.stringify(toEntry(event.record, operation))}\n\n`
        case "reset":
          return "event: reset\ndata: {}\n\n"
        case "clock":
          return `event: clock\ndata: ${JSON.stringify({ now: event.now })}\n\n`
        case "webhook":
          return `event: webhook\ndata: ${
            JSON.stringify({
              id: event.id,
              event_name: event.eventName,
              status: event.status,
              attempts: event.attempts,
              status_code: event.statusCode
            })
          }\n\n`
        case "close":
          return ""
      }
    }
    return handlers
      .handle("clock", ({ request }) =>
        Effect.map(clock.read(merchantAccountOf(request)), ({ now, offsetSeconds }) => ({
          now: iso(now),
          offset_seconds: offsetSeconds
        })))
      .handle("advanceClock", ({ payload, request }) =>
        Effect.gen(function*() {
          const merchantAccountId = merchantAccountOf(request)
          const { advance_seconds, offset_seconds, time } = payload
          const given = [advance_seconds, offset_seconds, time].filter((value) => value !== undefined).length
          if (given !== 1) {
            return yield* badRequest(
              "body",
              "",
              "Give exactly one of advance_seconds, offset_seconds and time",
              errorDetailTypes.required
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
            return yield* badRequest("body", "/time", message, errorDetailTypes.minimum)
          }
          if (moved._tag === "Failure" && moved.failure._tag === "ClockAdvanceTooFar") {
            const message = `The clock may move at most ${maxAdvanceSeconds} seconds (ten years) ahead of real time; ` +
              `${moved.failure.remainingSeconds} remain until POST /_mock/reset`
            const pointer = advance_seconds !== undefined ? "/advance_seconds" : time !== undefined ? "/time" : "/offset_seconds"
            return yield* badRequest("body", pointer, message, errorDetailTypes.maximum)
          }
          if (moved._tag === "Failure") return yield* Effect.die(moved.failure)
          const purged = yield* store.purgeExpired(moved.success, merchantAccountId)
          journal.publish({ _tag: "clock", now: iso(moved.success) })
          // Webhook retries the move brought due go now.
          yield* webhooks.wake
          const { offsetSeconds } = yield* clock.read(merchantAccountId)
          return { now: iso(moved.success), offset_seconds: offsetSeconds, purged_sessions: purged }
        }))
      .handle("requests", () =>
        Effect.map(journal.entries, (entries) => ({ items: entries.map((record) => toEntry(record, operation)) })))
      .handle("request", ({ params }) =>
        Effect.flatMap(
          /^[1-9][0-9]{0,15}$/.test(params.request_id) ? journal.get(Number(params.request_id)) : Effect.undefined,
          (record) =>
            record === undefined
              ? Effect.fail(
                new NotFound(
                  makeErrorBody(404, `No request ${params.request_id} in the journal (it keeps the last ${journal.capacity})`)
                )
              )
              : Effect.succeed(toDetail(record, operation))
        ))
      // Each journal entry as it is made; a comment first, so a client knows it is listening. A client that
      // reads too slowly loses the oldest events it has not read (at most 1,024 wait), never the server's memory.
      // The declared body is text; a stream of it is answered as a response.
      .handle("events", () =>
        Effect.succeed(HttpServerResponse.stream(
          Stream.callback<Uint8Array>(
            (queue) =>
              Effect.acquireRelease(
                Effect.sync(() => {
                  Queue.offerUnsafe(queue, encoder.encode(": listening\n\n"))
                  return journal.subscribe((event) => {
                    if (event._tag === "close") Queue.endUnsafe(queue)
                    else Queue.offerUnsafe(queue, encoder.encode(sseOf(event)))
                  })
                }),
                (unsubscribe) => Effect.sync(unsubscribe)
              ),
            { bufferSize: 1024, strategy: "sliding" }
          ),
          { contentType: "text/event-stream", headers: { "cache-control": "no-store" } }
        )))
      // The query is the contract's (`limit` decoded and bounded there); the cursor is the store's to read.
      .handle("sessions", ({ query }) =>
        Effect.gen(function*() {
          const cursorText = query.cursor
          const after = cursorText === undefined || cursorText === "" ? undefined : parseCursor(cursorText)
          if (cursorText !== undefined && cursorText !== "" && after === undefined) {
            return yield* badRequest(
              "query",
              "/cursor",
              "cursor must be the next_cursor of a previous page",
              errorDetailTypes.value
            )
          }
          const account = query.merchant_account_id === "" ? undefined : query.merchant_account_id
          // Live by each account's clock: the store's page is of sessions live at real time (no clock is behind
          // it), less those an account's clock moved past their expiry.
          const page = yield* store.list({
            merchantAccountId: account,
            now: account === undefined ? yield* clock.realNow : yield* clock.now(account),
            limit: query.limit ?? sessionPage.default,
            after
          })
          const moved = account === undefined ? new Map((yield* clock.moved).map((m) => [m.merchantAccountId, m.now])) : undefined
          const live = moved === undefined
            ? page.items
            : page.items.filter((session) => session.expiresAt > (moved.get(session.merchantAccountId) ?? 0))
          // The sessions are the wire JSON the store holds (`SessionList` of the contract): written as they are,
          // not decoded and encoded again.
          const items = live.map((session) =>
            `{"merchant_account_id":${JSON.stringify(session.merchantAccountId)},"created_at":${
              session.createdAt ? JSON.stringify(iso(session.createdAt)) : "null"
            },"session":${session.body}}`
          )
          return Responses.json(
            `{"items":[${items.join(",")}],"next_cursor":${page.nextCursor === undefined ? "null" : JSON.stringify(page.nextCursor)}}`
          )
        }))
      // Every kind of the document store, as stored: the wire JSON the API answers (the vault keeps no card
      // number or security code, so none is here), written as it is; a webhook subscription's secrets are not.
      .handle("resources", ({ query }) =>
        Effect.gen(function*() {
          const page = yield* documents.scan({
            kind: unlessEmpty(query.kind),
            merchantAccountId: unlessEmpty(query.merchant_account_id),
            limit: query.limit ?? resourcePage.default,
            cursor: unlessEmpty(query.cursor)
          }).pipe(
            Effect.catchTag("InvalidCursor", () =>
              Effect.fail(
                badRequest("query", "/cursor", "cursor must be the next_cursor of a previous page", errorDetailTypes.value)
              ))
          )
          const items = page.items.map((document) =>
            `{"kind":${JSON.stringify(document.kind)},"merchant_account_id":${JSON.stringify(document.merchantAccountId)},` +
            `"id":${JSON.stringify(document.id)},"created_at":${JSON.stringify(iso(document.createdAt))},` +
            `"updated_at":${JSON.stringify(iso(document.updatedAt))},"resource":${shownBody(document)}}`
          )
          return Responses.json(
            `{"items":[${items.join(",")}],"next_cursor":${page.nextCursor === undefined ? "null" : JSON.stringify(page.nextCursor)}}`
          )
        }))
      .handle("inspector", () => Effect.succeed(Inspector.response()))
      .handle("webhooks", () => Effect.map(webhooks.subscriptions, (items) => ({ items })))
      .handle("addWebhook", ({ payload }) =>
        Effect.gen(function*() {
          const problem = urlProblem(payload.url)
          if (problem !== undefined) return yield* badRequest("body", "/url", problem, errorDetailTypes.value)
          return yield* webhooks.subscribe(payload.url, payload.secrets)
        }))
      .handle("removeWebhook", ({ params }) =>
        Effect.flatMap(
          webhooks.unsubscribe(params.subscription_id),
          foundOr404(`No webhook subscription ${params.subscription_id}`)
        ))
      .handle("webhookDeliveries", ({ query }) =>
        Effect.map(
          webhooks.deliveries({
            eventName: unlessEmpty(query.event_name),
            merchantAccountId: unlessEmpty(query.merchant_account_id)
          }),
          (items) => ({ items })
        ))
      .handle("resendWebhookDelivery", ({ params }) =>
        Effect.flatMap(webhooks.resend(params.delivery_id), foundOr404(`No webhook delivery ${params.delivery_id}`)))

      .handle("addWebhookHook", ({ payload }) =>
        Effect.map(webhooks.addHook(payload), (id) => ({
          id,
          action: payload.action,
          event_name: payload.event_name ?? null,
          seconds: payload.action === "delay" ? payload.seconds : null
        })))
      .handle("reset", () =>
        Effect.gen(function*() {
          yield* store.clear
          // The payment resources (merchant accounts, services, buyers, the vault) go with the sessions.
          yield* documents.clear
          yield* journal.clear
          yield* clock.reset
          return { reset: true as const }
        }))
  }))
