/**
 * A bounded journal of recent requests, for tests and people who want to see
 * what reached the mock (`/_mock/requests`, `/_mock/events`, the inspector):
 * method, path, status, merchant account, time, duration and what `Prefer`
 * forced; and, for the detail view, the request's headers and bodies and the
 * response's.
 *
 * Each record is kept as one small object and one buffer outside V8's heap:
 * its fields, the request's and the response's headers as JSON and the
 * request's body as the bytes the server read, decoded when they are shown.
 * A full journal's records outlive a young-generation collection and die in
 * the old generation; as bytes the garbage collector neither copies nor
 * promotes them (`BENCHMARKS.md`). The response's body is the text the server
 * answered with, which the store holds already. The body of a secure-fields
 * call is reduced on arrival (the card number to BIN and last four, the
 * security code removed: `Redact.ts`); everything else is redacted when it is
 * shown (tokens replaced by their claims, card-number-like digits masked).
 * Calls to `/_mock/` are not journalled.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import type { HttpServerResponse } from "effect/http"
import * as Redact from "./Redact.ts"

/**
 * One request as the middleware hands it to the journal.
 *
 * @category models
 * @since 0.2.0
 */
export interface JournalInput {
  readonly method: string
  readonly path: string
  readonly status: number
  readonly merchantAccountId: string
  /** ISO time of the answer. */
  readonly time: string
  readonly durationMs: number
  /** The status a `Prefer: code=` forced, if any. */
  readonly forcedStatus: number | undefined
  /** The latency a `Prefer: delay=` added, if any. */
  readonly delayMs: number | undefined
  readonly requestHeaders: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  /**
   * The request's body: the UTF-8 bytes read, or its text; of a secure-fields call, text already redacted
   * (`cardData`).
   */
  readonly requestBody: string | Uint8Array | undefined
  /** The body is a secure-fields call's: redacted on arrival, and withheld whole when it is not JSON. */
  readonly cardData: boolean
  /** The response, when one was made (not for a client that left: 499). */
  readonly response: HttpServerResponse.HttpServerResponse | undefined
}

/**
 * A body as text: UTF-8 bytes decoded, text as it is.
 *
 * @category capture
 * @since 0.2.0
 */
export const bodyText = (body: string | Uint8Array | undefined): string | undefined =>
  body === undefined || typeof body === "string"
    ? body
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8")

/**
 * What the journal keeps of a request: its record, with bodies over
 * `maxBodyChars` cut (a copy of their start, so the whole body is not held).
 *
 * @category models
 * @since 0.2.0
 */
export interface JournalRecord extends Omit<JournalInput, "response" | "requestBody"> {
  readonly id: number
  /** The request's body text; of a secure-fields call, redacted (`cardData`). */
  readonly requestBody: string | undefined
  /** The response's headers and content type, when one was made (not for a client that left: 499). */
  readonly response: { readonly headers: Readonly<Record<string, string>>; readonly contentType: string | undefined } | undefined
  readonly responseBody: string | undefined
}

/**
 * The longest body the journal keeps whole, in characters; longer ones are kept cut, with a note.
 *
 * @category constants
 * @since 0.2.0
 */
export const maxBodyChars = 65_536

// A body text as the journal keeps it: a large one cut, copied so the original can be collected.
const keep = (text: string | undefined) =>
  text === undefined || text.length <= maxBodyChars
    ? text
    : `${Buffer.from(text.slice(0, maxBodyChars), "utf8").toString("utf8")}… [${text.length - maxBodyChars} more characters not kept]`

// A request's body as the journal keeps it: bytes while they cannot hold more than `maxBodyChars` characters
// (one byte at least each), else the text, cut. Either is copied into the record's own bytes.
const keepBody = (body: string | Uint8Array | undefined): string | Uint8Array | undefined =>
  body instanceof Uint8Array && body.byteLength <= maxBodyChars ? body : keep(bodyText(body))

