import { assert, describe, it } from "@effect/vitest"
import { Transaction$inboundSchema } from "@gr4vy/sdk/models/components/transaction.js"
import { Refund$inboundSchema } from "@gr4vy/sdk/models/components/refund.js"
import { TransactionCapture$inboundSchema } from "@gr4vy/sdk/models/components/transactioncapture.js"
import { DateTime, Redacted, Schema } from "effect"
import { CaptureResponse, preferredResource, TransactionsQuery, VoidResponse } from "../src/api/Transactions.ts"
import { Refund, TransactionRefundCreate } from "../src/Refund.ts"
import * as StrictDecoder from "../src/StrictDecoder.ts"
import { strictOptions } from "../src/StrictDecoder.ts"
import { Transaction, TransactionSummaries } from "../src/Transaction.ts"
import { TransactionCapture, TransactionCaptureCreate } from "../src/TransactionCapture.ts"
import { TransactionCreate } from "../src/TransactionCreate.ts"
import { paymentsSpecSchema } from "./support/spec.ts"

const decode = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S, input: unknown) =>
  Schema.decodeUnknownExit(schema)(input, strictOptions)

// A transaction as the API answers one: every field the spec requires, and a few of the others.
const transaction = {
  type: "transaction" as const,
  id: "7099948d-7286-47e4-aad8-b68f7eb44591",
  reconciliation_id: "7jZXl4gBUNl0CnaLEnfXbt",
  merchant_account_id: "default",
  currency: "USD",
  amount: 1299,
  status: "authorization_succeeded" as const,
  authorized_amount: 1299,
  captured_amount: 0,
  refunded_amount: 0,
  settled_amount: 0,
  settled: false,
  country: "US",
  intent: "authorize" as const,
  error_code: null,
  raw_response_code: "00",
  raw_response_description: "Approved",
  avs_response_code: "match" as const,
  cvv_response_code: "match" as const,
  gift_card_redemptions: [],
  created_at: "2013-07-16T19:23:00.000Z",
  updated_at: "2013-07-16T19:23:00.000Z",
  disputed: false,
  payment_source: "ecommerce" as const,
  merchant_initiated: false,
  is_subsequent_payment: false,
  intent_outcome: "succeeded" as const,
  multi_tender: false,
  account_funding_transaction: false
}

const card = { method: "card" as const, number: "4111111111111111", expiration_date: "12/30", security_code: "123" }

describe("Transaction", () => {
  it("decodes to camelCase with dates and a branded id, and encodes back to the same wire", () => {
    const decoded = Schema.decodeUnknownSync(Transaction)(transaction, strictOptions)
    assert.strictEqual(decoded.authorizedAmount, 1299)
    assert.strictEqual(decoded.avsResponseCode, "match")
    assert.isTrue(DateTime.isDateTime(decoded.createdAt))
    assert.deepStrictEqual(Schema.encodeSync(Transaction)(decoded), transaction)
  })

  // The official SDK rejects a transaction without any of these; so must we.
  it("requires exactly the spec's required fields, as the official SDK does", () => {
    const required: Array<string> = paymentsSpecSchema("Transaction").required
    assert.lengthOf(required, 22)
    assert.isTrue(Transaction$inboundSchema.safeParse(transaction).success)
    for (const field of required) {
      const { [field as keyof typeof transaction]: _, ...missing } = transaction
      assert.strictEqual(decode(Transaction, missing)._tag, "Failure", field)
      const sdk = Transaction$inboundSchema.safeParse(missing).success
      assert.isFalse(sdk, `the SDK accepts a transaction without ${field}`)
    }
  })

  it("rejects an unknown key, an unknown status, a currency in lower case", () => {
    assert.strictEqual(decode(Transaction, { ...transaction, nickname: "x" })._tag, "Failure")
    assert.strictEqual(decode(Transaction, { ...transaction, status: "authorized" })._tag, "Failure")
    assert.strictEqual(decode(Transaction, { ...transaction, currency: "usd" })._tag, "Failure")
  })

  it("a page of transactions holds their summaries", () => {
    const fields = Object.keys(paymentsSpecSchema("TransactionSummary").properties)
    const summary = Object.fromEntries(Object.entries(transaction).filter(([key]) => fields.includes(key)))
    const page = { items: [summary], limit: 20, next_cursor: null, previous_cursor: null }
    assert.strictEqual(decode(TransactionSummaries, page)._tag, "Success")
    assert.strictEqual(decode(TransactionSummaries, { ...page, limit: 101 })._tag, "Failure")
  })
})

