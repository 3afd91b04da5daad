/**
 * Webhooks: the events the mock sends when a resource changes, as Gr4vy
 * does (`WebhookEvent` of the domain; WEBHOOKS.md lists each one, when, and
 * where its name comes from), signed and delivered to every subscription.
 *
 * - Events. `observedStore` wraps the document store the payment services
 *   write through: a transaction or refund whose status changes, a buyer or
 *   its shipping details created, updated or deleted, a stored card updated
 *   or deleted, is an event whose `target` is the resource's wire JSON. An
 *   event is written as one `webhook-delivery` document per subscription, in
 *   the same store transaction as the change (nothing is written while there
 *   is no subscription), and never delays the API's answer: the worker
 *   delivers it after.
 * - Subscriptions. `--webhook <url>` (source `flag`) and those added at run
 *   time under `/_mock/webhooks` (source `runtime`, `webhook-subscription`
 *   documents, so every replica on one database sees them). Every active
 *   secret of a subscription signs each delivery.
 * - Signing as Gr4vy: `X-Gr4vy-Webhook-Timestamp` (Unix seconds, real
 *   time), `X-Gr4vy-Webhook-Signatures` (comma-separated lowercase hex
 *   HMAC-SHA256 of `<timestamp>.<raw body>`, one per secret) and
 *   `X-Gr4vy-Webhook-ID` (the delivery's id, the same on every attempt).
 * - Delivery. A 2xx answer within `attemptTimeoutMs` is delivered; anything
 *   else is retried after `retryDelaysSeconds` (on the merchant account's
 *   mock clock, so moving it fires the retries that came due), at most
 *   `maxAttempts` attempts, then the delivery is `failed`. The worker wakes
 *   on a new event, a clock move (`wake`), when the next retry comes due, and
 *   every `sweepSeconds` (deliveries another replica wrote).
 * - Replicas. A due delivery is claimed before it is attempted: an update at
 *   the version read (another replica's claim fails it) that sets a lease
 *   (`owner`, `until`); a lease that expired (its replica died) may be
 *   claimed again. Each event is delivered by one replica.
 * - Hooks (`/_mock/webhooks/hooks`): the next event (of a name) delivered
 *   twice, held some seconds of the account's clock, or the next two events
 *   delivered in reverse order.
 *
 * @since 0.4.0
 */
import type { WebhookAttempt, WebhookDelivery, WebhookHook, WebhookSubscription } from "@checkout-kit/domain/api/MockControls"
import { refundEventName, transactionEventName, type WebhookEventName, webhookHeaders } from "@checkout-kit/domain/WebhookEvent"
import { Context, Duration, Effect, Layer, Option, Queue, Scope } from "effect"
import { createHmac, randomUUID } from "node:crypto"
import { Journal } from "../Journal.ts"
import { MockClock } from "../MockClock.ts"
import { DocumentStore, type StoredDocument } from "../store/DocumentStore.ts"
import * as Pages from "../store/Pages.ts"

/**
 * The subscriptions given at start (`--webhook`, `--webhook-secret`).
 *
 * @category models
 * @since 0.4.0
 */
export interface WebhookOptions {
  readonly urls: ReadonlyArray<string>
  /** Every one signs each delivery; runtime subscriptions given no secrets have these too. */
  readonly secrets: ReadonlyArray<string>
  /** How long a receiver has to answer, in milliseconds (default `attemptTimeoutMs`, Gr4vy's 5 s). */
  readonly attemptTimeoutMs?: number | undefined
}

/**
 * The merchant account the webhook documents are kept under (they span
 * every account; each delivery names its event's).
 *
 * @category constants
 * @since 0.4.0
 */
export const scope = "@webhooks"

/**
 * The document kinds of webhooks.
 *
 * @category constants
 * @since 0.4.0
 */
export const kinds = {
  subscription: "webhook-subscription",
  delivery: "webhook-delivery",
  hook: "webhook-hook"
} as const

/**
 * How long a receiver has to answer 2xx, in milliseconds (Gr4vy's 5 s).
 *
 * @category constants
 * @since 0.4.0
 */
export const attemptTimeoutMs = 5_000