// A record as the journal keeps it: one small object and one buffer outside V8's heap. The buffer holds the
// record's fields and both headers as JSON (headers as they arrived: redacted when shown), then the request's body
// as UTF-8. The entries of a full journal live longer than a young-generation collection and die in the old
// generation, the costliest lifetime for V8's collector: as objects (the record, the request's and the
// response's headers: ≈ 0.7 KB a request), every one was copied and promoted; as bytes, only this object and the
// buffer's handle are. The response's body is a reference to the text the server answered with (which the store
// holds), as it was.
class Kept {
  readonly id: number
  readonly bytes: Buffer
  readonly fieldsLength: number
  readonly responseBody: string | undefined
  constructor(id: number, bytes: Buffer, fieldsLength: number, responseBody: string | undefined) {
    this.id = id
    this.bytes = bytes
    this.fieldsLength = fieldsLength
    this.responseBody = responseBody
  }
}

// Headers as JSON: their own names and values, as they are (Effect's `Headers` would redact themselves in JSON).
const plain = (headers: Readonly<Record<string, unknown>>): Record<string, unknown> => ({ ...headers })

const encode = (id: number, { requestBody, requestHeaders, response, ...fields }: JournalInput): Kept => {
  const body = keepBody(requestBody)
  const responseBody = response?.body
  // Fields that are undefined (`forcedStatus`, `delayMs`, `contentType`) are left out, and read back undefined.
  const text = JSON.stringify({
    ...fields,
    requestHeaders: plain(requestHeaders),
    response: response === undefined ? undefined : {
      headers: plain(response.headers),
      contentType: responseBody !== undefined && "contentType" in responseBody ? responseBody.contentType : undefined
    },
    hasBody: body !== undefined
  })
  const fieldsLength = Buffer.byteLength(text)
  const bodyLength = body === undefined ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.byteLength
  // A buffer of its own (not a slice of Node's shared pool), so a record holds its bytes and only them.
  const bytes = Buffer.allocUnsafeSlow(fieldsLength + bodyLength)
  bytes.write(text, 0, "utf8")
  if (typeof body === "string") bytes.write(body, fieldsLength, "utf8")
  else if (body !== undefined) bytes.set(body, fieldsLength)
  return new Kept(
    id,
    bytes,
    fieldsLength,
    responseBody?._tag === "Uint8Array"
      ? keep(responseBody.text ?? Buffer.from(responseBody.body).toString("utf8"))
      : undefined
  )
}

// A kept record as the journal shows it, decoded when it is read.
const decode = ({ bytes, fieldsLength, id, responseBody }: Kept): JournalRecord => {
  const { hasBody, response, ...fields } = JSON.parse(bytes.toString("utf8", 0, fieldsLength))
  return {
    forcedStatus: undefined,
    delayMs: undefined,
    ...fields,
    id,
    requestBody: hasBody ? bytes.toString("utf8", fieldsLength) : undefined,
    response: response === undefined ? undefined : { headers: response.headers, contentType: response.contentType },
    responseBody
  }
}

/**
 * What `/_mock/events` streams: each request as it is answered, and the
 * controls that change everything at once.
 *
 * @category models
 * @since 0.2.0
 */
export type JournalEvent =
  | { readonly _tag: "request"; readonly record: JournalRecord }
  | { readonly _tag: "reset" }
  | { readonly _tag: "clock"; readonly now: string }
  /**
   * A webhook delivery was attempted (`Webhooks.ts`): its id, event, status and attempts so far.
   * @since 0.4.0
   */
  | {
    readonly _tag: "webhook"
    readonly id: string
    readonly eventName: string
    readonly status: string
    readonly attempts: number
    readonly statusCode: number | null
  }
  /** The server is shutting down: streams end. */
  | { readonly _tag: "close" }

/**
 * @category services
 * @since 0.1.0
 */