describe("TransactionCreate", () => {
  const body = {
    amount: 1299,
    currency: "USD",
    country: "US",
    intent: "capture" as const,
    store: true,
    payment_method: card,
    buyer_external_identifier: "buyer-12345",
    external_identifier: "order-12345",
    metadata: { cohort: "a" },
    cart_items: [{ name: "GoPro HD", quantity: 2, unit_amount: 1299 }],
    airline: { passenger_name_record: "JOHN L DOE", legs: [{ flight_number: "101" }] },
    is_subsequent_payment: false,
    merchant_initiated: false,
    async_capture: false,
    account_funding_transaction: false,
    allow_partial_authorization: true
  }

  it("takes a card: its number and security code are redacted, and encode back", () => {
    const decoded = Schema.decodeUnknownSync(TransactionCreate)(body, strictOptions)
    const method = decoded.paymentMethod
    assert.isTrue(method !== null && method !== undefined && "number" in method && Redacted.isRedacted(method.number))
    assert.notInclude(String(JSON.stringify(decoded)), "4111111111111111")
    assert.deepStrictEqual(Schema.encodeSync(TransactionCreate)(decoded), body)
  })

  it("takes a stored method by id, a checkout session, a guest buyer or a stored buyer", () => {
    const id = { method: "id", id: "ef9496d8-53a5-4aad-8ca2-00eb68334389" }
    const session = { method: "checkout-session", id: "4137b1cf-39ac-42a8-bad6-1c680d5dab6b" }
    for (const payment_method of [id, session, { ...id, security_code: "123" }]) {
      assert.strictEqual(decode(TransactionCreate, { amount: 100, currency: "EUR", payment_method })._tag, "Success")
    }
    const buyer = { billing_details: { first_name: "John", address: { country: "GB" } } }
    assert.strictEqual(decode(TransactionCreate, { amount: 100, currency: "EUR", buyer })._tag, "Success")
    const buyerId = { amount: 100, currency: "EUR", buyer_id: "fe26475d-ec3e-4884-9553-f7356683f7f9" }
    assert.strictEqual(decode(TransactionCreate, buyerId)._tag, "Success")
  })

  it("rejects what the spec rejects", () => {
    const invalid: Array<[string, unknown]> = [
      ["amount above 99999999", { ...body, amount: 100_000_000 }],
      ["a short card number", { ...body, payment_method: { ...card, number: "4111" } }],
      ["no currency", { amount: 100 }],
      ["an unknown intent", { ...body, intent: "sale" }],
      ["an unknown payment method form", { ...body, payment_method: { method: "cash" } }],
      ["an unknown key", { ...body, tip: 100 }],
      ["a metadata value that is not a string", { ...body, metadata: { cohort: 1 } }]
    ]
    for (const [reason, input] of invalid) assert.strictEqual(decode(TransactionCreate, input)._tag, "Failure", reason)
  })

  it("the strict decoder answers as the schema's own strict decoding", () => {
    const decoder = StrictDecoder.make(TransactionCreate)
    const inputs = [
      body,
      { amount: 100, currency: "EUR", payment_method: { method: "id", id: "ef9496d8-53a5-4aad-8ca2-00eb68334389" } },
      { ...body, amount: -1 },
      { ...body, payment_method: { ...card, number: "41" } },
      { ...body, connection_options: { "mock-card": { skip_retry: true } } },
      { ...body, connection_options: { "mock-card": { unknown: true } } }
    ]
    for (const input of inputs) {
      const fast = decoder.decode(input)
      const reference = decode(TransactionCreate, input)
      assert.strictEqual(fast._tag, reference._tag, JSON.stringify(input))
      if (fast._tag === "Success" && reference._tag === "Success") {
        assert.deepStrictEqual(
          Schema.encodeSync(TransactionCreate)(fast.success),
          Schema.encodeSync(TransactionCreate)(reference.value)
        )
      }
    }
  })
})

