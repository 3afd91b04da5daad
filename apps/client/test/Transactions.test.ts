import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { CheckoutKitClient } from "../src/CheckoutKitClient.ts"
import * as Errors from "../src/Errors.ts"
import { createClient, type PromiseClient } from "../src/Promise.ts"
import { makeKeyPair, rejection, startMock } from "./support.ts"

const merchant = makeKeyPair()
let mock: Awaited<ReturnType<typeof startMock>>
const clients: Array<PromiseClient> = []

beforeAll(async () => {
  mock = await startMock({ auth: { kind: "jwt", publicKeys: [merchant.publicKeyPem] } })
})
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()))
  await mock.close()
})

const clientFor = (merchantAccountId?: string) => {
  const client = createClient({
    baseUrl: mock.url,
    privateKey: merchant.privateKeyPem,
    retry: { retries: 0, timeoutMillis: 60_000 },
    ...(merchantAccountId === undefined ? {} : { merchantAccountId })
  })
  clients.push(client)
  return client
}

// Each test's own merchant account: tests share one mock.
let accounts = 0
const newAccount = async () => {
  const id = `client-tx-${++accounts}`
  await clientFor().merchantAccounts.create({ id, displayName: `Account ${accounts}` })
  return { id, client: clientFor(id) }
}

const number = "4111111111111111"
const card = (expirationDate = "12/35") => ({
  method: "card" as const,
  number: Redacted.make(number, { label: "number" }),
  expirationDate,
  securityCode: Redacted.make("123", { label: "security_code" })
})