/**
 * The wait before each retry, in seconds of the merchant account's clock:
 * 1, 2, 4, 8, 16, 32 and 64 minutes. With the first attempt, at most
 * `maxAttempts` attempts over about two hours; then the delivery is `failed`.
 *
 * @category constants
 * @since 0.4.0
 */
export const retryDelaysSeconds: ReadonlyArray<number> = [60, 120, 240, 480, 960, 1_920, 3_840]

/**
 * The most attempts one delivery gets (a resend adds one).
 *
 * @category constants
 * @since 0.4.0
 */
export const maxAttempts = retryDelaysSeconds.length + 1

/**
 * How long a replica's claim on a delivery holds, in real milliseconds,
 * before another replica may take it (the claimer died mid-attempt).
 *
 * @category constants
 * @since 0.4.0
 */
export const leaseMs = 30_000

/**
 * How often the worker looks for due deliveries without being woken, in
 * seconds (those another replica wrote, a lease that expired).
 *
 * @category constants
 * @since 0.4.0
 */
export const sweepSeconds = 5

const excerptChars = 256

/**
 * A subscription as `GET /_mock/webhooks` shows it: never its secrets, only
 * how many sign.
 *
 * @category models
 * @since 0.4.0
 */
export type SubscriptionView = typeof WebhookSubscription.Type

/**
 * One attempt at a delivery.
 *
 * @category models
 * @since 0.4.0
 */
export type Attempt = typeof WebhookAttempt.Type

/**
 * A delivery as `GET /_mock/webhooks/deliveries` shows it.
 *
 * @category models
 * @since 0.4.0
 */
export type DeliveryView = typeof WebhookDelivery.Type

// A delivery as stored: its view, the raw body every attempt sends, and the worker's bookkeeping.
interface Delivery extends DeliveryView {
  readonly payload: string
  /** Orders deliveries due at the same time: events first by creation. */
  readonly order: number
  /** Further deliveries owed after a 2xx (the `duplicate` hook). */
  readonly duplicates: number
  /** Held by a `reorder` hook until the next event comes. */
  readonly held: boolean
  readonly lease: { readonly owner: string; readonly until: number } | null
  /** A resend asked for while an attempt was under way: one more attempt at once after it. */
  readonly resend?: boolean | undefined
}

/**
 * A hook on the next event (of `event_name`, or any).
 *
 * @category models
 * @since 0.4.0
 */
export type Hook = typeof WebhookHook.Type

// A hook as stored; a `reorder` hook holding the first event's deliveries.
type StoredHook = Hook & { readonly id: string; readonly holding?: ReadonlyArray<string> | undefined }

// A runtime subscription as stored (flag subscriptions live in the options; removing one stores a tombstone).
interface StoredSubscription {
  readonly id: string
  readonly url: string
  readonly source: "flag" | "runtime"
  readonly secrets: ReadonlyArray<string>
  readonly created_at: string
  readonly removed?: boolean | undefined
}

/**
 * A stored document's wire JSON as the test controls show it: a
 * subscription's secrets replaced by how many there are.
 *
 * @category utils
 * @since 0.4.0
 */
export const shownBody = (document: Pick<StoredDocument, "kind" | "body">): string => {
  if (document.kind !== kinds.subscription) return document.body
  const { secrets, ...rest } = JSON.parse(document.body) as StoredSubscription
  return JSON.stringify({ ...rest, secret_count: secrets.length })
}

/**
 * A URL a webhook may not be sent to: not absolute `http:` or `https:`.
 *
 * @category errors
 * @since 0.4.0
 */
export const urlProblem = (url: string): string | undefined => {
  if (!URL.canParse(url)) return "The url must be an absolute http or https URL"
  const parsed = new URL(url)
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "The url must use http or https"
  if (parsed.username !== "" || parsed.password !== "") return "The url may not hold credentials"
  return undefined
}

/**
 * The signatures header of a body signed at `timestamp` (Unix seconds): one
 * lowercase hex HMAC-SHA256 of `<timestamp>.<body>` per secret, joined by
 * commas, as Gr4vy signs.
 *
 * @category signing
 * @since 0.4.0
 */
