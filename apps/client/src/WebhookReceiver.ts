/**
 * A webhook receiver for tests: an HTTP server on a free loopback port that
 * verifies every delivery with the given secrets (`Webhooks.verifyWebhook`),
 * answers the status a test chooses, keeps every delivery (headers, raw
 * body, parsed event, verified or why not) and lets the test wait for an
 * event by name. Point the mock server's webhooks at `url`:
 *
 * ```ts
 * const receiver = await startWebhookReceiver({ secret: "whsec-test" })
 * // … the mock started with --webhook <receiver.url> --webhook-secret whsec-test, a transaction captured …
 * const delivery = await receiver.waitFor("transaction.captured")
 * await receiver.close()
 * ```
 *
 * `respond` chooses each answer, e.g. `({ attempt }) => (attempt <= 2 ? 500 : 200)`
 * to fail an event's first two deliveries (`attempt` counts the deliveries
 * with the same `X-Gr4vy-Webhook-ID`). `waitFor`'s timeout only stops a test
 * that would otherwise hang: it rejects, naming what did arrive. `scoped` is
 * the same receiver for Effect, closed with its scope, its time from `Clock`.
 *
 * @since 0.2.0
 */
import { Effect, Schema, type Scope } from "effect"
import { createServer, type IncomingMessage, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import {
  headerNames,
  type Secrets,
  verifyWebhook,
  type WebhookVerificationError
} from "./Webhooks.ts"

/**
 * A delivery's body as Gr4vy sends it: an event about `target`, the
 * resource as the API returns it (snake_case, as on the wire).
 *
 * @category models
 * @since 0.2.0
 */
export interface WebhookEvent {
  readonly type: "event"
  readonly id: string
  /** e.g. `transaction.captured`. */
  readonly name: string
  readonly merchant_account_id: string
  readonly created_at: string
  readonly target: Record<string, unknown>
}

/**
 * One delivery as it arrived, before it is answered.
 *
 * @category models
 * @since 0.2.0
 */
export interface IncomingDelivery {
  /** 0 for the first delivery the receiver got, then 1, 2, … */
  readonly index: number
  /** `X-Gr4vy-Webhook-ID`, if sent. */
  readonly webhookId: string | undefined
  /** 1 for the first delivery with this webhook id, 2 for its first retry, … (1 without an id). */
  readonly attempt: number
  readonly path: string
  /** The request's headers, lowercase names. */
  readonly headers: Readonly<Record<string, string>>
  /** The body exactly as received. */
  readonly body: string
  /** The body parsed, when it is JSON with `type: "event"` and a `name`. */
  readonly event: WebhookEvent | undefined
  readonly verified: boolean
  /** Why verification failed (`undefined` when verified). */
  readonly failure: WebhookVerificationError | undefined
  readonly receivedAt: Date
}

/**
 * One delivery and the status the receiver answered.
 *
 * @category models
 * @since 0.2.0
 */
export interface WebhookDelivery extends IncomingDelivery {
  readonly status: number
}

/**
 * @category models
 * @since 0.2.0
 */
export type ReceiverOptions = Secrets & {
  /**
   * The status (200–599) to answer a delivery with; default 200 when it
   * verified, 401 when not. A function that throws, or any other number,
   * answers 500.
   */
  readonly respond?: ((delivery: IncomingDelivery) => number | Promise<number>) | undefined
  /** Seconds a delivery's timestamp may be old; default 300, `Infinity` for any age. */
  readonly toleranceSeconds?: number | undefined
  /** The receiver's time, epoch milliseconds or a `Date`; default the current time. */
  readonly now?: (() => Date | number) | undefined
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
  /** Default 0: a free port. */
  readonly port?: number | undefined
}

/**
 * @category models
 * @since 0.2.0
 */
export interface WaitOptions {
  /** Only stops a hung test: after this many milliseconds (default 30 000) `waitFor` rejects. */
  readonly timeoutMs?: number | undefined
  /** Which deliveries count; default the verified ones. */
  readonly where?: ((delivery: WebhookDelivery) => boolean) | undefined
}

/**
 * Why `waitFor` gave up: `Timeout` (the hang guard) or `Closed` (the receiver
 * was closed first). The message names the events that did arrive.
 *
 * @category errors
 * @since 0.2.0
 */
export class WebhookWaitError extends Schema.TaggedError<WebhookWaitError>()("WebhookWaitError", {
  reason: Schema.Literals(["Timeout", "Closed"]),
  name: Schema.String,
  message: Schema.String
}) {}

/**
 * @category models
 * @since 0.2.0
 */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`: where to send deliveries (any path). */
  readonly url: string
  /** Every delivery so far, in arrival order. */
  readonly deliveries: () => ReadonlyArray<WebhookDelivery>
  readonly verified: () => ReadonlyArray<WebhookDelivery>
  readonly failed: () => ReadonlyArray<WebhookDelivery>
  /**
   * The first (verified, unless `where` says otherwise) delivery of the event
   * `name`, already arrived or the next to arrive.
   */
  readonly waitFor: (name: string, options?: WaitOptions) => Promise<WebhookDelivery>
  /** Stops listening; pending `waitFor`s reject. */
  readonly close: () => Promise<void>
}

/** Deliveries larger than this are answered 413 and not kept. */
const maxBodyBytes = 5 * 1024 * 1024

const defaultTimeoutMs = 30_000

const parseEvent = (body: string): WebhookEvent | undefined => {
  try {
    const value: unknown = JSON.parse(body)
    if (typeof value !== "object" || value === null) return undefined
    const record = value as Record<string, unknown>
    return record.type === "event" && typeof record.name === "string" ? (value as WebhookEvent) : undefined
  } catch {
    return undefined
  }
}

const headersOf = (request: IncomingMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value]]
    )
  )

const readBody = (request: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    request.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBodyBytes) chunks.push(chunk)
    })
    request.on("end", () => resolve(size > maxBodyBytes ? undefined : Buffer.concat(chunks)))
    request.on("error", reject)
  })

const describeOne = (delivery: WebhookDelivery): string =>
  `${delivery.event?.name ?? "(not an event)"}${delivery.verified ? "" : ` (refused: ${delivery.failure?.reason})`}`

const describe = (deliveries: ReadonlyArray<WebhookDelivery>): string =>
  deliveries.length === 0 ? "no delivery arrived" : `arrived: ${deliveries.map(describeOne).join(", ")}`

interface Waiter {
  readonly name: string
  readonly where: (delivery: WebhookDelivery) => boolean
  readonly resolve: (delivery: WebhookDelivery) => void
  readonly reject: (error: WebhookWaitError) => void
  readonly timer: ReturnType<typeof setTimeout>
}

/**
 * Starts a receiver; resolves once it listens. Rejects with a `RangeError`
 * without a non-empty secret or with a negative tolerance.
 *
 * @category constructors
 * @since 0.2.0
 */
export const startWebhookReceiver = async (options: ReceiverOptions): Promise<WebhookReceiver> => {
  const secrets = options.secrets ?? (options.secret === undefined ? [] : [options.secret])
  if (secrets.length === 0 || secrets.some((secret) => secret.length === 0)) {
    throw new RangeError("A webhook receiver needs at least one non-empty secret")
  }
  if (options.toleranceSeconds !== undefined && !(options.toleranceSeconds >= 0)) {
    throw new RangeError("toleranceSeconds must be a number of seconds, 0 or more")
  }
  const now = options.now ?? (() => Date.now())
  const respond = options.respond ?? ((delivery: IncomingDelivery) => (delivery.verified ? 200 : 401))
  const deliveries: Array<WebhookDelivery> = []
  const attempts = new Map<string, number>()
  const waiters = new Set<Waiter>()

  const settle = (waiter: Waiter) => {
    clearTimeout(waiter.timer)
    waiters.delete(waiter)
  }

  const receive = async (request: IncomingMessage, raw: Buffer): Promise<WebhookDelivery> => {
    const headers = headersOf(request)
    const time = now()
    const body = raw.toString("utf8")
    let failure: WebhookVerificationError | undefined
    try {
      verifyWebhook({
        secrets,
        payload: raw,
        signatureHeader: headers[headerNames.signatures],
        timestampHeader: headers[headerNames.timestamp],
        toleranceSeconds: options.toleranceSeconds,
        now: time
      })
    } catch (error) {
      failure = error as WebhookVerificationError
    }
    const webhookId = headers[headerNames.id]
    const attempt = webhookId === undefined ? 1 : (attempts.get(webhookId) ?? 0) + 1
    if (webhookId !== undefined) attempts.set(webhookId, attempt)
    const incoming: IncomingDelivery = {
      index: deliveries.length,
      webhookId,
      attempt,
      path: request.url ?? "/",
      headers,
      body,
      event: parseEvent(body),
      verified: failure === undefined,
      failure,
      receivedAt: new Date(time)
    }
    // Kept in arrival order, before `respond` (which may be asynchronous) runs.
    deliveries.push({ ...incoming, status: 0 })
    let status = 500
    try {
      const chosen = await respond(incoming)
      // A status HTTP cannot carry is answered 500, as a `respond` that throws.
      if (Number.isInteger(chosen) && chosen >= 200 && chosen <= 599) status = chosen
    } catch {
      // `respond` failed: 500.
    }
    const delivery: WebhookDelivery = { ...incoming, status }
    deliveries[incoming.index] = delivery
    return delivery
  }

  const notify = (delivery: WebhookDelivery) => {
    for (const waiter of waiters) {
      if (delivery.event?.name === waiter.name && waiter.where(delivery)) {
        settle(waiter)
        waiter.resolve(delivery)
      }
    }
  }

  const server: Server = createServer((request, response) => {
    if (request.method !== "POST") {
      response.writeHead(405, { allow: "POST" }).end()
      return
    }
    readBody(request).then(async (raw) => {
      if (raw === undefined) {
        response.writeHead(413).end()
        return
      }
      const delivery = await receive(request, raw)
      response.writeHead(delivery.status, { "content-type": "text/plain" }).end()
      notify(delivery)
    }).catch(() => {
      if (!response.headersSent) response.writeHead(400).end()
    })
  })

  const host = options.host ?? "127.0.0.1"
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`

  // Only deliveries that were answered count: a status of 0 is one still being answered.
  const answered = () => deliveries.filter((d) => d.status !== 0)
  const defaultWhere = (delivery: WebhookDelivery) => delivery.verified

  return {
    url,
    deliveries: answered,
    verified: () => answered().filter((d) => d.verified),
    failed: () => answered().filter((d) => !d.verified),
    waitFor: (name, waitOptions = {}) => {
      const where = waitOptions.where ?? defaultWhere
      const found = answered().find((d) => d.event?.name === name && where(d))
      if (found !== undefined) return Promise.resolve(found)
      if (!server.listening) {
        return Promise.reject(
          new WebhookWaitError({ reason: "Closed", name, message: `The receiver is closed; ${describe(answered())}` })
        )
      }
      const timeoutMs = waitOptions.timeoutMs ?? defaultTimeoutMs
      return new Promise<WebhookDelivery>((resolve, reject) => {
        const waiter: Waiter = {
          name,
          where,
          resolve,
          reject,
          timer: setTimeout(() => {
            settle(waiter)
            reject(
              new WebhookWaitError({
                reason: "Timeout",
                name,
                message: `No matching "${name}" webhook within ${timeoutMs} ms (a hang guard); ${
                  describe(answered())
                }`
              })
            )
          }, timeoutMs)
        }
        waiters.add(waiter)
      })
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const waiter of waiters) {
          settle(waiter)
          waiter.reject(
            new WebhookWaitError({
              reason: "Closed",
              name: waiter.name,
              message: `The receiver closed before a matching "${waiter.name}" webhook; ${describe(answered())}`
            })
          )
        }
        if (!server.listening) {
          resolve()
          return
        }
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/**
 * The receiver for Effect code: `waitFor` fails with `WebhookWaitError`.
 *
 * @category models
 * @since 0.2.0
 */
export interface EffectWebhookReceiver {
  readonly url: string
  readonly deliveries: Effect.Effect<ReadonlyArray<WebhookDelivery>>
  readonly waitFor: (name: string, options?: WaitOptions) => Effect.Effect<WebhookDelivery, WebhookWaitError>
}

/**
 * A receiver closed with the scope. Its time is `Clock`'s unless `now` is
 * given (so `TestClock` pins it; `waitFor`'s hang guard runs on real time).
 *
 * @category constructors
 * @since 0.2.0
 */
export const scoped = (options: ReceiverOptions): Effect.Effect<EffectWebhookReceiver, never, Scope.Scope> =>
  Effect.clockWith((clock) =>
    Effect.acquireRelease(
      Effect.promise(() =>
        startWebhookReceiver({ ...options, now: options.now ?? (() => clock.currentTimeMillisUnsafe()) })
      ),
      (receiver) => Effect.promise(() => receiver.close())
    )
  ).pipe(
    Effect.map((receiver) => ({
      url: receiver.url,
      deliveries: Effect.sync(() => receiver.deliveries()),
      waitFor: (name, waitOptions) =>
        Effect.tryPromise({
          try: () => receiver.waitFor(name, waitOptions),
          catch: (error) => error as WebhookWaitError
        })
    }))
  )
