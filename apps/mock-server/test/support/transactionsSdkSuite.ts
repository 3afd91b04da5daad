import { authorizationErrors } from "@checkout-kit/domain/CardSimulator"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Gr4vy } from "@gr4vy/sdk"
import type { ServerOptions } from "../../src/Server.ts"
import { call, type TestServer } from "./server.ts"
import { statusOf } from "./vaultSdkSuite.ts"

// Test cards (never real ones) and a security code the simulator matches.
const visa = "4111111111111111"
const mastercard = "5555555555554444"
const cardOf = (number: string, securityCode = "123") =>
  ({ method: "card" as const, number, expirationDate: "11/39", securityCode })

/**
 * Transactions on the card simulator through the official TypeScript SDK,
 * unchanged (it parses every answer strictly, so each call also holds the
 * answer's shape to the spec), and over plain HTTP where the SDK cannot go
 * (the journal, a raw idempotency key). `afterStore` reads the store's files,
 * when it has any, for what must never be kept.
 */
export const transactionsSdkSuite = (
  start: (options: Partial<ServerOptions>) => Promise<TestServer>,
  storedText: () => string = () => ""
) => {
  let server: TestServer
  let serial = 0
  const unique = (prefix: string) => `${prefix}-${++serial}`
  const sdkFor = (merchantAccountId: string) =>
    new Gr4vy({ serverURL: server.url, merchantAccountId, bearerAuth: "unused-with-auth-off" })
  let sdk: Gr4vy

  beforeAll(async () => {
    server = await start({})
    sdk = sdkFor("tx-merchant")
  })
  afterAll(() => server.close())

  const authorize = (amount: number, overrides: Record<string, unknown> = {}) =>
    sdk.transactions.create({ amount, currency: "USD", paymentMethod: cardOf(visa), ...overrides })

  const withPostalCode = (postalCode: string | undefined) =>
    authorize(1000, {
      buyer: { billingDetails: { firstName: "Ada", address: postalCode === undefined ? undefined : { postalCode } } }
    })
  // A create over HTTP with an idempotency key (and no security code).
  const post = (key: string, amount: number, account = "tx-idem") =>
    call(server.url, "POST", "/transactions", {
      headers: { "x-gr4vy-merchant-account-id": account, "idempotency-key": key },
      body: { amount, currency: "USD", payment_method: { method: "card", number: visa, expiration_date: "11/39" } }
    })

  describe("the card simulator through the mock", () => {
    it("every amount of the table declines or fails with its code; any other amount succeeds", async () => {
      for (const row of authorizationErrors) {
        const transaction = await authorize(row.amount)
        assert.strictEqual(transaction.errorCode, row.errorCode, String(row.amount))
        assert.strictEqual(
          transaction.status,
          row.kind === "declined" ? "authorization_declined" : "authorization_failed",
          String(row.amount)
        )
        assert.strictEqual(transaction.intentOutcome, "failed")
        assert.strictEqual(transaction.authorizedAmount, 0)
      }
      const approved = await authorize(200023)
      assert.strictEqual(approved.status, "authorization_succeeded")
      assert.strictEqual(approved.authorizedAmount, 200023)
      assert.isNull(approved.errorCode ?? null)
      const captured = await authorize(1299, { intent: "capture" })
      assert.strictEqual(captured.status, "capture_succeeded")
      assert.strictEqual(captured.capturedAmount, 1299)
    })

    it("the billing postal code chooses the address check, the security code the security code check", async () => {
      const postal: Array<[string | undefined, string]> = [
        ["SW1 77A", "no_match"],
        ["88123", "partial_match_postcode"],
        ["99501", "partial_match_address"],
        ["10115", "match"],
        ["7788", "no_match"],
        [undefined, "unavailable"]
      ]
      for (const [postalCode, expected] of postal) {
        assert.strictEqual((await withPostalCode(postalCode)).avsResponseCode, expected, String(postalCode))
      }
      const codes: Array<[string, string]> = [["222", "not_provided"], ["333", "no_match"], ["737", "match"]]
      for (const [code, expected] of codes) {
        const transaction = await authorize(1000, { paymentMethod: cardOf(visa, code) })
        assert.strictEqual(transaction.cvvResponseCode, expected, code)
      }
    })
  })

  describe("where the card comes from", () => {
    it("a checkout session's card pays, and the transaction shows scheme, BIN and last four only", async () => {
      const session = await sdk.checkoutSessions.create()
      const fields = await call(server.url, "PUT", `/checkout/sessions/${session.id}/fields`, {
        body: { payment_method: { method: "card", number: mastercard, expiration_date: "11/39", security_code: "123" } }
      })
      assert.strictEqual(fields.status, 204)
      const transaction = await sdk.transactions.create({
        amount: 2500,
        currency: "EUR",
        paymentMethod: { method: "checkout-session", id: session.id }
      })
      assert.strictEqual(transaction.status, "authorization_succeeded")
      assert.strictEqual(transaction.checkoutSessionId, session.id)
      assert.strictEqual(transaction.paymentMethod?.scheme, "mastercard")
      assert.strictEqual(transaction.paymentMethod?.label, "4444")
      const bin = transaction.paymentMethod?.details?.bin ?? ""
      assert.isTrue(bin.length >= 6 && mastercard.startsWith(bin), bin)
    })

    it("a session without card data, an unknown one and another account's are refused naming /payment_method/id", async () => {
      const empty = await sdk.checkoutSessions.create()
      const other = await sdkFor("tx-other").checkoutSessions.create()
      await call(server.url, "PUT", `/checkout/sessions/${other.id}/fields`, {
        headers: { "x-gr4vy-merchant-account-id": "tx-other" },
        body: { payment_method: { method: "card", number: visa, expiration_date: "11/39", security_code: "123" } }
      })
      for (const id of [empty.id, other.id, "00000000-0000-4000-8000-000000000000"]) {
        const answer = await call(server.url, "POST", "/transactions", {
          headers: { "x-gr4vy-merchant-account-id": "tx-merchant" },
          body: { amount: 100, currency: "USD", payment_method: { method: "checkout-session", id } }
        })
        assert.strictEqual(answer.status, 400, id)
        assert.strictEqual(answer.body.message, "Request failed validation")
        assert.deepStrictEqual(answer.body.details.map((d: { pointer: string }) => d.pointer), ["/payment_method/id"])
      }
    })

    it("a posted card is checked as the vault checks it, and store: true vaults it for the buyer", async () => {
      assert.strictEqual(await statusOf(() => authorize(100, { paymentMethod: cardOf("4111111111111112") })), 400)
      assert.strictEqual(
        await statusOf(() => authorize(100, { paymentMethod: { ...cardOf(visa), expirationDate: "01/20" } })),
        400
      )
      const buyer = await sdk.buyers.create({ displayName: "Ada", externalIdentifier: unique("buyer") })
      const stored = await authorize(1299, { buyerId: buyer.id, store: true })
      const methods = await sdk.buyers.paymentMethods.list({ buyerId: buyer.id })
      assert.strictEqual(methods.items.length, 1)
      assert.strictEqual(stored.paymentMethod?.id, methods.items[0]!.id)
      const reused = await sdk.transactions.create({
        amount: 500,
        currency: "USD",
        paymentMethod: { method: "id", id: methods.items[0]!.id, securityCode: "333" }
      })
      assert.strictEqual(reused.status, "authorization_succeeded")
      assert.strictEqual(reused.cvvResponseCode, "no_match")
      assert.strictEqual(reused.paymentMethod?.label, "1111")
    })
  })

  describe("the payment service", () => {
    it("the account's card service processes the transaction; an unknown one named is refused", async () => {
      const account = "tx-services"
      const services = sdkFor(account)
      const plain = await services.transactions.create({ amount: 100, currency: "USD", paymentMethod: cardOf(visa) })
      assert.isNull(plain.paymentService ?? null)
      const created = await call(server.url, "POST", "/payment-services", {
        headers: { "x-gr4vy-merchant-account-id": account },
        body: {
          display_name: "Cards",
          payment_service_definition_id: "mock-card",
          accepted_currencies: ["USD"],
          accepted_countries: ["US"],
          fields: [{ key: "merchant_id", value: "m" }]
        }
      })
      assert.strictEqual(created.status, 201)
      const processed = await services.transactions.create({ amount: 100, currency: "USD", paymentMethod: cardOf(visa) })
      assert.strictEqual(processed.paymentService?.id, created.body.id)
      assert.strictEqual(processed.paymentService?.paymentServiceDefinitionId, "mock-card")
      assert.strictEqual(
        await statusOf(() =>
          services.transactions.create({
            amount: 100,
            currency: "USD",
            paymentServiceId: "00000000-0000-4000-8000-000000000000",
            paymentMethod: cardOf(visa)
          })
        ),
        400
      )
    })
  })

  describe("the life of a transaction", () => {
    it("partial captures then refunds keep authorized ≥ captured ≥ refunded", async () => {
      const transaction = await authorize(5000)
      // The SDK from npm has no `final`: the partial capture that leaves the rest capturable is sent over HTTP.
      const first = await call(server.url, "POST", `/transactions/${transaction.id}/capture`, {
        headers: { "x-gr4vy-merchant-account-id": "tx-merchant", prefer: "resource=transaction-capture" },
        body: { amount: 2000, final: false }
      })
      assert.strictEqual(first.body.type, "transaction-capture")
      assert.strictEqual(first.body.transaction.captured_amount, 2000)
      const afterFirst = await sdk.transactions.get(transaction.id)
      assert.strictEqual(afterFirst.capturedAmount, 2000)
      assert.strictEqual(afterFirst.status, "capture_succeeded")
      // More than is left to capture.
      assert.strictEqual(
        await statusOf(() =>
          sdk.transactions.capture({ transactionId: transaction.id, transactionCaptureCreate: { amount: 3001 } })
        ),
        400
      )
      // Not final: the rest may be captured; this one is final and releases what it leaves.
      await sdk.transactions.capture({ transactionId: transaction.id, transactionCaptureCreate: { amount: 1000 } })
      const captured = await sdk.transactions.get(transaction.id)
      assert.strictEqual(captured.status, "capture_succeeded")
      assert.strictEqual(captured.capturedAmount, 3000)
      const captures = await call(server.url, "GET", `/transactions/${transaction.id}/captures`, {
        headers: { "x-gr4vy-merchant-account-id": "tx-merchant" }
      })
      assert.deepStrictEqual(captures.body.items.map((c: { amount: number }) => c.amount).toSorted(), [1000, 2000])
      // A final capture ended capturing (1000 left uncaptured); a void after a capture cannot be.
      assert.strictEqual(
        await statusOf(() => sdk.transactions.capture({ transactionId: transaction.id, transactionCaptureCreate: {} })),
        400
      )
      assert.strictEqual(await statusOf(() => sdk.transactions.void(transaction.id)), 400)

      const refund = await sdk.transactions.refunds.create({ amount: 1000 }, transaction.id)
      assert.strictEqual(refund.status, "succeeded")
      assert.strictEqual(await statusOf(() => sdk.transactions.refunds.create({ amount: 2001 }, transaction.id)), 400)
      const rest = await sdk.transactions.refunds.all.create(transaction.id)
      assert.strictEqual(rest.items[0]!.amount, 2000)
      const refunded = await sdk.transactions.get(transaction.id)
      assert.strictEqual(refunded.refundedAmount, 3000)
      assert.strictEqual(await statusOf(() => sdk.transactions.refunds.create({}, transaction.id)), 400)
      assert.strictEqual((await sdk.refunds.get(refund.id)).transactionId, transaction.id)
      assert.strictEqual((await sdk.transactions.refunds.list(transaction.id)).items.length, 2)
    })

    it("a void releases an authorization; nothing can be captured or refunded after it", async () => {
      const transaction = await authorize(3300)
      const voided = await sdk.transactions.void(transaction.id)
      assert.strictEqual((voided as { status?: string }).status, "authorization_voided")
      assert.isNotNull((await sdk.transactions.get(transaction.id)).voidedAt ?? null)
      assert.strictEqual(
        await statusOf(() => sdk.transactions.capture({ transactionId: transaction.id, transactionCaptureCreate: {} })),
        400
      )
      assert.strictEqual(await statusOf(() => sdk.transactions.refunds.create({}, transaction.id)), 400)
      assert.strictEqual(await statusOf(() => sdk.transactions.void(transaction.id)), 400)
      // The events tell the same story, newest first, and are the same when read again.
      const events = await sdk.transactions.events.list(transaction.id)
      assert.deepStrictEqual(events.result.items.map((e) => e.name), [
        "payment-connector-response-transaction-void-succeeded",
        "payment-connector-response-transaction-authorization-succeeded"
      ])
      assert.deepStrictEqual((await sdk.transactions.events.list(transaction.id)).result.items, events.result.items)
    })

    it("the simulator's capture and refund amounts fail those operations and change no amount", async () => {
      const transaction = await authorize(600000)
      const failed = await sdk.transactions.capture({
        transactionId: transaction.id,
        transactionCaptureCreate: { amount: 500002 },
        prefer: ["resource=transaction-capture"]
      })
      assert.strictEqual((failed as { status?: string }).status, "declined")
      assert.strictEqual((await sdk.transactions.get(transaction.id)).capturedAmount, 0)
      await sdk.transactions.capture({ transactionId: transaction.id, transactionCaptureCreate: {} })
      const events = await sdk.transactions.events.list(transaction.id)
      assert.deepStrictEqual(events.result.items.map((e) => e.name.replace("payment-connector-response-transaction-", "")), [
        "capture-succeeded",
        "capture-declined",
        "authorization-succeeded"
      ])
      const refund = await sdk.transactions.refunds.create({ amount: 520003 }, transaction.id)
      assert.strictEqual(refund.status, "failed")
      assert.strictEqual(refund.errorCode, "service_error")
      assert.strictEqual((await sdk.transactions.get(transaction.id)).refundedAmount, 0)
    })

    it("an update replaces metadata and external identifier; another account sees no transaction", async () => {
      const transaction = await authorize(1299, { metadata: { original: "value" } })
      const updated = await sdk.transactions.update({ metadata: { updated: "value" }, externalIdentifier: "ext-1" }, transaction.id)
      assert.deepStrictEqual(updated.metadata, { updated: "value" })
      assert.strictEqual(updated.externalIdentifier, "ext-1")
      const found = await sdk.transactions.list({ externalIdentifier: "ext-1" })
      assert.deepStrictEqual(found.result.items.map((t) => t.id), [transaction.id])
      const other = sdkFor("tx-isolated")
      assert.strictEqual(await statusOf(() => other.transactions.get(transaction.id)), 404)
      assert.strictEqual(await statusOf(() => other.transactions.refunds.create({}, transaction.id)), 404)
      assert.deepStrictEqual((await other.transactions.list({})).result.items, [])
    })
  })

  describe("Idempotency-Key", () => {
    it("the first answer, approved or declined, is answered again for 24 hours of the account's clock", async () => {
      for (const amount of [1299, 200011]) {
        const key = unique("key")
        const first = await post(key, amount)
        assert.strictEqual(first.status, 201)
        const again = await post(key, amount + 1)
        assert.deepStrictEqual([again.status, again.body], [first.status, first.body])
        // Another account's key is its own.
        assert.notStrictEqual((await post(key, amount, "tx-idem-other")).body.id, first.body.id)
      }
      const key = unique("key")
      const first = await post(key, 1299)
      await call(server.url, "POST", "/_mock/clock", {
        headers: { "x-gr4vy-merchant-account-id": "tx-idem" },
        body: { advance_seconds: 24 * 3600 }
      })
      const later = await post(key, 1299)
      assert.strictEqual(later.status, 201)
      assert.notStrictEqual(later.body.id, first.body.id)
    })

    it("a refusal is not kept, and a key longer than 255 characters is refused", async () => {
      const key = unique("key")
      const refused = await call(server.url, "POST", "/transactions", {
        headers: { "x-gr4vy-merchant-account-id": "tx-idem", "idempotency-key": key },
        body: { amount: 100, currency: "USD", payment_method: { method: "card", number: "4111111111111112", expiration_date: "11/39" } }
      })
      assert.strictEqual(refused.status, 400)
      assert.strictEqual((await post(key, 100)).status, 201)
      assert.strictEqual((await post("k".repeat(256), 100)).status, 400)
      assert.strictEqual((await post("k".repeat(255), 100)).status, 201)
    })

    it("requests sent together with one key make one transaction; the others are answered it or 409 concurrent_request", async () => {
      const key = unique("key")
      const answers = await Promise.all(Array.from({ length: 8 }, () => post(key, 4200)))
      const created = answers.filter((a) => a.status === 201)
      assert.isAbove(created.length, 0)
      assert.strictEqual(new Set(created.map((a) => a.body.id)).size, 1)
      for (const answer of answers.filter((a) => a.status !== 201)) {
        assert.strictEqual(answer.status, 409)
        assert.strictEqual(answer.body.code, "concurrent_request")
      }
      const listed = await sdkFor("tx-idem").transactions.list({ amountEq: 4200 })
      assert.strictEqual(listed.result.items.length, 1)
    })
  })

  describe("card data", () => {
    it("no answer, journal entry or stored document holds a card number or security code", async () => {
      const number = "4000056655665556"
      const securityCode = "9731"
      const session = await sdk.checkoutSessions.create()
      await call(server.url, "PUT", `/checkout/sessions/${session.id}/fields`, {
        body: { payment_method: { method: "card", number, expiration_date: "11/39", security_code: securityCode } }
      })
      const answers = [
        await authorize(1299, { paymentMethod: cardOf(number, securityCode), store: true }),
        await sdk.transactions.create({
          amount: 1299,
          currency: "USD",
          paymentMethod: { method: "checkout-session", id: session.id }
        })
      ]
      const texts = [JSON.stringify(answers), JSON.stringify((await sdk.transactions.list({})).result)]
      const journal = (await call(server.url, "GET", "/_mock/requests")).body.items as Array<{ id: string }>
      texts.push(JSON.stringify(journal))
      for (const entry of journal.slice(-6)) {
        texts.push(JSON.stringify((await call(server.url, "GET", `/_mock/requests/${entry.id}`)).body))
      }
      texts.push(storedText())
      for (const text of texts) {
        assert.notInclude(text, number)
        assert.notInclude(text, `"${securityCode}"`)
      }
      assert.include(texts[0], "5556")
    })
  })
}