describe("capture, void and refunds", () => {
  const capture = {
    type: "transaction-capture" as const,
    status: "succeeded" as const,
    code: null,
    raw_response_code: "00",
    raw_response_description: "Approved",
    transaction: { ...transaction, status: "capture_succeeded" as const, captured_amount: 1299 }
  }

  it("a capture answers the transaction or the capture wrapping it, each decoded as itself", () => {
    assert.isTrue(TransactionCapture$inboundSchema.safeParse(capture).success)
    const wrapped = Schema.decodeUnknownSync(CaptureResponse)(capture, strictOptions)
    assert.isTrue("transaction" in wrapped && wrapped.transaction.capturedAmount === 1299)
    const bare = Schema.decodeUnknownSync(CaptureResponse)(transaction, strictOptions)
    assert.isTrue("id" in bare && bare.id === transaction.id)
    assert.strictEqual(decode(TransactionCapture, { ...capture, transaction: undefined })._tag, "Failure")
    const voidedTransaction = { ...transaction, status: "authorization_voided" }
    const voided = { ...capture, type: "transaction-void", transaction: voidedTransaction }
    assert.strictEqual(decode(VoidResponse, voided)._tag, "Success")
    assert.strictEqual(decode(VoidResponse, capture)._tag, "Failure")
  })

  it("a capture body may name an amount, and nothing else the spec does not list", () => {
    assert.strictEqual(decode(TransactionCaptureCreate, {})._tag, "Success")
    assert.strictEqual(decode(TransactionCaptureCreate, { amount: 500, final: true })._tag, "Success")
    assert.strictEqual(decode(TransactionCaptureCreate, { amount: 500, currency: "USD" })._tag, "Failure")
  })

  it("a refund decodes as the official SDK reads it; a refund body's amount is in range", () => {
    const refund = {
      type: "refund" as const,
      id: "6a1d4e46-14ed-4fe1-a45f-eff4e025d211",
      transaction_id: transaction.id,
      status: "succeeded" as const,
      currency: "USD",
      amount: 1299,
      target_type: "payment-method" as const,
      reconciliation_id: "7jZXl4gBUNl0CnaLEnfXbt",
      transaction_reconciliation_id: "7jZXl4gBUNl0CnaLEnfXbt",
      created_at: "2013-07-16T19:23:00.000Z",
      updated_at: "2013-07-16T19:23:00.000Z",
      settled: false
    }
    assert.isTrue(Refund$inboundSchema.safeParse(refund).success)
    assert.deepStrictEqual(Schema.encodeSync(Refund)(Schema.decodeUnknownSync(Refund)(refund, strictOptions)), refund)
    assert.strictEqual(decode(TransactionRefundCreate, { amount: 100, reason: "Returned" })._tag, "Success")
    assert.strictEqual(decode(TransactionRefundCreate, { amount: -1 })._tag, "Failure")
  })
})

describe("the query of GET /transactions", () => {
  const query = Schema.Struct(TransactionsQuery)
  it("reads booleans, amounts, dates and repeated filters as a query string carries them", () => {
    const decoded = Schema.decodeUnknownSync(query)({
      has_refunds: "true",
      disputed: "false",
      amount_gte: "100",
      created_at_gte: "2013-07-16T19:23:00Z",
      status: ["authorization_succeeded", "capture_succeeded"],
      currency: ["USD"]
    })
    assert.strictEqual(decoded.has_refunds, true)
    assert.strictEqual(decoded.disputed, false)
    assert.strictEqual(decoded.amount_gte, 100)
    assert.isTrue(DateTime.isDateTime(decoded.created_at_gte))
    assert.deepStrictEqual(decoded.status, ["authorization_succeeded", "capture_succeeded"])
  })

  it("rejects a boolean that is not true or false, a negative or fractional amount, an unknown status", () => {
    const invalid = [
      { has_refunds: "yes" },
      { amount_eq: "-1" },
      { amount_eq: "1.5" },
      { amount_lte: "2147483648" },
      { status: ["authorized"] },
      { currency: ["usd"] },
      { gift_card_last4: "12345" }
    ]
    for (const input of invalid) {
      assert.strictEqual(Schema.decodeUnknownExit(query)(input)._tag, "Failure", JSON.stringify(input))
    }
  })
})

describe("preferredResource", () => {
  it("reads the resource a Prefer header asks for, among other preferences", () => {
    assert.strictEqual(preferredResource("resource=transaction"), "transaction")
    assert.strictEqual(preferredResource("code=402, resource=transaction-capture"), "transaction-capture")
    assert.strictEqual(preferredResource(" Resource = \"transaction-void\" ; strict"), "transaction-void")
    assert.isUndefined(preferredResource(undefined))
    assert.isUndefined(preferredResource("respond-async, wait=5"))
    assert.isUndefined(preferredResource("resource"))
  })
})
