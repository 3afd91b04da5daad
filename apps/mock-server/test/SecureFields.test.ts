import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { isLuhnValid, knownSchemes } from "@checkout-kit/domain/Cards"
import { errorDetailTypes } from "@checkout-kit/domain/Errors"
import * as Realistic from "@checkout-kit/fixtures/Realistic"
import * as fc from "fast-check"
import { cardNumber, withoutRandomValues } from "./support/cards.ts"
import { call, startServer, type TestServer } from "./support/server.ts"
import { specErrors } from "./support/spec.ts"

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

// An expiry that never lapses, as the official SDK's e2e fixtures use (§ Secure fields).
const farFuture = "12/99"

const api = (method: string, path: string, options?: Parameters<typeof call>[3]) => call(server.url, method, path, options)
const newSession = async (headers: Record<string, string> = {}) =>
  (await api("POST", "/checkout/sessions", { body: { metadata: { k: "v" } }, headers })).body.id as string

// The fingerprint a card gets on a new session of a merchant account (of this test's server, or another).
const fingerprint = async (number: string, merchant: string, url = server.url) => {
  const headers = { "x-gr4vy-merchant-account-id": merchant }
  const id = (await call(url, "POST", "/checkout/sessions", { headers })).body.id as string
  await call(url, "PUT", `/checkout/sessions/${id}/fields`, {
    body: { payment_method: { number, expiration_date: farFuture } },
    headers
  })
  return (await call(url, "GET", `/checkout/sessions/${id}`, { headers })).body.payment_method.fingerprint as string
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
  ["maestro", cardNumber("6759", 18)],
  ["maestro", cardNumber("56", 16)],
  ["discover", cardNumber("644", 16)],
  ["mir", cardNumber("2200", 16)]
]

