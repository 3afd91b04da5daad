import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { call, docsSpec, startServer, type TestServer } from "./support/server.ts"

let server: TestServer
beforeAll(async () => {
  server = await startServer({ admin: false })
})
afterAll(() => server.close())

describe("--no-admin", () => {
  it("serves no /_mock/ controls", async () => {
    for (
      const [method, path] of [["POST", "/_mock/clock"], ["GET", "/_mock/clock"], ["GET", "/_mock/requests"], [
        "POST",
        "/_mock/reset"
      ]]
    ) {
      const response = await call(server.url, method, path, method === "POST" ? { body: { advance_seconds: 1 } } : {})
      assert.strictEqual(response.status, 404, path)
      assert.strictEqual(response.body.code, "not_found")
    }
  })

  it("documents no /_mock/ controls in /openapi.json", async () => {
    const { paths } = (await call(server.url, "GET", "/openapi.json")).body
    assert.deepStrictEqual(Object.keys(paths).filter((path) => path.startsWith("/_mock/")), [])
    assert.property(paths, "/checkout/sessions")
  })

  it("documents no /_mock/ controls in /docs", async () => {
    const { paths } = await docsSpec(server.url)
    assert.deepStrictEqual(Object.keys(paths).filter((path) => path.startsWith("/_mock/")), [])
    assert.property(paths, "/checkout/sessions")
  })

  it("still serves the API", async () => {
    assert.strictEqual((await call(server.url, "POST", "/checkout/sessions")).status, 201)
  })
})