export class Journal extends Context.Service<Journal, {
  readonly record: (entry: JournalInput) => void
  /** Oldest first. */
  readonly entries: Effect.Effect<ReadonlyArray<JournalRecord>>
  readonly get: (id: number) => Effect.Effect<JournalRecord | undefined>
  /** Empties the journal (ids keep counting) and tells the listeners. */
  readonly clear: Effect.Effect<void>
  /** Tells the listeners (`clock`, `close`). */
  readonly publish: (event: JournalEvent) => void
  /** Calls `listener` with every event from now on; returns the function that stops it. */
  readonly subscribe: (listener: (event: JournalEvent) => void) => () => void
  readonly capacity: number
}>()("@checkout-kit/mock-server/Journal") {
  /** How many requests the journal keeps by default. */
  static readonly defaultCapacity = 1000
  /** The most it may keep. */
  static readonly maxCapacity = 100_000

  /** A journal keeping the last `capacity` requests (0: none; events are still streamed). */
  static readonly layerWith = (capacity: number = Journal.defaultCapacity) =>
    Layer.sync(Journal, () => {
      const ring: Array<Kept | undefined> = Array.from({ length: capacity })
      let next = 0
      let count = 0
      let lastId = 0
      const listeners = new Set<(event: JournalEvent) => void>()
      const publish = (event: JournalEvent) => {
        for (const listener of listeners) listener(event)
      }
      return Journal.of({
        capacity,
        record: (input) => {
          const id = ++lastId
          if (capacity === 0 && listeners.size === 0) return
          const entry = encode(id, input)
          if (capacity > 0) {
            ring[next] = entry
            next = (next + 1) % capacity
            count = Math.min(count + 1, capacity)
          }
          if (listeners.size > 0) publish({ _tag: "request", record: decode(entry) })
        },
        entries: Effect.sync(() => {
          const start = (next - count + capacity) % capacity
          return Array.from({ length: count }, (_, i) => decode(ring[(start + i) % capacity]!))
        }),
        get: (id) =>
          Effect.sync(() => {
            if (count === 0 || !Number.isInteger(id)) return undefined
            // Ids are consecutive: the newest is at next - 1.
            const back = lastId - id
            if (back < 0 || back >= count) return undefined
            return decode(ring[(next - 1 - back + capacity * 2) % capacity]!)
          }),
        clear: Effect.sync(() => {
          ring.fill(undefined)
          next = 0
          count = 0
          publish({ _tag: "reset" })
        }),
        publish,
        subscribe: (listener) => {
          listeners.add(listener)
          return () => void listeners.delete(listener)
        }
      })
    })

  static readonly layer = Journal.layerWith()
}

/**
 * A journal record as `/_mock/requests` and `/_mock/events` show it
 * (`JournalEntry` of the contract).
 *
 * @category formatting
 * @since 0.2.0
 */
export const toEntry = (record: JournalRecord, operationOf: (method: string, path: string) => string | undefined) => ({
  id: record.id,
  method: record.method,
  path: record.path,
  operation: operationOf(record.method, record.path) ?? null,
  status: record.status,
  merchant_account_id: record.merchantAccountId,
  time: record.time,
  duration_ms: record.durationMs,
  forced_status: record.forcedStatus ?? null,
  delay_ms: record.delayMs ?? null
})

/**
 * A journal record in full, redacted (`JournalEntryDetail` of the contract).
 *
 * @category formatting
 * @since 0.2.0
 */
export const toDetail = (record: JournalRecord, operationOf: (method: string, path: string) => string | undefined) => {
  const authorization = record.requestHeaders["authorization"]
  const response = record.response
  const responseHeaders: Record<string, string> = {}
  if (response !== undefined) {
    for (const [name, value] of Object.entries(response.headers)) responseHeaders[name] = String(value)
    if (response.contentType !== undefined) responseHeaders["content-type"] ??= response.contentType
  }
  return {
    ...toEntry(record, operationOf),
    request: {
      headers: Redact.headers(record.requestHeaders),
      token: Redact.tokenSummary(typeof authorization === "string" ? authorization : undefined),
      body: Redact.body(record.requestBody, { cardData: record.cardData })
    },
    response: {
      headers: responseHeaders,
      body: Redact.body(record.responseBody, { cardData: false })
    }
  }
}
