/**
 * The transaction endpoints of the payments contract: transactions and what
 * follows them (capture, void, cancel, sync, authorization increment),
 * refunds, captures, actions, events, settlements, refund settlements,
 * chargebacks and chargeback reversals. Every call needs a bearer token
 * (`transactions.read` / `.write`; creating a transaction also `embed`, a full
 * refund also `gift-cards.write`) but the client SDK's session update
 * (`POST /transactions/{id}/session`), which the spec declares without
 * `security`, as the checkout session's browser-facing calls.
 *
 * @since 0.2.0
 */
import { Schema, SchemaGetter } from "effect"
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "effect/http-api"
import { strictOptions } from "../StrictDecoder.ts"
import { Cursor, LimitParam } from "../Collection.ts"
import { ApiErrors } from "../Errors.ts"
import { Method } from "../PaymentService.ts"
import { BoundedString, CurrencyCode, DateTimeUtc, Uuid } from "../Primitives.ts"
import { Refund, Refunds, TransactionRefundAllCreate, TransactionRefundCreate } from "../Refund.ts"
import {
  ChargebackReversals,
  Chargebacks,
  RefundSettlement,
  RefundSettlements,
  Settlement,
  Settlements
} from "../Settlement.ts"
import {
  Transaction,
  TransactionStatus,
  TransactionSummaries,
  TransactionUpdate,
  UpdateTransactionSessionRequest,
  UpdateTransactionSessionResponse
} from "../Transaction.ts"
import { TransactionPaymentSource } from "../CheckoutSession.ts"
import {
  Capture,
  CaptureCollection,
  TransactionAuthorizationIncrement,
  TransactionAuthorizationIncrementCreate,
  TransactionCancel,
  TransactionCapture,
  TransactionCaptureCreate,
  TransactionVoid
} from "../TransactionCapture.ts"
import { TransactionCreate } from "../TransactionCreate.ts"
import { TransactionActions, TransactionEvents } from "../TransactionEvent.ts"
import { Authorization } from "./Authorization.ts"
import { preferHeaders } from "./CheckoutSessions.ts"
import { accountHeaders, IdParam } from "./Params.ts"

/**
 * The `Idempotency-Key` header: a request sent again with the same key is
 * answered as the first was. 1 to 255 characters.
 *
 * @category headers
 * @since 0.2.0
 */
export const idempotencyKeyHeader = "idempotency-key"

/**
 * The `Prefer` header of capture and void: `resource=transaction` asks for the
 * transaction in the answer, `resource=transaction-capture` (capture) or
 * `resource=transaction-void` (void) for the operation's own resource, which
 * wraps the transaction. It is a list of preferences (RFC 7240), so other
 * preferences may travel in it too.
 *
 * @category headers
 * @since 0.2.0
 */
export const preferHeader = "prefer"

const IdempotencyKey = BoundedString(1, 255).annotate({
  description: "A unique key that identifies this request. Providing this header will make this an idempotent request."
})

const idempotentHeaders = { ...accountHeaders, [idempotencyKeyHeader]: Schema.optionalKey(IdempotencyKey) }

const preferringHeaders = {
  ...idempotentHeaders,
  [preferHeader]: Schema.optionalKey(
    Schema.String.annotate({
      description: "The preferred resource type in the response, as `resource=transaction`. " +
        "Mock server only: `code=NNN` (a 4xx or 5xx status) answers that error in the API's error shape without " +
        "running the call; `delay=MS` answers after MS milliseconds (at most 30000)."
    })
  )
}

/**
 * The resource a `Prefer` header asks for (`resource=…`), if it names one:
 * the header is a comma-separated list of preferences, each `token[=value]`
 * with optional `;` parameters, the token compared without case.
 *
 * @category headers
 * @since 0.2.0
 */
export const preferredResource = (prefer: string | undefined): string | undefined => {
  if (prefer === undefined) return undefined
  for (const preference of prefer.split(",")) {
    const [name, ...value] = preference.split(";")[0]!.split("=")
    if (name!.trim().toLowerCase() === "resource" && value.length > 0) {
      return value.join("=").trim().replace(/^"(.*)"$/u, "$1")
    }
  }
  return undefined
}

