import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { call, startServer, type TestServer } from "./support/server.ts"

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

const api = (method: string, path: string, options?: Parameters<typeof call>[3]) => call(server.url, method, path, options)

describe("the /_mock/ controls in the contract", () => {
  it("GET /_mock/clock answers the server's time and its offset, moved and reset", async () => {
    assert.strictEqual((await api("POST", "/_mock/reset")).status, 200)
    const initial = await api("GET", "/_mock/clock")
    assert.strictEqual(initial.status, 200)
    assert.deepStrictEqual(Object.keys(initial.body).toSorted(), ["now", "offset_seconds"])
    assert.strictEqual(initial.body.offset_seconds, 0)
    assert.strictEqual(new Date(initial.body.now).toISOString(), initial.body.now)

    const moved = await api("POST", "/_mock/clock", { body: { advance_seconds: 90 } })
    const read = await api("GET", "/_mock/clock")
    assert.strictEqual(read.body.offset_seconds, 90)
    assert.isAtLeast(Date.parse(read.body.now), Date.parse(moved.body.now))

    await api("POST", "/_mock/reset")
    assert.strictEqual((await api("GET", "/_mock/clock")).body.offset_seconds, 0)
  })

  it("reading the clock is not journalled", async () => {
    await api("POST", "/_mock/reset")
    await api("GET", "/_mock/clock")
    assert.deepStrictEqual((await api("GET", "/_mock/requests")).body.items, [])
  })

  it("a method a control does not take answers 405 with the methods it does", async () => {
    const response = await api("PUT", "/_mock/clock", { body: {} })
    assert.strictEqual(response.status, 405)
    assert.strictEqual(response.body.code, "method_not_allowed")
    assert.deepStrictEqual(response.headers.get("allow")?.split(", ").toSorted(), ["GET", "POST"])
  })

  it("/openapi.json lists every control", async () => {
    const { paths } = (await api("GET", "/openapi.json")).body
    const operations = (path: string) => Object.keys(paths[path] ?? {}).toSorted()
    assert.deepStrictEqual(operations("/_mock/clock"), ["get", "post"])
    assert.deepStrictEqual(operations("/_mock/requests"), ["get"])
    assert.deepStrictEqual(operations("/_mock/reset"), ["post"])
    const payload = paths["/_mock/clock"].post.requestBody.content["application/json"].schema
    assert.deepStrictEqual(payload.required, ["advance_seconds"])
  })
})
