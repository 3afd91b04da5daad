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

  it.effect("says the server offers no clock where its controls are off", () =>
    Effect.gen(function*() {
      const controls = yield* controlsFor(off.url)
      assert.isFalse(yield* controls.advanceClock(1))
      assert.isUndefined(yield* controls.clock)
      assert.isUndefined(yield* controls.sessions())
    }))
})