export const sign = (secrets: ReadonlyArray<string>, timestamp: number, body: string): string =>
  secrets.map((secret) => createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")).join(",")

const iso = (millis: number) => new Date(millis).toISOString()

const parse = <A>(document: StoredDocument) => JSON.parse(document.body) as A

// The stable id of the flag subscription of `url` at `index`.
const flagId = (index: number) => `flag-${index + 1}`

/**
 * The events a change of a document sends: `before` and `after` are its
 * wire JSON (`undefined`: it did not exist, or no longer does).
 *
 * @category events
 * @since 0.4.0
 */
export const eventsOf = (
  kind: string,
  before: string | undefined,
  after: string | undefined
): ReadonlyArray<WebhookEventName> => {
  switch (kind) {
    case "transaction":
    case "refund": {
      if (after === undefined) return []
      const status = (JSON.parse(after) as { status?: string }).status
      const previous = before === undefined ? undefined : (JSON.parse(before) as { status?: string }).status
      if (status === undefined || status === previous) return []
      const name = kind === "transaction" ? transactionEventName(status) : refundEventName(status)
      return name === undefined ? [] : [name]
    }
    case "buyer":
    case "shipping-details":
      return [`${kind}.${before === undefined ? "created" : after === undefined ? "deleted" : "updated"}` as WebhookEventName]
    case "payment-method": {
      // Gr4vy sends no event for a card stored; using it (its counts) is no update either.
      if (before === undefined) return []
      if (after === undefined) return ["payment-method.deleted"]
      return changedBeyondUsage(before, after) ? ["payment-method.updated"] : []
    }
    default:
      return []
  }
}

const usageKeys = new Set(["usage_count", "last_used_at", "cit_usage_count", "cit_last_used_at", "updated_at"])
const changedBeyondUsage = (before: string, after: string) => {
  const a = JSON.parse(before) as Record<string, unknown>
  const b = JSON.parse(after) as Record<string, unknown>
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const key of keys) if (!usageKeys.has(key) && JSON.stringify(a[key]) !== JSON.stringify(b[key])) return true
  return false
}

/**
 * The kinds of document whose changes send events.
 *
 * @category events
 * @since 0.4.0
 */
export const observedKinds: ReadonlySet<string> = new Set([
  "transaction",
  "refund",
  "buyer",
  "shipping-details",
  "payment-method"
])

/**
 * What the deliveries list is filtered by.
 *
 * @category models
 * @since 0.4.0
 */
export interface DeliveryFilter {
  readonly eventName?: string | undefined
  readonly merchantAccountId?: string | undefined
}

/**
 * @category services
 * @since 0.4.0
 */
export class Webhooks extends Context.Service<Webhooks, {
  /** Writes an event of the account, `target` the resource's wire JSON, as a delivery per subscription. */
  readonly emit: (merchantAccountId: string, name: WebhookEventName, target: string) => Effect.Effect<void>
  /**
   * Whether any subscription may receive an event: `false` lets a change skip working out its events. Runtime
   * subscriptions are read from the store at most once a second of real time (Gr4vy too caches webhook settings
   * for a short period): one added or removed here is seen at once, one added through another replica within a
   * second. @since 0.4.0
   */
  readonly listening: Effect.Effect<boolean>
  /** Wakes the worker: deliveries may have come due (a new event, a clock move). */
  readonly wake: Effect.Effect<void>
  /** Attempts every delivery due now, once; what the worker runs each time it wakes. */
  readonly deliverDue: Effect.Effect<void>
  readonly subscriptions: Effect.Effect<ReadonlyArray<SubscriptionView>>
  /** Adds a subscription; `secrets` default to the server's `--webhook-secret` list. */
  readonly subscribe: (url: string, secrets: ReadonlyArray<string> | undefined) => Effect.Effect<SubscriptionView>
  /** Removes a subscription; `false` when there is none of that id. */
  readonly unsubscribe: (id: string) => Effect.Effect<boolean>
  /** Every delivery, oldest event first. */
  readonly deliveries: (filter: DeliveryFilter) => Effect.Effect<ReadonlyArray<DeliveryView>>
  /** A new attempt now, with the same webhook id; `false` when there is no such delivery. */
  readonly resend: (id: string) => Effect.Effect<boolean>
  /** Stores a hook for the next event (of its name); its id. */
  readonly addHook: (hook: Hook) => Effect.Effect<string>
}>()("@checkout-kit/mock-server/Webhooks") {
  /**
   * The webhooks over the document store, with the worker that delivers
   * them (for as long as the layer lives).
   *
   * @since 0.4.0
   */
  static readonly layer = (options: WebhookOptions = { urls: [], secrets: [] }) =>
    Layer.effect(Webhooks, make(options))
}

