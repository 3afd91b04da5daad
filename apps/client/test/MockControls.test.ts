import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { FetchHttpClient } from "effect/http"
import * as CheckoutKitClient from "../src/CheckoutKitClient.ts"
import * as MockControls from "../src/MockControls.ts"
import { startMock } from "./support.ts"

let on: Awaited<ReturnType<typeof startMock>>
let off: Awaited<ReturnType<typeof startMock>>
beforeAll(async () => {
  on = await startMock()
  off = await startMock({ admin: false })
})
afterAll(async () => {
  await on.close()
  await off.close()
})

// The controls on the client's own `HttpClient` for a server.
const controlsFor = (baseUrl: string) =>
  Effect.flatMap(CheckoutKitClient.httpClient({ baseUrl }), MockControls.make).pipe(
    Effect.provide(FetchHttpClient.layer)
  )

describe("MockControls, typed from the contract", () => {
  it.effect("moves and reads the mock's clock", () =>
    Effect.gen(function*() {
      yield* Effect.promise(() => on.reset())
      const controls = yield* controlsFor(on.url)
      assert.strictEqual((yield* controls.clock)?.offset_seconds, 0)
      assert.isTrue(yield* controls.advanceClock(120))
      const clock = yield* controls.clock
      assert.strictEqual(clock?.offset_seconds, 120)
      assert.strictEqual(new Date(clock!.now).toISOString(), clock!.now)
    }))

  it.effect("lists the mock's sessions, newest first, by merchant account and a page at a time", () =>
    Effect.gen(function*() {
      yield* Effect.promise(() => on.reset())
      const ids: Array<string> = []
      for (const account of ["acme", "acme", "globex"]) {
        const response = yield* Effect.promise(() =>
          fetch(`${on.url}/checkout/sessions`, {
            method: "POST",
            headers: { "x-gr4vy-merchant-account-id": account },
            body: JSON.stringify({ metadata: { account } })
          }).then((r) => r.json() as Promise<{ id: string }>)
        )
        ids.push(response.id)
      }
      const controls = yield* controlsFor(on.url)
      const all = yield* controls.sessions()
      assert.deepStrictEqual(all?.items.map((item) => item.session.id), ids.toReversed())
      assert.deepStrictEqual(all?.items[0].session.metadata, { account: "globex" })
      const first = yield* controls.sessions({ merchantAccountId: "acme", limit: 1 })
      assert.deepStrictEqual(first?.items.map((item) => [item.merchant_account_id, item.session.id]), [["acme", ids[1]]])
      assert.isString(first?.next_cursor)
      const second = yield* controls.sessions({ merchantAccountId: "acme", limit: 1, cursor: first!.next_cursor! })
      assert.deepStrictEqual(second?.items.map((item) => item.session.id), [ids[0]])
      assert.isNull(second?.next_cursor)
    }))

  it.effect("sets the clock to an offset or an absolute time, on the account the client names", () =>
    Effect.gen(function*() {
      yield* Effect.promise(() => on.reset())
      const qa = yield* Effect.flatMap(CheckoutKitClient.httpClient({ baseUrl: on.url, merchantAccountId: "qa" }), MockControls.make).pipe(
        Effect.provide(FetchHttpClient.layer)
      )
      const other = yield* controlsFor(on.url)
      assert.isTrue(yield* qa.setClockOffset(300))
      assert.strictEqual((yield* qa.clock)?.offset_seconds, 300)
      assert.strictEqual((yield* other.clock)?.offset_seconds, 0)
      const target = new Date(Date.parse((yield* qa.clock)!.now) + 3_600_000)
      assert.isTrue(yield* qa.setClockTime(target))
      assert.isAbove((yield* qa.clock)!.offset_seconds, 300)
      assert.isFalse(yield* qa.setClockTime(new Date(0)))
      assert.isTrue(yield* qa.setClockOffset(0))
      assert.strictEqual((yield* qa.clock)?.offset_seconds, 0)
    }))

  it.effect("says the server offers no clock where its controls are off", () =>
    Effect.gen(function*() {
      const controls = yield* controlsFor(off.url)
      assert.isFalse(yield* controls.advanceClock(1))
      assert.isUndefined(yield* controls.clock)
      assert.isUndefined(yield* controls.sessions())
    }))
})
