import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { isLuhnValid } from "../src/Cards.ts"
import { cardNumber } from "./support/cards.ts"
import { call, startServer, type TestServer } from "./support/server.ts"
import { specErrors } from "./support/spec.ts"

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

const api = (method: string, path: string, options?: Parameters<typeof call>[3]) => call(server.url, method, path, options)
const newSession = async (headers: Record<string, string> = {}) =>
  (await api("POST", "/checkout/sessions", { body: { metadata: { k: "v" } }, headers })).body.id as string

// The fingerprint a card gets on a new session of a merchant account.
const fingerprint = async (number: string, merchant: string) => {
  const headers = { "x-gr4vy-merchant-account-id": merchant }
  const id = await newSession(headers)
  await api("PUT", `/checkout/sessions/${id}/fields`, {
    body: { payment_method: { number, expiration_date: "01/49" } },
    headers
  })
  return (await api("GET", `/checkout/sessions/${id}`, { headers })).body.payment_method.fingerprint as string
}

const cards: ReadonlyArray<readonly [scheme: string, number: string]> = [
  ["visa", "4111111111111111"],
  ["visa", cardNumber("4", 13)],
  ["mastercard", "5555555555554444"],
  ["mastercard", cardNumber("2223", 16)],
  ["amex", "378282246310005"],
  ["discover", "6011111111111117"],
  ["jcb", "3530111333300000"],
  ["diners-club", "30569309025904"],
  ["unionpay", cardNumber("62", 19)],
  ["maestro", cardNumber("6759", 18)]
]