const make = Effect.fnUntraced(function*(options: WebhookOptions) {
  const store = yield* DocumentStore
  const clock = yield* MockClock
  const journal = yield* Journal
  const replica = randomUUID()
  const signal = yield* Queue.dropping<void>(1)
  const wake = Effect.asVoid(Queue.offer(signal, undefined))
  const all = (kind: string) => Effect.provideService(Pages.all({ merchantAccountId: scope, kind }), DocumentStore, store)
  let sequence = 0

  // The flags' subscriptions: created when the server started.
  const started = iso(yield* clock.realNow)
  const flagSubscriptions: ReadonlyArray<StoredSubscription> = options.urls.map((url, index) => ({
    id: flagId(index),
    url,
    source: "flag",
    secrets: options.secrets,
    created_at: started
  }))

  // The subscriptions in force: the flags' (less those removed at run time) and the runtime ones, oldest first.
  const active = Effect.map(all(kinds.subscription), (documents) => {
    const stored = documents.map((document) => parse<StoredSubscription>(document))
    const removed = new Set(stored.filter((s) => s.removed === true).map((s) => s.id))
    const runtime = stored.filter((s) => s.removed !== true && s.source === "runtime").toReversed()
    return [...flagSubscriptions.filter((s) => !removed.has(s.id)), ...runtime]
  })
  let listeningReadAt = Number.NEGATIVE_INFINITY
  let listeningRead = false
  const listening: Effect.Effect<boolean> = flagSubscriptions.length > 0
    ? Effect.succeed(true)
    : Effect.flatMap(clock.realNow, (now) =>
      now - listeningReadAt < 1_000 ? Effect.succeed(listeningRead) : Effect.map(active, (subscriptions) => {
        listeningReadAt = now
        listeningRead = subscriptions.length > 0
        return listeningRead
      }))
  const view = (s: StoredSubscription): SubscriptionView => ({
    id: s.id,
    url: s.url,
    source: s.source,
    created_at: s.created_at,
    secret_count: s.secrets.length
  })

  // The hooks of an event: consumed (removed: on one database, by one replica only), oldest first.
  const hooksFor = Effect.fnUntraced(function*(name: WebhookEventName) {
    const documents = (yield* all(kinds.hook)).toReversed()
    const taken: Array<StoredHook> = []
    for (const document of documents) {
      const hook = parse<StoredHook>(document)
      if (hook.event_name !== undefined && hook.event_name !== name) continue
      if (hook.action === "reorder" && hook.holding === undefined) {
        // The first of the two: held, the hook kept (now holding) for the second.
        taken.push(hook)
        continue
      }
      if (yield* store.remove(scope, kinds.hook, document.id)) taken.push(hook)
    }
    return taken
  })

  const emit = Effect.fnUntraced(function*(merchantAccountId: string, name: WebhookEventName, target: string) {
    const subscriptions = yield* active
    if (subscriptions.length === 0) return
    const now = yield* clock.now(merchantAccountId)
    const event = { id: randomUUID(), name, merchant_account_id: merchantAccountId, created_at: iso(now) }
    const payload = `{"type":"event","id":${JSON.stringify(event.id)},"name":${JSON.stringify(name)},` +
      `"merchant_account_id":${JSON.stringify(merchantAccountId)},"created_at":${JSON.stringify(event.created_at)},` +
      `"target":${target}}`
    const hooks = yield* hooksFor(name)
    const order = now * 1_000 + (sequence++ % 1_000)
    let nextAt = now
    let duplicates = 0
    let held = false
    const release: Array<string> = []
    for (const hook of hooks) {
      if (hook.action === "duplicate") duplicates += 1
      else if (hook.action === "delay") nextAt = Math.max(nextAt, now + hook.seconds * 1_000)
      else if (hook.holding === undefined) held = true
      else release.push(...hook.holding)
    }
    const ids: Array<string> = []
    for (const subscription of subscriptions) {
      const delivery: Delivery = {
        id: randomUUID(),
        subscription_id: subscription.id,
        url: subscription.url,
        event,
        status: "pending",
        next_attempt_at: held ? null : iso(nextAt),
        attempts: [],
        payload,
        order,
        duplicates,
        held,
        lease: null
      }
      ids.push(delivery.id)
      yield* Effect.orDie(store.insert({
        merchantAccountId: scope,
        kind: kinds.delivery,
        id: delivery.id,
        createdAt: now,
        parentId: "pending",
        externalIdentifier: merchantAccountId,
        body: JSON.stringify(delivery)
      }))
    }
    for (const hook of hooks) {
      if (hook.action === "reorder" && hook.holding === undefined) {
        yield* Effect.ignore(store.update(scope, kinds.hook, hook.id, undefined, (current) =>
          Effect.succeed({ ...current, body: JSON.stringify({ ...hook, holding: ids }), updatedAt: now })))
      }
    }
    // The first event's deliveries, held by a `reorder` hook: due now, after the second's.
    for (const id of release) {
      yield* Effect.ignore(store.update(scope, kinds.delivery, id, undefined, (current) =>
        Effect.succeed({
          ...current,
          body: JSON.stringify({
            ...parse<Delivery>(current),
            held: false,
            next_attempt_at: iso(nextAt),
            order: order + 1
          }),
          updatedAt: now
        })))
    }
  })

  const secretsOf = (subscriptionId: string) =>
    Effect.map(active, (subscriptions) => subscriptions.find((s) => s.id === subscriptionId)?.secrets)

  // Claims a due delivery (the version read: one replica wins), attempts it, records the attempt.
  const attempt = Effect.fnUntraced(function*(document: StoredDocument) {
    const delivery = parse<Delivery>(document)
    const realNow = yield* clock.realNow
    const claimed = yield* Effect.result(store.update(scope, kinds.delivery, document.id, document.version, (current) =>
      Effect.succeed({
        ...current,
        body: JSON.stringify({ ...delivery, lease: { owner: replica, until: realNow + leaseMs } }),
        updatedAt: current.updatedAt
      })))
    if (claimed._tag === "Failure") return
    const secrets = yield* secretsOf(delivery.subscription_id)
    const timestamp = Math.floor((yield* clock.realNow) / 1_000)
    const outcome = secrets === undefined
      ? { statusCode: null, excerpt: "", error: "the subscription was removed", latency: 0 }
      : yield* post(delivery, secrets, timestamp, options.attemptTimeoutMs ?? attemptTimeoutMs)
    const now = yield* clock.now(delivery.event.merchant_account_id)
    const record: Attempt = {
      at: iso(now),
      status_code: outcome.statusCode,
      latency_ms: Math.round(outcome.latency),
      response_excerpt: outcome.excerpt,
      error: outcome.error
    }
    const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300
    // Recorded on the delivery as it now is: a resend while the attempt was under way asks for one more at once.
    // A replica that lost its lease (it expired, another claimed) records nothing: the other's attempt counts.
    const recorded = yield* Effect.result(store.update(scope, kinds.delivery, document.id, undefined, (current) => {
      const stored = parse<Delivery>(current)
      if (stored.lease?.owner !== replica) return Effect.fail("lease lost" as const)
      const next = settle(stored, record, ok, secrets === undefined, now)
      return Effect.succeed({
        ...current,
        body: JSON.stringify(next),
        updatedAt: now,
        parentId: next.status === "pending" ? "pending" : undefined
      })
    }))
    if (recorded._tag === "Failure") return
    const next = parse<Delivery>(recorded.success)
    journal.publish({
      _tag: "webhook",
      id: next.id,
      eventName: next.event.name,
      status: next.status,
      attempts: next.attempts.length,
      statusCode: outcome.statusCode
    })
  })

  // Every pending delivery, with whether it is due (by its account's clock) and when it will be.
  const pending = Effect.gen(function*() {
    const documents = yield* Effect.provideService(
      Pages.all({ merchantAccountId: scope, kind: kinds.delivery, parentId: "pending" }),
      DocumentStore,
      store
    )
    const realNow = yield* clock.realNow
    const nows = new Map<string, number>()
    const due: Array<{ document: StoredDocument; delivery: Delivery }> = []
    let wait: number | undefined
    for (const document of documents) {
      const delivery = parse<Delivery>(document)
      if (delivery.held || delivery.next_attempt_at === null) continue
      const account = delivery.event.merchant_account_id
      if (!nows.has(account)) nows.set(account, yield* clock.now(account))
      const leased = delivery.lease !== null && delivery.lease.until > realNow
      const dueIn = Date.parse(delivery.next_attempt_at) - nows.get(account)!
      if (dueIn <= 0 && !leased) due.push({ document, delivery })
      else {
        const after = leased ? delivery.lease!.until - realNow : dueIn
        wait = wait === undefined ? after : Math.min(wait, after)
      }
    }
    due.sort((a, b) =>
      Date.parse(a.delivery.next_attempt_at!) - Date.parse(b.delivery.next_attempt_at!) || a.delivery.order - b.delivery.order
    )
    return { due, wait }
  })

  // The due deliveries: one subscription's in order, one at a time; the subscriptions' side by side.
  const deliverDue = Effect.gen(function*() {
    const { due, wait } = yield* pending
    const bySubscription = new Map<string, Array<StoredDocument>>()
    for (const { delivery, document } of due) {
      const queue = bySubscription.get(delivery.subscription_id) ?? []
      queue.push(document)
      bySubscription.set(delivery.subscription_id, queue)
    }
    yield* Effect.forEach(
      bySubscription.values(),
      (documents) => Effect.forEach(documents, attempt, { discard: true }),
      { concurrency: "unbounded", discard: true }
    )
    return { attempted: due.length, wait }
  })

  // The worker: delivers what is due, then waits for a wake, the next due time or the sweep, whichever first.
  const worker = Effect.gen(function*() {
    const { attempted, wait } = yield* Effect.catchCause(deliverDue, () => Effect.succeed({ attempted: 0, wait: undefined }))
    if (attempted > 0) return
    const sleep = Math.max(1, Math.min(wait ?? sweepSeconds * 1_000, sweepSeconds * 1_000))
    yield* Effect.raceFirst(Queue.take(signal), Effect.sleep(Duration.millis(sleep)))
  })
  yield* Effect.forkScoped(Effect.forever(worker))

  const deliveries = Effect.fnUntraced(function*(filter: DeliveryFilter) {
    const documents = yield* all(kinds.delivery)
    return documents
      .map((document) => parse<Delivery>(document))
      .filter((d) =>
        (filter.eventName === undefined || d.event.name === filter.eventName) &&
        (filter.merchantAccountId === undefined || d.event.merchant_account_id === filter.merchantAccountId)
      )
      .toSorted((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1))
      .map((d): DeliveryView => ({
        id: d.id,
        subscription_id: d.subscription_id,
        url: d.url,
        event: d.event,
        status: d.status,
        next_attempt_at: d.next_attempt_at,
        attempts: d.attempts
      }))
  })

  return Webhooks.of({
    emit,
    listening,
    wake,
    deliverDue: Effect.asVoid(deliverDue),
    subscriptions: Effect.map(active, (subscriptions) => subscriptions.map(view)),
    subscribe: Effect.fnUntraced(function*(url, secrets) {
      listeningReadAt = Number.NEGATIVE_INFINITY
      const now = yield* clock.realNow
      const subscription: StoredSubscription = {
        id: randomUUID(),
        url,
        source: "runtime",
        secrets: secrets ?? options.secrets,
        created_at: iso(now)
      }
      yield* Effect.orDie(store.insert({
        merchantAccountId: scope,
        kind: kinds.subscription,
        id: subscription.id,
        createdAt: now,
        body: JSON.stringify(subscription)
      }))
      return view(subscription)
    }),
    unsubscribe: Effect.fnUntraced(function*(id) {
      listeningReadAt = Number.NEGATIVE_INFINITY
      const flag = flagSubscriptions.find((s) => s.id === id)
      if (flag === undefined) return yield* store.remove(scope, kinds.subscription, id)
      if ((yield* store.get(scope, kinds.subscription, id)) !== undefined) return false
      // A flag's subscription removed at run time: a tombstone, so every replica drops it until a restart.
      const now = yield* clock.realNow
      const inserted = yield* Effect.result(store.insert({
        merchantAccountId: scope,
        kind: kinds.subscription,
        id,
        createdAt: now,
        body: JSON.stringify({ ...flag, secrets: [], removed: true })
      }))
      return inserted._tag === "Success"
    }),
    deliveries,
    resend: Effect.fnUntraced(function*(id) {
      const document = yield* store.get(scope, kinds.delivery, id)
      if (document === undefined) return false
      const now = yield* clock.now(parse<Delivery>(document).event.merchant_account_id)
      const realNow = yield* clock.realNow
      yield* Effect.orDie(store.update(scope, kinds.delivery, id, undefined, (current) => {
        const delivery = parse<Delivery>(current)
        // An attempt under way (a live lease) records itself, then makes the one asked for.
        const underWay = delivery.lease !== null && delivery.lease.until > realNow
        return Effect.succeed({
          ...current,
          body: JSON.stringify({
            ...delivery,
            status: "pending",
            held: false,
            next_attempt_at: iso(now),
            resend: underWay,
            lease: underWay ? delivery.lease : null
          }),
          parentId: "pending",
          updatedAt: now
        })
      }))
      yield* wake
      return true
    }),
    addHook: Effect.fnUntraced(function*(hook) {
      const now = yield* clock.realNow
      const id = randomUUID()
      yield* Effect.orDie(store.insert({
        merchantAccountId: scope,
        kind: kinds.hook,
        id,
        createdAt: now,
        body: JSON.stringify({ ...hook, id })
      }))
      return id
    })
  })
})