const transaction = { transaction_id: IdParam("The ID of the transaction.", "uuid") }
const refund = { ...transaction, refund_id: IdParam("The ID of the refund.", "uuid") }
const settlement = { ...transaction, settlement_id: IdParam("The ID of the settlement.", "uuid") }
const capture = { ...transaction, capture_id: IdParam("The ID of the capture.", "uuid") }
const headers = accountHeaders

// A query parameter's boolean, as a query string carries it (`"true"` / `"false"`).
const BooleanParam = Schema.Literals(["true", "false"]).pipe(
  Schema.decodeTo(Schema.Boolean, {
    decode: SchemaGetter.transform((s: "true" | "false") => s === "true"),
    encode: SchemaGetter.transform((b: boolean) => (b ? "true" : "false") as "true" | "false")
  })
)

// A query parameter's amount in minor units, 0 to 2147483647, as a query string carries it.
const AmountParam = Schema.String.check(Schema.isPattern(/^[0-9]+$/u)).pipe(
  Schema.decodeTo(
    Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 2_147_483_647 })),
    {
      decode: SchemaGetter.transform((s: string) => Number(s)),
      encode: SchemaGetter.transform((n: number) => String(n))
    }
  )
)

const optional = Schema.optionalKey

/**
 * The query of `GET /transactions`: a page (`cursor`, `limit`), and the
 * filters of the spec — dates, buyer, status, amount, currency, payment
 * method and service, error codes, flags, … — each optional; the repeated
 * ones (`status`, `currency`, `method`, …) are arrays.
 *
 * @category schemas
 * @since 0.2.0
 */
export const TransactionsQuery = {
  cursor: optional(Cursor),
  limit: optional(LimitParam),
  created_at_lte: optional(DateTimeUtc),
  created_at_gte: optional(DateTimeUtc),
  updated_at_lte: optional(DateTimeUtc),
  updated_at_gte: optional(DateTimeUtc),
  search: optional(Schema.String),
  buyer_external_identifier: optional(Schema.String),
  buyer_id: optional(Uuid),
  buyer_email_address: optional(Schema.String),
  ip_address: optional(Schema.String),
  status: optional(Schema.Array(TransactionStatus)),
  id: optional(Uuid),
  payment_service_transaction_id: optional(Schema.String),
  external_identifier: optional(Schema.String),
  metadata: optional(Schema.Array(Schema.String)),
  amount_eq: optional(AmountParam),
  amount_lte: optional(AmountParam),
  amount_gte: optional(AmountParam),
  currency: optional(Schema.Array(CurrencyCode)),
  country: optional(Schema.Array(Schema.String)),
  payment_service_id: optional(Schema.Array(Uuid)),
  payment_method_id: optional(Uuid),
  payment_method_label: optional(Schema.String),
  payment_method_scheme: optional(Schema.Array(Schema.String)),
  payment_method_country: optional(Schema.String),
  payment_method_fingerprint: optional(Schema.String),
  method: optional(Schema.Array(Method)),
  error_code: optional(Schema.Array(Schema.String)),
  has_refunds: optional(BooleanParam),
  pending_review: optional(BooleanParam),
  checkout_session_id: optional(Uuid),
  payment_link_id: optional(Uuid),
  reconciliation_id: optional(Schema.String),
  has_gift_card_redemptions: optional(BooleanParam),
  gift_card_id: optional(Uuid),
  gift_card_last4: optional(BoundedString(4, 4)),
  has_settlements: optional(BooleanParam),
  payment_method_bin: optional(Schema.String),
  payment_source: optional(Schema.Array(TransactionPaymentSource)),
  is_subsequent_payment: optional(BooleanParam),
  merchant_initiated: optional(BooleanParam),
  used_3ds: optional(BooleanParam),
  disputed: optional(BooleanParam),
  reauthorized_from_transaction_id: optional(Uuid),
  buyer_search: optional(Schema.Array(Schema.String))
}