describe("PUT /checkout/sessions/{id}/fields", () => {
  it("the card numbers used here pass Luhn", () => {
    for (const [, number] of cards) assert.isTrue(isLuhnValid(number), number)
  })

  for (const [scheme, number] of cards) {
    it(`derives the payment method of a ${scheme} card (${number.length} digits)`, async () => {
      const id = await newSession()
      const fields = await api("PUT", `/checkout/sessions/${id}/fields`, {
        body: { payment_method: { method: "card", number, expiration_date: "12/49", security_code: "123" } }
      })
      assert.strictEqual(fields.status, 204)
      assert.strictEqual(fields.body, undefined)
      const session = (await api("GET", `/checkout/sessions/${id}`)).body
      assert.deepStrictEqual(specErrors("CheckoutSession", session), [])
      const method = session.payment_method
      assert.strictEqual(method.type, "payment-method")
      assert.strictEqual(method.method, "card")
      assert.strictEqual(method.scheme, scheme)
      assert.strictEqual(method.label, number.slice(-4))
      assert.strictEqual(method.details.bin, number.slice(0, number.length >= 16 ? 8 : 6))
      assert.match(method.fingerprint, /^[0-9a-f]{64}$/)
      const text = JSON.stringify(session)
      assert.notInclude(text, number)
      assert.notInclude(text, "\"123\"")
      assert.deepStrictEqual(session.metadata, { k: "v" })
    })
  }

  it("knows the card type of well-known test BINs", async () => {
    const id = await newSession()
    await api("PUT", `/checkout/sessions/${id}/fields`, {
      body: { payment_method: { number: "4000056655665556", expiration_date: "12/49" } }
    })
    assert.strictEqual((await api("GET", `/checkout/sessions/${id}`)).body.payment_method.details.card_type, "debit")
  })

  it("fingerprints are stable for a number and merchant account, and differ across them", async () => {
    const a = await fingerprint("4111111111111111", "m-1")
    assert.strictEqual(await fingerprint("4111111111111111", "m-1"), a)
    assert.notStrictEqual(await fingerprint("4111111111111111", "m-2"), a)
    assert.notStrictEqual(await fingerprint("5555555555554444", "m-1"), a)
  })

  it("a number failing the Luhn check: 400 pointing at it, and nothing stored", async () => {
    const id = await newSession()
    const response = await api("PUT", `/checkout/sessions/${id}/fields`, {
      body: { payment_method: { number: "4111111111111112", expiration_date: "12/49" } }
    })
    assert.strictEqual(response.status, 400)
    assert.deepStrictEqual(specErrors("Error400", response.body), [])
    assert.deepStrictEqual(response.body.details.map((d: { pointer: string }) => d.pointer), ["/payment_method/number"])
    assert.notInclude(JSON.stringify(response.body), "4111111111111112")
    assert.notProperty((await api("GET", `/checkout/sessions/${id}`)).body, "payment_method")
  })

  it("invalid secure fields: every broken field reported, the number never echoed", async () => {
    const id = await newSession()
    const response = await api("PUT", `/checkout/sessions/${id}/fields`, {
      body: { payment_method: { number: "41111111111111119999", expiration_date: "1230", security_code: "12345" } }
    })
    assert.strictEqual(response.status, 400)
    assert.deepStrictEqual(response.body.details.map((d: { pointer: string }) => d.pointer).toSorted(), [
      "/payment_method/expiration_date",
      "/payment_method/number",
      "/payment_method/security_code"
    ])
    assert.notInclude(JSON.stringify(response.body), "41111111111111119999")
  })

  it("a stored payment method id and a click-to-pay reference", async () => {
    const id = await newSession()
    const pmId = "ef9496d8-53a5-4aad-8ca2-00eb68334389"
    assert.strictEqual(
      (await api("PUT", `/checkout/sessions/${id}/fields`, { body: { payment_method: { method: "id", id: pmId } } })).status,
      204
    )
    assert.deepStrictEqual((await api("GET", `/checkout/sessions/${id}`)).body.payment_method, {
      type: "payment-method",
      method: "card",
      id: pmId
    })
    const clickToPay = { merchant_transaction_id: "m", src_correlation_id: "c", src_dpa_id: "d" }
    assert.strictEqual(
      (await api("PUT", `/checkout/sessions/${id}/fields`, { body: { payment_method: clickToPay } })).status,
      204
    )
  })

  it("PUT on the session never changes the payment method", async () => {
    const id = await newSession()
    await api("PUT", `/checkout/sessions/${id}/fields`, {
      body: { payment_method: { number: "4111111111111111", expiration_date: "12/49" } }
    })
    const before = (await api("GET", `/checkout/sessions/${id}`)).body.payment_method
    const rejected = await api("PUT", `/checkout/sessions/${id}`, { body: { payment_method: null } })
    assert.strictEqual(rejected.status, 400)
    await api("PUT", `/checkout/sessions/${id}`, { body: { metadata: {} } })
    assert.deepStrictEqual((await api("GET", `/checkout/sessions/${id}`)).body.payment_method, before)
  })

  it("404 for an unknown session", async () => {
    const response = await api("PUT", "/checkout/sessions/3c90c3cc-0d44-4b50-8888-8dd25736052a/fields", {
      body: { payment_method: { number: "4111111111111111", expiration_date: "12/49" } }
    })
    assert.strictEqual(response.status, 404)
  })
})

describe("POST /checkout/sessions/{id}/card-details", () => {
  it("answers the scheme and type of a BIN", async () => {
    const id = await newSession()
    const response = await api("POST", `/checkout/sessions/${id}/card-details`, { body: { bin: "411111" } })
    assert.strictEqual(response.status, 200)
    assert.deepStrictEqual(specErrors("CheckoutSessionCardDetails", response.body), [])
    assert.deepStrictEqual(response.body, { bin: "411111", scheme: "visa", card_type: "credit", additional_schemes: [] })
    const amex = await api("POST", `/checkout/sessions/${id}/card-details`, { body: { bin: "37828224" } })
    assert.strictEqual(amex.body.scheme, "amex")
  })

  it("400 for a BIN that is not 6 to 8 digits, 404 for an unknown session", async () => {
    const id = await newSession()
    const response = await api("POST", `/checkout/sessions/${id}/card-details`, { body: { bin: "4111" } })
    assert.strictEqual(response.status, 400)
    assert.deepStrictEqual(response.body.details.map((d: { pointer: string }) => d.pointer), ["/bin"])
    const unknown = await api("POST", "/checkout/sessions/3c90c3cc-0d44-4b50-8888-8dd25736052a/card-details", {
      body: { bin: "411111" }
    })
    assert.strictEqual(unknown.status, 404)
  })
})
