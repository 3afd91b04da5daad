import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { call, docsSpec, startServer, type TestServer } from "./support/server.ts"

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
    assert.deepStrictEqual(Object.keys(payload.properties).toSorted(), ["advance_seconds", "offset_seconds", "time"])
    assert.isUndefined(payload.required)
  })

  it("/docs renders the same document, controls included", async () => {
    const docs = await docsSpec(server.url)
    const { paths } = (await api("GET", "/openapi.json")).body
    assert.deepStrictEqual(Object.keys(docs.paths).toSorted(), Object.keys(paths).toSorted())
    assert.deepStrictEqual(Object.keys(docs.paths["/_mock/clock"]).toSorted(), ["get", "post"])
  })
})

const as = (account: string) => ({ "x-gr4vy-merchant-account-id": account })

const clockOf = async (account: string) => (await api("GET", "/_mock/clock", { headers: as(account) })).body
const move = (account: string, body: unknown) => api("POST", "/_mock/clock", { body, headers: as(account) })

describe("one clock per merchant account", () => {

  it("a move is the caller's account's: its sessions expire, another account's sessions and clock stay", async () => {
    await api("POST", "/_mock/reset")
    const mine = (await api("POST", "/checkout/sessions", { body: { expires_in: 3600 }, headers: as("tests") })).body.id
    const theirs = (await api("POST", "/checkout/sessions", { body: { expires_in: 3600 }, headers: as("shop") })).body.id
    const before = await clockOf("shop")

    const moved = await move("tests", { advance_seconds: 3601 })
    assert.strictEqual(moved.status, 200)
    assert.strictEqual(moved.body.offset_seconds, 3601)
    assert.strictEqual(moved.body.purged_sessions, 1)
    assert.strictEqual((await clockOf("tests")).offset_seconds, 3601)
    assert.strictEqual((await api("GET", `/checkout/sessions/${mine}`, { headers: as("tests") })).status, 404)

    const shop = await clockOf("shop")
    assert.strictEqual(shop.offset_seconds, 0)
    assert.isBelow(Date.parse(shop.now) - Date.parse(before.now), 3_600_000)
    assert.strictEqual((await api("GET", `/checkout/sessions/${theirs}`, { headers: as("shop") })).status, 200)
    // Without the header: the default account's clock, not moved either.
    assert.strictEqual((await api("GET", "/_mock/clock")).body.offset_seconds, 0)
  })

  it("sets an absolute time or an offset, and offset_seconds 0 undoes a move", async () => {
    await api("POST", "/_mock/reset")
    const target = new Date(Date.parse((await clockOf("tests")).now) + 7_200_000).toISOString()
    const set = await move("tests", { time: target })
    assert.strictEqual(set.status, 200)
    assert.strictEqual(set.body.now, target)
    assert.isAbove(set.body.offset_seconds, 0)
    assert.isAtMost(set.body.offset_seconds, 7200)

    const offset = await move("tests", { offset_seconds: 60 })
    assert.strictEqual(offset.body.offset_seconds, 60)
    const undone = await move("tests", { offset_seconds: 0 })
    assert.strictEqual(undone.body.offset_seconds, 0)
    assert.strictEqual((await clockOf("tests")).offset_seconds, 0)
  })

  it("refuses a time before real time, two ways of moving at once, and none, in the API's error shape", async () => {
    const past = await move("tests", { time: "2001-01-01T00:00:00Z" })
    assert.strictEqual(past.status, 400)
    assert.strictEqual(past.body.details[0].pointer, "/time")
    assert.match(past.body.message, /before real time/)
    const notATime = await move("tests", { time: "yesterday" })
    assert.strictEqual(notATime.status, 400)
    assert.strictEqual(notATime.body.details[0].pointer, "/time")
    for (const body of [{ advance_seconds: 1, offset_seconds: 1 }, {}]) {
      const refused = await move("tests", body)
      assert.strictEqual(refused.status, 400)
      assert.match(refused.body.message, /exactly one of advance_seconds, offset_seconds and time/)
    }
  })
})

describe("the controls' bodies, decoded by the contract's schema", () => {
  it("a body that is not JSON, or a value of the wrong type, answers 400 naming where", async () => {
    const notJson = await api("POST", "/_mock/clock", { raw: "{advance" })
    assert.strictEqual(notJson.status, 400)
    assert.strictEqual(notJson.body.message, "The request body is not valid JSON")
    assert.deepStrictEqual(notJson.body.details.map((d: any) => [d.location, d.pointer]), [["body", ""]])
    const empty = await api("POST", "/_mock/clock", { raw: "" })
    assert.strictEqual(empty.status, 400)
    assert.strictEqual(empty.body.code, "bad_request")
    const wrongType = await api("POST", "/_mock/clock", { body: { advance_seconds: "ten" } })
    assert.strictEqual(wrongType.status, 400)
    assert.deepStrictEqual(wrongType.body.details.map((d: any) => [d.location, d.pointer]), [["body", "/advance_seconds"]])
  })

  it("a JSON body sent with another content type (curl's -d) is read as JSON", async () => {
    await api("POST", "/_mock/reset")
    const moved = await fetch(`${server.url}/_mock/clock`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `{"offset_seconds": 60}`
    })
    assert.strictEqual(moved.status, 200)
    assert.strictEqual(((await moved.json()) as any).offset_seconds, 60)
    await api("POST", "/_mock/reset")
  })
})