describe("transactions", () => {
  it("authorize a card, capture in two parts, refund part then the rest; its refunds, captures and events", async () => {
    const { client } = await newAccount()
    const created = await client.transactions.create({ amount: 1299, currency: "USD", paymentMethod: card() })
    assert.deepStrictEqual(
      [created.status, created.authorizedAmount, created.capturedAmount, created.intent],
      ["authorization_succeeded", 1299, 0, "authorize"]
    )
    assert.strictEqual(created.paymentMethod?.label, "1111")
    assert.notInclude(JSON.stringify(created), number)
    assert.deepStrictEqual(await client.transactions.get(created.id), created)

    const first = await client.transactions.capture(created.id, { amount: 500, final: false })
    assert.deepStrictEqual([first.status, first.transaction.status, first.transaction.capturedAmount], [
      "succeeded",
      "capture_succeeded",
      500
    ])
    const second = await client.transactions.capture(created.id)
    assert.strictEqual(second.transaction.capturedAmount, 1299)
    const captures = await client.transactions.captures(created.id)
    assert.deepStrictEqual(captures.items.map((c) => c.amount).toSorted(), [500, 799])

    const refund = await client.transactions.refund(created.id, { amount: 300, reason: "damaged" })
    assert.deepStrictEqual([refund.amount, refund.status, refund.reason, refund.transactionId], [
      300,
      "succeeded",
      "damaged",
      created.id
    ])
    assert.deepStrictEqual(await client.transactions.getRefund(refund.id), refund)
    const rest = await client.transactions.refundAll(created.id)
    assert.deepStrictEqual(rest.items.map((r) => r.amount), [999])
    const refunds = await client.transactions.listRefunds(created.id)
    assert.deepStrictEqual(refunds.items.map((r) => r.amount).toSorted(), [300, 999])
    assert.strictEqual((await client.transactions.get(created.id)).refundedAmount, 1299)
    const full = await rejection(client.transactions.refund(created.id))
    assert.instanceOf(full, Errors.BadRequest)
    assert.deepStrictEqual((full as Errors.BadRequest).details!.map((d) => d.pointer), ["/status"])

    const events = await client.transactions.events(created.id)
    assert.deepStrictEqual(events.items.map((e) => e.name).toReversed(), [
      "payment-connector-response-transaction-authorization-succeeded",
      "payment-connector-response-transaction-capture-succeeded",
      "payment-connector-response-transaction-capture-succeeded"
    ])
    const updated = await client.transactions.update(created.id, { metadata: { order: "42" } })
    assert.deepStrictEqual(updated.metadata, { order: "42" })
  })

  it("pays with a checkout session's card and a stored one; captures at once; voids an authorization", async () => {
    const { client } = await newAccount()
    const session = await client.checkoutSessions.create()
    await client.checkoutSessions.updateFields(session.id, {
      paymentMethod: { method: "card", number: Redacted.make("5555555555554444", { label: "number" }), expirationDate: "10/34" }
    })
    const fromSession = await client.transactions.create({
      amount: 2500,
      currency: "USD",
      intent: "capture",
      paymentMethod: { method: "checkout-session", id: session.id }
    })
    assert.deepStrictEqual(
      [fromSession.status, fromSession.capturedAmount, fromSession.paymentMethod?.scheme, fromSession.checkoutSessionId],
      ["capture_succeeded", 2500, "mastercard", session.id]
    )
    const stored = await client.paymentMethods.create(card())
    const fromStored = await client.transactions.create({
      amount: 700,
      currency: "USD",
      paymentMethod: { method: "id", id: stored.id }
    })
    assert.strictEqual(fromStored.paymentMethod?.id, stored.id)
    const voided = await client.transactions.void(fromStored.id)
    assert.deepStrictEqual([voided.status, voided.transaction.status], ["succeeded", "authorization_voided"])
    const again = await rejection(client.transactions.void(fromSession.id))
    assert.instanceOf(again, Errors.BadRequest)

    const page = await client.transactions.list({ limit: 1 })
    assert.lengthOf(page.items, 1)
    const next = await client.transactions.list({ limit: 1, cursor: page.nextCursor! })
    assert.deepStrictEqual(
      [...page.items, ...next.items].map((t) => t.id).toSorted(),
      [fromSession.id, fromStored.id].toSorted()
    )
    const voidedOnly = await client.transactions.list({ status: ["authorization_voided"] })
    assert.deepStrictEqual(voidedOnly.items.map((t) => t.id), [fromStored.id])
  })

  it("a declined authorization is a transaction, a declined capture its outcome; an Idempotency-Key answers the first again", async () => {
    const { client } = await newAccount()
    const declined = await client.transactions.create({ amount: 200011, currency: "USD", paymentMethod: card() })
    assert.deepStrictEqual([declined.status, declined.errorCode], ["authorization_declined", "insufficient_funds"])
    // A capture the payment service declines is the capture's outcome, the transaction left as it was.
    const authorized = await client.transactions.create({ amount: 500002, currency: "USD", paymentMethod: card() })
    const refused = await client.transactions.capture(authorized.id)
    assert.deepStrictEqual(
      [refused.status, refused.code, refused.transaction.status, refused.transaction.capturedAmount],
      ["declined", "refused_transaction", "authorization_succeeded", 0]
    )
    const once = await client.transactions.create(
      { amount: 100, currency: "USD", paymentMethod: card() },
      { idempotencyKey: "order-7" }
    )
    const twice = await client.transactions.create(
      { amount: 100, currency: "USD", paymentMethod: card() },
      { idempotencyKey: "order-7" }
    )
    assert.strictEqual(twice.id, once.id)
    assert.lengthOf((await client.transactions.list()).items, 3)
  })

  it("unknown and other accounts' ids are NotFound; a body the contract refuses is BadRequest before it is sent", async () => {
    const one = await newAccount()
    const other = await newAccount()
    const created = await one.client.transactions.create({ amount: 100, currency: "USD", paymentMethod: card() })
    for (const call of [
      () => other.client.transactions.get(created.id),
      () => other.client.transactions.capture(created.id),
      () => other.client.transactions.void(created.id),
      () => other.client.transactions.refund(created.id),
      () => one.client.transactions.getRefund("3c90c3cc-0d44-4b50-8888-8dd25736052a")
    ]) {
      assert.instanceOf(await rejection(call()), Errors.NotFound)
    }
    await mock.reset()
    const refused = await rejection(one.client.transactions.create({ amount: -1, currency: "USD", paymentMethod: card() }))
    assert.instanceOf(refused, Errors.BadRequest)
    assert.deepStrictEqual((refused as Errors.BadRequest).details!.map((d) => d.pointer), ["/amount"])
    assert.deepStrictEqual(await mock.journal(), [])
  })

  it("the Effect service has the namespace", async () => {
    const { id } = await newAccount()
    const program = Effect.gen(function*() {
      const client = yield* CheckoutKitClient
      const created = yield* client.transactions.create({ amount: 300, currency: "USD", paymentMethod: card() })
      const missing = yield* Effect.flip(client.transactions.get("3c90c3cc-0d44-4b50-8888-8dd25736052a"))
      return { created, missing }
    }).pipe(Effect.provide(CheckoutKitClient.layer({ baseUrl: mock.url, privateKey: merchant.privateKeyPem, merchantAccountId: id })))
    const { created, missing } = await Effect.runPromise(program)
    assert.strictEqual(created.amount, 300)
    assert.strictEqual(missing._tag, "NotFound")
  })
})