/**
 * What capture answers: the transaction (`Prefer: resource=transaction`) or
 * the capture, which wraps it (`Prefer: resource=transaction-capture`), in the
 * spec's order.
 *
 * @category schemas
 * @since 0.2.0
 */
export const CaptureResponse = Schema.Union([Transaction, TransactionCapture])

/**
 * What void answers: the transaction (`Prefer: resource=transaction`) or the
 * void, which wraps it (`Prefer: resource=transaction-void`), in the spec's
 * order.
 *
 * @category schemas
 * @since 0.2.0
 */
export const VoidResponse = Schema.Union([Transaction, TransactionVoid])

/**
 * The transaction endpoints, named by their operation ids in camelCase:
 * `listTransactions`, `createTransaction`, `getTransaction`,
 * `updateTransaction`, `captureTransaction`, `voidTransaction`,
 * `cancelTransaction`, `syncTransaction`,
 * `incrementTransactionAuthorization`, `listTransactionRefunds`,
 * `createTransactionRefund`, `getTransactionRefund`,
 * `createFullTransactionRefund`, `getRefund`, `listTransactionCaptures`,
 * `getTransactionCapture`, `listTransactionActions`,
 * `listTransactionEvents`, `listTransactionSettlements`,
 * `getTransactionSettlement`, `listTransactionRefundSettlements`,
 * `getTransactionRefundSettlement`, `listTransactionChargebacks`,
 * `listTransactionChargebackReversals`, behind the `Authorization`
 * middleware; and `updateSession`, without it.
 *
 * @category groups
 * @since 0.2.0
 */
