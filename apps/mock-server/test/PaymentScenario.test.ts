import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { paymentAt, withCheckoutSession } from "@checkout-kit/fixtures/Scenarios"
import * as fc from "fast-check"
import { call, startServer, type TestServer } from "./support/server.ts"

// The fixtures' payment scenario, step by step over real HTTP against the mock: its bodies are what a shop sends,
// and the mock must carry the payment through — session, card, transaction, partial capture, partial refund.
describe("a payment through a checkout session, from the fixtures' scenario", () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())

  const headers = { "x-gr4vy-merchant-account-id": "payment-scenario" }
  const api = (method: string, path: string, body?: unknown) =>
    call(server.url, method, path, body === undefined ? { headers } : { headers, body })
  const payments = fc.sample(paymentAt(new Date("2031-06-01T00:00:00Z")), { numRuns: 12, seed: 28 })

  it("each payment is authorized for the cart's total, captured in part, and refunded in part", async () => {
    for (const payment of payments) {
      const session = await api("POST", "/checkout/sessions", payment.checkoutSession)
      assert.strictEqual(session.status, 201, JSON.stringify(session.body))
      assert.deepStrictEqual(session.body.cart_items, payment.checkoutSession.cart_items)

      const fields = await api("PUT", `/checkout/sessions/${session.body.id}/fields`, payment.secureFields)
      assert.strictEqual(fields.status, 204, JSON.stringify(fields.body))

      const created = await api("POST", "/transactions", withCheckoutSession(payment, session.body.id))
      assert.strictEqual(created.status, 201, JSON.stringify(created.body))
      const transaction = created.body
      assert.strictEqual(transaction.status, "authorization_succeeded")
      assert.strictEqual(transaction.amount, payment.amount)
      assert.strictEqual(transaction.authorized_amount, payment.amount)
      assert.strictEqual(transaction.currency, payment.currency)
      assert.strictEqual(transaction.checkout_session_id, session.body.id)
      assert.strictEqual(transaction.payment_method.label, payment.secureFields.payment_method.number.slice(-4))

      const captured = await api("POST", `/transactions/${transaction.id}/capture`, payment.capture)
      assert.strictEqual(captured.status, 200, JSON.stringify(captured.body))
      assert.strictEqual(captured.body.status, "capture_succeeded")
      assert.strictEqual(captured.body.captured_amount, payment.capture.amount)

      const refund = await api("POST", `/transactions/${transaction.id}/refunds`, payment.refund)
      assert.strictEqual(refund.status, 201, JSON.stringify(refund.body))
      assert.strictEqual(refund.body.amount, payment.refund.amount)

      const after = await api("GET", `/transactions/${transaction.id}`)
      assert.strictEqual(after.body.authorized_amount, payment.amount)
      assert.strictEqual(after.body.captured_amount, payment.capture.amount)
      assert.strictEqual(after.body.refunded_amount, payment.refund.amount)
    }
  })

  // Gr4vy's documentation bounds a session's card data in time only, and says nothing of a second transaction: the
  // mock lets it pay again while the session lives (README, "Transactions"), the same card each time.
  it("a session's card pays another transaction while the session lives; once the session has expired, none", async () => {
    const [payment] = payments
    const account = { "x-gr4vy-merchant-account-id": "payment-scenario-reuse" }
    const session = await call(server.url, "POST", "/checkout/sessions", { headers: account, body: payment.checkoutSession })
    await call(server.url, "PUT", `/checkout/sessions/${session.body.id}/fields`, { body: payment.secureFields })
    const pay = () =>
      call(server.url, "POST", "/transactions", { headers: account, body: withCheckoutSession(payment, session.body.id) })
    const first = await pay()
    const second = await pay()
    assert.strictEqual(first.status, 201)
    assert.strictEqual(second.status, 201, JSON.stringify(second.body))
    assert.notStrictEqual(second.body.id, first.body.id)
    assert.strictEqual(second.body.status, "authorization_succeeded")
    assert.strictEqual(second.body.payment_method.fingerprint, first.body.payment_method.fingerprint)

    // An hour and a second later (the session's default lifetime), the session and its card are gone.
    const moved = await call(server.url, "POST", "/_mock/clock", { headers: account, body: { advance_seconds: 3601 } })
    assert.strictEqual(moved.status, 200, JSON.stringify(moved.body))
    const late = await pay()
    assert.strictEqual(late.status, 400)
    assert.include(late.body.details.map((d: { pointer: string }) => d.pointer), "/payment_method/id")
  })
})
