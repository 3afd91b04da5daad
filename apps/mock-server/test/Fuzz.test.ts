import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { CheckoutSession, sessionFields } from "@checkout-kit/domain/CheckoutSession"
import * as Defaults from "@checkout-kit/domain/Defaults"
import { ErrorDetailType, errorDetailTypes } from "@checkout-kit/domain/Errors"
import * as Fixtures from "@checkout-kit/fixtures"
import { Schema } from "effect"
import * as fc from "fast-check"
import { call, startServer, type TestServer } from "./support/server.ts"
import { specErrors } from "./support/spec.ts"

// The fixtures package drives the server: random valid and invalid bodies over real HTTP.
//
// Every sample is generated here, before the server starts, never between requests. The server runs in this
// process: generating 1,000 invalid mutations blocks the event loop for seconds (10 s and more on a loaded
// machine), during which fetch's pooled keep-alive connections sit idle. Past the server's keep-alive timeout
// (Node's 5 s plus its 1 s buffer) neither side's idle timer has had a chance to run; when the loop resumes,
// fetch writes the next request on a pooled socket, then the server's overdue timer destroys that socket with the
// request unread, and the kernel answers with a reset: `fetch failed … ECONNRESET`. That is the client reusing a
// connection past the server's advertised `Keep-Alive: timeout=5`, which the server closes as any Node server
// does; the fix is not to stall the client between requests.
const bodies = fc.sample(Fixtures.checkoutSessionUpdate, { numRuns: 1000, seed: 2026 })
const mutations = fc.sample(Fixtures.invalidOf.CheckoutSessionUpdate, { numRuns: 1000, seed: 2027 })
const putMutations = fc.sample(Fixtures.invalidOf.CheckoutSessionUpdate, { numRuns: 100, seed: 5 })
const fieldMutations = fc.sample(Fixtures.invalidOf.CheckoutSessionSecureFields, { numRuns: 100, seed: 6 })

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

const withDefaults = Defaults.make(CheckoutSession)

// Runs `f` over items, `limit` at a time.
const inBatches = async <A>(items: ReadonlyArray<A>, limit: number, f: (a: A, i: number) => Promise<void>) => {
  for (let start = 0; start < items.length; start += limit) {
    await Promise.all(items.slice(start, start + limit).map((item, j) => f(item, start + j)))
  }
}

describe("fuzzing the server with the fixtures", () => {
  it("1,000 random valid bodies round-trip through POST then GET, and every answer matches the spec", async () => {
    await inBatches(bodies, 25, async (body, i) => {
      const created = await call(server.url, "POST", "/checkout/sessions", { body })
      assert.strictEqual(created.status, 201, `body ${i}: ${JSON.stringify(created.body).slice(0, 300)}`)
      assert.deepStrictEqual(specErrors("CheckoutSession", created.body), [], `body ${i}`)
      const read = await call(server.url, "GET", `/checkout/sessions/${created.body.id}`)
      assert.deepStrictEqual(read.body, created.body)
      const sent: Record<string, unknown> = {}
      for (const key of sessionFields) {
        const value = (body as Record<string, unknown>)[key]
        if (value !== undefined && value !== null) sent[key] = value
      }
      const expected = withDefaults(sent as never) as Record<string, unknown>
      for (const key of sessionFields) assert.deepStrictEqual(read.body[key], expected[key], `body ${i}: ${key}`)
    })
  })

  it("1,000 invalid bodies get 400 with the broken field's pointer, never a 5xx", async () => {
    await inBatches(mutations, 25, async (mutation, i) => {
      const response = await call(server.url, "POST", "/checkout/sessions", { body: mutation.value })
      assert.isBelow(response.status, 500, `mutation ${i}`)
      assert.strictEqual(response.status, 400, `mutation ${i}: ${mutation.pointer} ${mutation.constraint}`)
      assert.deepStrictEqual(specErrors("Error400", response.body), [])
      assert.include(response.body.details.map((d: { pointer: string }) => d.pointer), mutation.pointer, mutation.constraint)
      const detail = response.body.details.find((d: { pointer: string }) => d.pointer === mutation.pointer)
      assert.isTrue(Schema.is(ErrorDetailType)(detail.type), detail.type)
      // Each constraint kind is a row of the table (type-checked), but a wrong type or format, whose name
      // depends on the field.
      if (mutation.constraint !== "type" && mutation.constraint !== "format") {
        assert.strictEqual(detail.type, errorDetailTypes[mutation.constraint], mutation.pointer)
      }
    })
  })

  it("invalid secure fields and PUT bodies are rejected the same way", async () => {
    const created = await call(server.url, "POST", "/checkout/sessions")
    const path = `/checkout/sessions/${created.body.id}`
    for (const mutation of putMutations) {
      const response = await call(server.url, "PUT", path, { body: mutation.value })
      assert.strictEqual(response.status, 400)
      assert.include(response.body.details.map((d: { pointer: string }) => d.pointer), mutation.pointer)
    }
    for (const mutation of fieldMutations) {
      const response = await call(server.url, "PUT", `${path}/fields`, { body: mutation.value })
      assert.strictEqual(response.status, 400, `${mutation.pointer} ${mutation.constraint}`)
      assert.include(response.body.details.map((d: { pointer: string }) => d.pointer), mutation.pointer)
    }
  })
})
