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
