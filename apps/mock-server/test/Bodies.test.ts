import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { maxBodyBytes } from "../src/Limits.ts"
import { rawConnection, startServer, type TestServer } from "./support/server.ts"

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

// A request with a raw JSON body; answers the status, the body's size in bytes and the parsed body.
const send = async (method: string, path: string, body: string) => {
  const response = await fetch(`${server.url}${path}`, { method, headers: { "content-type": "application/json" }, body })
  const text = await response.text()
  return { status: response.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) }
}

const newSession = async () => (await send("POST", "/checkout/sessions", "{}")).body.id as string

// Empty objects in a list under `key`, as many as fit in the body limit.
const emptyItems = (key: string) => {
  const count = Math.floor((maxBodyBytes - 32) / 3)
  return `{"${key}":[${Array(count).fill("{}").join(",")}]}`
}

// An object of `extra` unknown keys beside `fields`, as many as fit in the body limit.
const unknownKeys = (fields: Record<string, unknown>) => {
  const keys: Array<string> = []
  let size = 200
  for (let i = 0; size < maxBodyBytes - 32; i++) {
    const key = `"k${i}":1`
    keys.push(key)
    size += key.length + 1
  }
  return `{${JSON.stringify(fields).slice(1, -1)},${keys.join(",")}}`
}

// A 400 whose details are capped: the first 100, the rest counted in the message, the answer small.
const assertCapped = (response: Awaited<ReturnType<typeof send>>, firstPointer: string) => {
  assert.strictEqual(response.status, 400)
  assert.strictEqual(response.body.type, "error")
  assert.strictEqual(response.body.details.length, 100)
  assert.strictEqual(response.body.details[0].pointer, firstPointer)
  assert.match(response.body.message, /^Request failed validation: the first 100 invalid fields are listed, at least 900 more are not$/)
  assert.isBelow(response.bytes, 20_000)
}

describe("a body of up to the size limit full of invalid values", () => {
  it("create: a 1 MB list of empty cart items answers 400 with 100 details", async () => {
    const body = emptyItems("cart_items")
    assert.isAbove(body.length, maxBodyBytes - 64)
    assertCapped(await send("POST", "/checkout/sessions", body), "/cart_items/0/name")
  })

  it("update: the same on PUT", async () => {
    const id = await newSession()
    assertCapped(await send("PUT", `/checkout/sessions/${id}`, emptyItems("cart_items")), "/cart_items/0/name")
  })

  it("secure fields: a card of unknown keys answers 400 with 100 details", async () => {
    const id = await newSession()
    const card = unknownKeys({ method: "card", number: "4111111111111111", expiration_date: "12/30" })
    const response = await send("PUT", `/checkout/sessions/${id}/fields`, `{"payment_method":${card}}`)
    assertCapped(response, "/payment_method/k0")
    assert.notInclude(JSON.stringify(response.body), "4111111111111111")
  })

  it("card details: a body of unknown keys answers 400 with 100 details", async () => {
    const id = await newSession()
    assertCapped(await send("POST", `/checkout/sessions/${id}/card-details`, unknownKeys({ bin: "411111" })), "/k0")
  })

  it("the clock: a body of unknown keys answers 400 with 100 details", async () => {
    assertCapped(await send("POST", "/_mock/clock", unknownKeys({ advance_seconds: 1 })), "/k0")
  })

  it("the server keeps serving afterwards", async () => {
    assert.strictEqual((await fetch(`${server.url}/health`)).status, 200)
  })
})

// A create with raw bytes and a content type; answers the status and the parsed body.
const create = async (body: Uint8Array | string, contentType = "application/json") => {
  const response = await fetch(`${server.url}/checkout/sessions`, { method: "POST", headers: { "content-type": contentType }, body })
  return { status: response.status, body: (await response.json()) as any }
}

describe("content types and encodings", () => {
  it("a JSON body sent as text/plain or without a JSON type is read as JSON", async () => {
    for (const type of ["text/plain;charset=UTF-8", "application/x-www-form-urlencoded"]) {
      const created = await create(`{"metadata":{"k":"v"}}`, type)
      assert.strictEqual(created.status, 201, type)
      assert.deepStrictEqual(created.body.metadata, { k: "v" })
    }
  })

  it("bytes that are not UTF-8 answer 400, never stored as replacement characters", async () => {
    const body = Buffer.concat([Buffer.from(`{"metadata":{"k":"a`), Buffer.from([0xff, 0xfe]), Buffer.from(`"}}`)])
    const refused = await create(body)
    assert.strictEqual(refused.status, 400)
    assert.strictEqual(refused.body.message, "The request body is not valid UTF-8")
    assert.deepStrictEqual(refused.body.details, [{ location: "body", pointer: "", message: "Invalid UTF-8", type: "value_error.jsondecode" }])
  })

  it("the same through Expect: 100-continue", async () => {
    const connection = await rawConnection(server.url)
    connection.write(
      "POST /checkout/sessions HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ncontent-length: 4\r\n" +
        "expect: 100-continue\r\n\r\n"
    )
    await connection.waitFor(/100 Continue/)
    connection.write(Buffer.from([0x22, 0xc3, 0x28, 0x22]) as never)
    await connection.waitFor(/\r\n\r\n\{.*\}$/)
    assert.match(connection.received(), /HTTP\/1\.1 400 [\s\S]*not valid UTF-8/)
    connection.destroy()
  })

  it("a lone surrogate in a string or a key answers 400 with its pointer", async () => {
    const refused = await create(`{"metadata":{"a":"ok","b":"x\\ud800","\\udc00":"v"},"cart_items":[{"name":"\\udfff"}]}`)
    assert.strictEqual(refused.status, 400)
    assert.deepStrictEqual(refused.body.details.map((d: any) => [d.pointer, d.type]), [
      ["/metadata/b", "string_unicode"],
      ["/metadata/\udc00", "string_unicode"],
      ["/cart_items/0/name", "string_unicode"]
    ])
    // A well-formed pair is fine.
    assert.strictEqual((await create(`{"metadata":{"k":"\\ud83d\\uded2"}}`)).status, 201)
  })
})
