import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { call, startServer, type TestServer } from "./support/server.ts"

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

const api = (method: string, path: string, options?: Parameters<typeof call>[3]) => call(server.url, method, path, options)

const expectError = (status: number, body: any) => {
  assert.strictEqual(body.type, "error")
  assert.strictEqual(body.status, status)
  assert.isString(body.code)
  assert.isString(body.message)
  assert.isArray(body.details)
}

describe("ids that cannot be a session", () => {
  const ids = ["a".repeat(101), "%ZZ", `${"0".repeat(200)}%E0%A4%A`]
  for (const id of ids) {
    it(`${id.slice(0, 12)}… answers 404 on every session route`, async () => {
      for (const [method, path] of [
        ["GET", `/checkout/sessions/${id}`],
        ["PUT", `/checkout/sessions/${id}`],
        ["DELETE", `/checkout/sessions/${id}`],
        ["PUT", `/checkout/sessions/${id}/fields`],
        ["POST", `/checkout/sessions/${id}/card-details`]
      ]) {
        const response = await api(method, path, method === "GET" || method === "DELETE" ? {} : { body: {} })
        assert.strictEqual(response.status, 404, `${method} ${path}`)
        expectError(404, response.body)
        assert.isNull(response.headers.get("allow"))
      }
    })
  }

  it("a method the route does not take still answers 405", async () => {
    const response = await api("POST", "/checkout/sessions/%ZZ")
    assert.strictEqual(response.status, 405)
    assert.strictEqual(response.headers.get("allow"), "GET, PUT, DELETE")
  })
})

const advance = (seconds: number) => api("POST", "/_mock/clock", { body: { advance_seconds: seconds } })

describe("the clock", () => {
  const tenYears = 315_360_000

  it("moves at most ten years ahead of real time in all: 400 beyond, and sessions are still created", async () => {
    assert.strictEqual((await api("POST", "/_mock/reset")).status, 200)
    assert.strictEqual((await advance(tenYears - 100)).status, 200)
    for (const seconds of [101, tenYears]) {
      const refused = await advance(seconds)
      assert.strictEqual(refused.status, 400, String(seconds))
      expectError(400, refused.body)
      assert.strictEqual(refused.body.details[0].pointer, "/advance_seconds")
      assert.match(refused.body.message, /100 remain/)
    }
    assert.strictEqual((await advance(100)).status, 200)
    const created = await api("POST", "/checkout/sessions", { body: {} })
    assert.strictEqual(created.status, 201)
    assert.isTrue(Number.isFinite(Date.parse(created.body.expires_at)))
    assert.strictEqual((await api("POST", "/_mock/reset")).status, 200)
    assert.strictEqual((await advance(tenYears)).status, 200)
    assert.strictEqual((await api("POST", "/_mock/reset")).status, 200)
  })

  it("refuses more than ten years in one move", async () => {
    const refused = await advance(tenYears + 1)
    assert.strictEqual(refused.status, 400)
    assert.strictEqual(refused.body.details[0].pointer, "/advance_seconds")
  })
})