// One POST of a delivery: what the receiver answered, or why there was no answer.
// Interrupted (the server stopping), the request is aborted: shutting down never waits on a slow receiver.
const post = (delivery: Delivery, secrets: ReadonlyArray<string>, timestamp: number, timeoutMs: number) =>
  Effect.promise(async (interrupted) => {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "checkout-kit-mock-server",
      [webhookHeaders.id]: delivery.id,
      [webhookHeaders.timestamp]: String(timestamp)
    }
    if (secrets.length > 0) headers[webhookHeaders.signatures] = sign(secrets, timestamp, delivery.payload)
    const sent = performance.now()
    try {
      const response = await fetch(delivery.url, {
        method: "POST",
        headers,
        body: delivery.payload,
        redirect: "manual",
        signal: AbortSignal.any([interrupted, AbortSignal.timeout(timeoutMs)])
      })
      const excerpt = await readExcerpt(response)
      return { statusCode: response.status, excerpt, error: null, latency: performance.now() - sent }
    } catch (error) {
      const reason = error instanceof Error && error.name === "TimeoutError"
        ? `no answer within ${timeoutMs} ms`
        : describeError(error)
      return { statusCode: null, excerpt: "", error: reason, latency: performance.now() - sent }
    }
  })

// A delivery after an attempt: delivered (or due again at once while a duplicate is owed, or a resend asked for
// one more), failed (the subscription gone, or the attempts spent), or due again after the next retry delay.
const settle = (delivery: Delivery, record: Attempt, ok: boolean, orphaned: boolean, now: number): Delivery => {
  const attempts = [...delivery.attempts, record]
  const base = { ...delivery, attempts, lease: null, resend: false }
  if (delivery.resend === true) return { ...base, status: "pending", next_attempt_at: iso(now) }
  if (ok) {
    return delivery.duplicates > 0
      ? { ...base, duplicates: delivery.duplicates - 1, next_attempt_at: iso(now) }
      : { ...base, status: "delivered", next_attempt_at: null }
  }
  if (orphaned || attempts.length >= maxAttempts) return { ...base, status: "failed", next_attempt_at: null }
  const delay = retryDelaysSeconds[Math.min(attempts.length, retryDelaysSeconds.length) - 1]
  return { ...base, next_attempt_at: iso(now + delay * 1_000) }
}

