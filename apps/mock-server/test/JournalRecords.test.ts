import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { Headers, HttpServerResponse } from "effect/http"
import { bodyText, Journal, type JournalInput, maxBodyChars } from "../src/Journal.ts"

const input = (requestBody: JournalInput["requestBody"]): JournalInput => ({
  method: "POST",
  path: "/checkout/sessions",
  status: 201,
  merchantAccountId: "default",
  time: "2026-12-06T00:00:00.000Z",
  durationMs: 1,
  forcedStatus: undefined,
  delayMs: undefined,
  requestHeaders: { "content-type": "application/json" },
  requestBody,
  cardData: false,
  response: undefined
})

describe("Journal records", () => {
  it.effect("a body recorded as bytes reads back as its text, in the record and in its JSON", () =>
    Effect.gen(function*() {
      const journal = yield* Journal
      const text = `{"buyer":"Zoë","amount":"€1"}`
      journal.record(input(Buffer.from(text)))
      journal.record(input(text))
      journal.record(input(undefined))
      const [bytes, asText, none] = yield* journal.entries
      assert.strictEqual(bytes.requestBody, text)
      assert.strictEqual(asText.requestBody, text)
      assert.isUndefined(none.requestBody)
      assert.strictEqual(JSON.parse(JSON.stringify(bytes)).requestBody, text)
      assert.deepStrictEqual(JSON.parse(JSON.stringify(bytes)), { ...JSON.parse(JSON.stringify(asText)), id: bytes.id })
    }).pipe(Effect.provide(Journal.layerWith(10))))

  it.effect("bytes that may hold more characters than the limit are cut as text is", () =>
    Effect.gen(function*() {
      const journal = yield* Journal
      journal.record(input(Buffer.from("x".repeat(maxBodyChars + 10))))
      const [cut] = yield* journal.entries
      assert.strictEqual(cut.requestBody, `${"x".repeat(maxBodyChars)}… [10 more characters not kept]`)
    }).pipe(Effect.provide(Journal.layerWith(10))))

  it.effect("bytes are copied into the record's own: what the record holds does not follow the bytes recorded", () =>
    Effect.gen(function*() {
      const journal = yield* Journal
      const pool = Buffer.from(`xx{"a":1}yy`)
      const view = pool.subarray(2, 9)
      const whole = new Uint8Array(Buffer.from(`{"b":2}`))
      journal.record(input(view))
      journal.record(input(whole))
      // A view of a larger buffer (a slice of Node's pool) and a buffer of its own alike.
      pool.write(`{"z":9}`, 2)
      whole.set(Buffer.from(`{"c":3}`))
      const [fromView, fromWhole] = yield* journal.entries
      assert.strictEqual(fromView.requestBody, `{"a":1}`)
      assert.strictEqual(fromWhole.requestBody, `{"b":2}`)
    }).pipe(Effect.provide(Journal.layerWith(10))))

  it.effect("reads back every field as recorded: headers raw (lists too), the response's, what Prefer forced", () =>
    Effect.gen(function*() {
      const journal = yield* Journal
      const events: Array<unknown> = []
      journal.subscribe((event) => events.push(event))
      // Effect's headers redact themselves when turned into JSON: the journal keeps them whole (it redacts when shown).
      const requestHeaders = Headers.fromInput({ authorization: "Bearer abc.def.ghi", "x-list": "é" })
      const response = HttpServerResponse.text("{}", {
        status: 503,
        contentType: "application/json",
        headers: { "x-a": "1" }
      })
      journal.record({
        ...input(undefined),
        status: 503,
        forcedStatus: 503,
        delayMs: 5,
        cardData: true,
        requestHeaders: { ...requestHeaders, "set-cookie": ["a=1", "b=2"], absent: undefined },
        response
      })
      const [record] = yield* journal.entries
      assert.deepStrictEqual({ ...record }, {
        id: 1,
        method: "POST",
        path: "/checkout/sessions",
        status: 503,
        merchantAccountId: "default",
        time: "2026-12-06T00:00:00.000Z",
        durationMs: 1,
        forcedStatus: 503,
        delayMs: 5,
        requestHeaders: { authorization: "Bearer abc.def.ghi", "x-list": "é", "set-cookie": ["a=1", "b=2"] },
        cardData: true,
        requestBody: undefined,
        response: { headers: { ...response.headers }, contentType: "application/json" },
        responseBody: "{}"
      })
      assert.deepStrictEqual(yield* journal.get(1), record)
      assert.deepStrictEqual(events, [{ _tag: "request", record }])
    }).pipe(Effect.provide(Journal.layerWith(10))))

  it("bodyText decodes a view of a larger buffer by its own bytes only", () => {
    const whole = Buffer.from("ab€cd")
    assert.strictEqual(bodyText(whole.subarray(2, 5)), "€")
    assert.strictEqual(bodyText("as is"), "as is")
    assert.isUndefined(bodyText(undefined))
  })
})