export class TransactionsGroup extends HttpApiGroup.make("transactions")
  .add(
    HttpApiEndpoint.get("listTransactions", "/transactions", {
      headers,
      query: TransactionsQuery,
      success: TransactionSummaries,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List transactions" })),
    HttpApiEndpoint.post("createTransaction", "/transactions", {
      headers: idempotentHeaders,
      payload: TransactionCreate,
      success: Transaction.pipe(HttpApiSchema.status(201)),
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Create transaction" })),
    HttpApiEndpoint.get("getTransaction", "/transactions/:transaction_id", {
      params: transaction,
      headers,
      success: Transaction,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Get transaction" })),
    HttpApiEndpoint.put("updateTransaction", "/transactions/:transaction_id", {
      params: transaction,
      headers,
      payload: TransactionUpdate,
      success: Transaction,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Manually update a transaction" })),
    HttpApiEndpoint.post("captureTransaction", "/transactions/:transaction_id/capture", {
      params: transaction,
      headers: preferringHeaders,
      payload: TransactionCaptureCreate,
      success: CaptureResponse,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Capture transaction" })),
    HttpApiEndpoint.post("voidTransaction", "/transactions/:transaction_id/void", {
      params: transaction,
      headers: preferringHeaders,
      success: VoidResponse,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Void transaction" })),
    HttpApiEndpoint.post("cancelTransaction", "/transactions/:transaction_id/cancel", {
      params: transaction,
      headers,
      success: TransactionCancel,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Cancel transaction" })),
    HttpApiEndpoint.post("syncTransaction", "/transactions/:transaction_id/sync", {
      params: transaction,
      headers,
      success: Transaction,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Sync transaction" })),
    HttpApiEndpoint.post(
      "incrementTransactionAuthorization",
      "/transactions/:transaction_id/authorization/increment",
      {
        params: transaction,
        headers: idempotentHeaders,
        payload: TransactionAuthorizationIncrementCreate,
        success: TransactionAuthorizationIncrement,
        error: ApiErrors
      }
    ).annotateMerge(OpenApi.annotations({ summary: "Increment transaction authorization" })),
    HttpApiEndpoint.get("listTransactionRefunds", "/transactions/:transaction_id/refunds", {
      params: transaction,
      headers,
      success: Refunds,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List transaction refunds" })),
    HttpApiEndpoint.post("createTransactionRefund", "/transactions/:transaction_id/refunds", {
      params: transaction,
      headers: idempotentHeaders,
      payload: TransactionRefundCreate,
      success: Refund.pipe(HttpApiSchema.status(201)),
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Create transaction refund" })),
    HttpApiEndpoint.get("getTransactionRefund", "/transactions/:transaction_id/refunds/:refund_id", {
      params: refund,
      headers,
      success: Refund,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Get transaction refund" })),
    HttpApiEndpoint.post("createFullTransactionRefund", "/transactions/:transaction_id/refunds/all", {
      params: transaction,
      headers: idempotentHeaders,
      // The body is optional: no body refunds the whole transaction, its gift cards included.
      payload: Schema.NullOr(TransactionRefundAllCreate),
      success: Refunds.pipe(HttpApiSchema.status(201)),
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Create batch transaction refund" })),
    HttpApiEndpoint.get("getRefund", "/refunds/:refund_id", {
      params: { refund_id: refund.refund_id },
      headers,
      success: Refund,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Get refund" })),
    HttpApiEndpoint.get("listTransactionCaptures", "/transactions/:transaction_id/captures", {
      params: transaction,
      headers,
      success: CaptureCollection,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List transaction captures" })),
    HttpApiEndpoint.get("getTransactionCapture", "/transactions/:transaction_id/captures/:capture_id", {
      params: capture,
      headers,
      success: Capture,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Get transaction capture" })),
    HttpApiEndpoint.get("listTransactionActions", "/transactions/:transaction_id/actions", {
      params: transaction,
      headers,
      success: TransactionActions,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List transaction Flow rules" })),
    HttpApiEndpoint.get("listTransactionEvents", "/transactions/:transaction_id/events", {
      params: transaction,
      headers,
      // A page of events holds up to 100, and 100 when not asked (not 20 as other lists).
      query: { cursor: optional(Cursor), limit: optional(LimitParam) },
      success: TransactionEvents,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List transaction events" })),
    HttpApiEndpoint.get("listTransactionSettlements", "/transactions/:transaction_id/settlements", {
      params: transaction,
      headers,
      success: Settlements,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List transaction settlements" })),
    HttpApiEndpoint.get("getTransactionSettlement", "/transactions/:transaction_id/settlements/:settlement_id", {
      params: settlement,
      headers,
      success: Settlement,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Get transaction settlement" })),
    HttpApiEndpoint.get("listTransactionRefundSettlements", "/transactions/:transaction_id/refund-settlements", {
      params: transaction,
      headers,
      success: RefundSettlements,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List transaction refund settlements" })),
    HttpApiEndpoint.get(
      "getTransactionRefundSettlement",
      "/transactions/:transaction_id/refund-settlements/:settlement_id",
      { params: settlement, headers, success: RefundSettlement, error: ApiErrors }
    ).annotateMerge(OpenApi.annotations({ summary: "Get transaction refund settlement" })),
    HttpApiEndpoint.get("listTransactionChargebacks", "/transactions/:transaction_id/chargebacks", {
      params: transaction,
      headers,
      success: Chargebacks,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List transaction chargebacks" })),
    HttpApiEndpoint.get("listTransactionChargebackReversals", "/transactions/:transaction_id/chargeback-reversals", {
      params: transaction,
      headers,
      success: ChargebackReversals,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List transaction chargeback reversals" }))
  )
  .middleware(Authorization)
  .add(
    // The client SDK's session: called from the buyer's device with the session `token`, not a bearer token.
    HttpApiEndpoint.post("updateSession", "/transactions/:transaction_id/session", {
      params: transaction,
      headers: preferHeaders,
      query: { token: optional(Schema.String) },
      payload: Schema.NullOr(UpdateTransactionSessionRequest),
      success: UpdateTransactionSessionResponse,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Get or update session" }))
  )
  // Bodies are decoded strictly (StrictDecoder's `strictOptions`): unknown keys refused, every invalid field reported.
  .annotate(HttpApi.PayloadParseOptions, strictOptions)
  .annotateMerge(OpenApi.annotations({ title: "Transactions" }))
{}