// The start of a receiver's answer, at most `excerptChars` characters; the rest is not read.
const readExcerpt = async (response: Response): Promise<string> => {
  if (response.body === null) return ""
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ""
  try {
    while (text.length < excerptChars) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
  } finally {
    await reader.cancel().catch(() => undefined)
  }
  return text.slice(0, excerptChars)
}

const describeError = (error: unknown): string => {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined
  if (cause?.code !== undefined) return `${cause.code}${cause.message === undefined ? "" : `: ${cause.message}`}`
  return error instanceof Error ? error.message : String(error)
}

// Whether the fiber runs inside a `transact` of the observed store (events are delivered after it ends).
const InTransaction = Context.Reference<boolean>("@checkout-kit/mock-server/Webhooks/InTransaction", {
  defaultValue: () => false
})

/**
 * The document store the payment services write through: the store
 * underneath, whose changes to transactions, refunds, buyers, shipping
 * details and stored cards also write their events (in the same transaction
 * where there is one) and wake the worker (once the transaction ends).
 *
 * @category layers
 * @since 0.4.0
 */
export const observedStore: Layer.Layer<DocumentStore, never, DocumentStore | Webhooks> = Layer.effect(
  DocumentStore,
  Effect.gen(function*() {
    const inner = yield* DocumentStore
    const webhooks = yield* Webhooks
    const observe = (merchantAccountId: string, kind: string, before: string | undefined, after: string | undefined) =>
      Effect.gen(function*() {
        if (!(yield* webhooks.listening)) return
        const names = eventsOf(kind, before, after)
        if (names.length === 0) return
        const target = (after ?? before)!
        for (const name of names) yield* webhooks.emit(merchantAccountId, name, target)
        // In a transaction, its end wakes the worker (`transact` below).
        if (!(yield* InTransaction)) yield* wakeAfterRequest(yield* Effect.serviceOption(Scope.Scope))
      })
    // The worker is woken once the request's answer is sent (its scope closes then), never before: a webhook
    // never delays an answer, nor overtakes it. Outside a request, at once.
    const wakeAfterRequest = (request: Option.Option<Scope.Scope>) =>
      Option.isSome(request) ? Scope.addFinalizer(request.value, webhooks.wake) : webhooks.wake
    return DocumentStore.of({
      ...inner,
      insert: (document) =>
        observedKinds.has(document.kind)
          ? Effect.tap(inner.insert(document), (stored) => observe(stored.merchantAccountId, stored.kind, undefined, stored.body))
          : inner.insert(document),
      update: (merchantAccountId, kind, id, expectedVersion, f) => {
        if (!observedKinds.has(kind)) return inner.update(merchantAccountId, kind, id, expectedVersion, f)
        let before: string | undefined
        return Effect.tap(
          inner.update(merchantAccountId, kind, id, expectedVersion, (current) => {
            before = current.body
            return f(current)
          }),
          (stored) => observe(merchantAccountId, kind, before, stored.body)
        )
      },
      remove: (merchantAccountId, kind, id) =>
        observedKinds.has(kind)
          ? Effect.flatMap(inner.get(merchantAccountId, kind, id), (document) =>
            Effect.tap(inner.remove(merchantAccountId, kind, id), (removed) =>
              removed && document !== undefined ? observe(merchantAccountId, kind, document.body, undefined) : Effect.void))
          : inner.remove(merchantAccountId, kind, id),
      transact: (effect) =>
        Effect.gen(function*() {
          if (yield* InTransaction) return yield* inner.transact(effect)
          // The request's scope, read outside the transaction: its writes are committed (or undone) before it closes.
          const request = yield* Effect.serviceOption(Scope.Scope)
          return yield* inner.transact(Effect.provideService(effect, InTransaction, true)).pipe(
            Effect.ensuring(wakeAfterRequest(request))
          )
        })
    })
  })
)