describe("PUT /checkout/sessions/{id}/fields", () => {
  it("the card numbers used here pass Luhn", () => {
    for (const [, number] of cards) assert.isTrue(isLuhnValid(number), number)
  })

  for (const [scheme, number] of cards) {
    it(`derives the payment method of a ${scheme} card (${number.length} digits)`, async () => {
      const id = await newSession()
      const fields = await api("PUT", `/checkout/sessions/${id}/fields`, {
        body: { payment_method: { method: "card", number, expiration_date: farFuture, security_code: "123" } }
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
      // The spec: "The first 6 digit of the card" (every example "411111"), whatever the number's length.
      assert.strictEqual(method.details.bin, number.slice(0, 6))
      assert.match(method.fingerprint, /^[0-9a-f]{64}$/)
      const text = JSON.stringify(session)
      assert.notInclude(text, number)
      assert.notInclude(text, "\"123\"")
      assert.deepStrictEqual(session.metadata, { k: "v" })
    })
  }

  // One card table (@checkout-kit/domain/Cards) for the fixtures and the mock: what the fixtures generate for a
  // scheme, the mock calls that scheme, over HTTP.
  it("the scheme the mock derives is the scheme the fixtures generated a number for", async () => {
    const id = await newSession()
    const perScheme = fc.constantFrom(...knownSchemes).chain((scheme) =>
      Realistic.cardNumber(scheme).map((number) => [scheme, number] as const)
    )
    await fc.assert(
      fc.asyncProperty(perScheme, async ([scheme, number]) => {
        const fields = await api("PUT", `/checkout/sessions/${id}/fields`, {
          body: { payment_method: { number, expiration_date: farFuture } }
        })
        assert.strictEqual(fields.status, 204, number)
        assert.strictEqual((await api("GET", `/checkout/sessions/${id}`)).body.payment_method.scheme, scheme, number)
      }),
      { numRuns: 90, seed: 14 }
    )
  })

  it("knows the card type of well-known test BINs", async () => {
    const id = await newSession()
    await api("PUT", `/checkout/sessions/${id}/fields`, {
      body: { payment_method: { number: "4000056655665556", expiration_date: farFuture } }
    })
    assert.strictEqual((await api("GET", `/checkout/sessions/${id}`)).body.payment_method.details.card_type, "debit")
  })

  // docs.gr4vy.com, guides/features/cards/fingerprints: "Fingerprints are the same for every unique card number used."
  it("a card number has one fingerprint across merchant accounts; another number has another", async () => {
    const a = await fingerprint("4111111111111111", "m-1")
    assert.strictEqual(await fingerprint("4111111111111111", "m-1"), a)
    assert.strictEqual(await fingerprint("4111111111111111", "m-2"), a)
    assert.notStrictEqual(await fingerprint("5555555555554444", "m-1"), a)
  })

  it("two installations (different fingerprint secrets) do not share fingerprints", async () => {
    const other = await startServer({ fingerprintSecret: "another-installation" })
    try {
      assert.notStrictEqual(
        await fingerprint("4111111111111111", "m-1", other.url),
        await fingerprint("4111111111111111", "m-1")
      )
    } finally {
      await other.close()
    }
  })

  it("a number failing the Luhn check: 400 pointing at it, and nothing stored", async () => {
    const id = await newSession()
    const response = await api("PUT", `/checkout/sessions/${id}/fields`, {
      body: { payment_method: { number: "4111111111111112", expiration_date: farFuture } }
    })
    assert.strictEqual(response.status, 400)
    assert.deepStrictEqual(specErrors("Error400", response.body), [])
    assert.deepStrictEqual(response.body.details.map((d: { pointer: string; type: string }) => [d.pointer, d.type]), [
      ["/payment_method/number", errorDetailTypes.luhn]
    ])
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

  it("a stored payment method by id shows the stored card; an id the account has not stored is a 400", async () => {
    const id = await newSession()
    const stored = (await api("POST", "/payment-methods", {
      body: { method: "card", number: "5555555555554444", expiration_date: farFuture }
    })).body
    const fields = (pmId: string, sessionId = id) =>
      api("PUT", `/checkout/sessions/${sessionId}/fields`, {
        body: { payment_method: { method: "id", id: pmId, security_code: "321" } }
      })
    assert.strictEqual((await fields(stored.id)).status, 204)
    const session = (await api("GET", `/checkout/sessions/${id}`)).body
    assert.deepStrictEqual(session.payment_method, {
      type: "payment-method",
      method: "card",
      id: stored.id,
      scheme: "mastercard",
      label: "4444",
      details: { bin: "555555", card_type: stored.details.card_type },
      fingerprint: stored.fingerprint
    })
    assert.notInclude(withoutRandomValues(JSON.stringify(session)), "321")

    for (const unknown of ["ef9496d8-53a5-4aad-8ca2-00eb68334389", stored.id]) {
      // Unknown anywhere, or stored by another merchant account than the session's.
      const sessionId = unknown === stored.id ? await newSession({ "x-gr4vy-merchant-account-id": "other" }) : id
      const refused = await fields(unknown, sessionId)
      assert.strictEqual(refused.status, 400)
      assert.deepStrictEqual(refused.body.details.map((d: { pointer: string }) => d.pointer), ["/payment_method/id"])
    }

    const clickToPay = { merchant_transaction_id: "m", src_correlation_id: "c", src_dpa_id: "d" }
    assert.strictEqual(
      (await api("PUT", `/checkout/sessions/${id}/fields`, { body: { payment_method: clickToPay } })).status,
      204
    )
  })

  it("PUT on the session never changes the payment method", async () => {
    const id = await newSession()
    await api("PUT", `/checkout/sessions/${id}/fields`, {
      body: { payment_method: { number: "4111111111111111", expiration_date: farFuture } }
    })
    const before = (await api("GET", `/checkout/sessions/${id}`)).body.payment_method
    const rejected = await api("PUT", `/checkout/sessions/${id}`, { body: { payment_method: null } })
    assert.strictEqual(rejected.status, 400)
    await api("PUT", `/checkout/sessions/${id}`, { body: { metadata: {} } })
    assert.deepStrictEqual((await api("GET", `/checkout/sessions/${id}`)).body.payment_method, before)
  })

  it("404 for an unknown session", async () => {
    const response = await api("PUT", "/checkout/sessions/3c90c3cc-0d44-4b50-8888-8dd25736052a/fields", {
      body: { payment_method: { number: "4111111111111111", expiration_date: farFuture } }
    })
    assert.strictEqual(response.status, 404)
  })
})

// The MM/YY of a month (0-based; out-of-range months roll over, as Date.UTC does).
const mmYY = (year: number, month: number) => {
  const date = new Date(Date.UTC(year, month, 1))
  return `${String(date.getUTCMonth() + 1).padStart(2, "0")}/${String(date.getUTCFullYear() % 100).padStart(2, "0")}`
}

// API-SEMANTICS.md § Secure fields: the official SDK's e2e fixtures use a far-future expiry "so the fixture never
// lapses and gets rejected as expired". A card is valid through the end of its MM/YY month, by the mock's clock.
describe("PUT /checkout/sessions/{id}/fields with an expired card (the mock's clock)", () => {
  let own: TestServer
  beforeAll(async () => {
    own = await startServer()
  })
  afterAll(() => own.close())

  const advance = async (seconds: number) =>
    Date.parse((await call(own.url, "POST", "/_mock/clock", { body: { advance_seconds: seconds } })).body.now)
  const submit = async (expiration_date: string) => {
    const id = (await call(own.url, "POST", "/checkout/sessions")).body.id as string
    const response = await call(own.url, "PUT", `/checkout/sessions/${id}/fields`, {
      body: { payment_method: { number: "4111111111111111", expiration_date } }
    })
    return { response, session: (await call(own.url, "GET", `/checkout/sessions/${id}`)).body }
  }

  it("this month's card is accepted until the month ends, then rejected pointing at expiration_date", async () => {
    const now = new Date(await advance(0))
    const [year, month] = [now.getUTCFullYear(), now.getUTCMonth()]
    const thisMonth = mmYY(year, month)
    assert.strictEqual((await submit(thisMonth)).response.status, 204)

    const lastMonth = await submit(mmYY(year, month - 1))
    assert.strictEqual(lastMonth.response.status, 400)
    assert.deepStrictEqual(specErrors("Error400", lastMonth.response.body), [])
    assert.deepStrictEqual(
      lastMonth.response.body.details.map((d: { pointer: string; type: string }) => [d.pointer, d.type]),
      [["/payment_method/expiration_date", errorDetailTypes.cardExpired]]
    )
    assert.notProperty(lastMonth.session, "payment_method")

    // A minute before the month ends the card still holds; two minutes later it has lapsed.
    const monthEnd = Date.UTC(year, month + 1, 1)
    await advance((monthEnd - now.getTime()) / 1000 - 60)
    assert.strictEqual((await submit(thisMonth)).response.status, 204)
    await advance(120)
    const lapsed = await submit(thisMonth)
    assert.strictEqual(lapsed.response.status, 400)
    assert.deepStrictEqual(lapsed.response.body.details.map((d: { pointer: string }) => d.pointer), [
      "/payment_method/expiration_date"
    ])
    assert.strictEqual((await submit(mmYY(year, month + 1))).response.status, 204)
  })

  it("an expired card failing Luhn too: both reported", async () => {
    const now = new Date(await advance(0))
    const id = (await call(own.url, "POST", "/checkout/sessions")).body.id as string
    const response = await call(own.url, "PUT", `/checkout/sessions/${id}/fields`, {
      body: {
        payment_method: { number: "4111111111111112", expiration_date: mmYY(now.getUTCFullYear(), now.getUTCMonth() - 1) }
      }
    })
    assert.strictEqual(response.status, 400)
    assert.deepStrictEqual(response.body.details.map((d: { pointer: string }) => d.pointer), [
      "/payment_method/number",
      "/payment_method/expiration_date"
    ])
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
