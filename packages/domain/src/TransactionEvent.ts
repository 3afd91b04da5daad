/**
 * A transaction's history: its actions (the flow rules that acted on it,
 * `TransactionAction`) and its events (`TransactionEvent`, a page at a time).
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { Collection, ItemList } from "./Collection.ts"
import { DateTimeUtc, Uuid, WireStruct } from "./Primitives.ts"

/**
 * The Flow actions a rule can take.
 *
 * @category models
 * @since 0.2.0
 */
export const FlowAction = Schema.Literals([
  "select-payment-options", "route-transaction", "decline-early", "skip-3ds"
]).annotate({ identifier: "FlowAction" })

/**
 * @category models
 * @since 0.2.0
 */
export type FlowAction = typeof FlowAction.Type

/**
 * The Flows a rule belongs to.
 *
 * @category models
 * @since 0.2.0
 */
export const Flow = Schema.Literals([
  "checkout", "card-transaction", "non-card-transaction", "redirect-transaction"
]).annotate({ identifier: "Flow" })

/**
 * @category models
 * @since 0.2.0
 */
export type Flow = typeof Flow.Type

/**
 * A Flow rule that acted on a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionAction = WireStruct("TransactionAction", {
  type: Schema.optionalKey(Schema.Literal("action")).annotateKey({ default: "action" }),
  id: FlowAction,
  flow: Flow,
  ruleId: Uuid,
  createdAt: DateTimeUtc,
  outcome: Schema.Record(Schema.String, Schema.Unknown)
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionAction = typeof TransactionAction.Type

/**
 * The Flow rules that acted on a transaction, whole.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionActions = ItemList("TransactionActions", TransactionAction)

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionActions = typeof TransactionActions.Type

/**
 * What an event carries: free-form, its keys depend on the event.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionEventContext = Schema.Record(Schema.String, Schema.Unknown).annotate({
  identifier: "TransactionEventContext"
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionEventContext = typeof TransactionEventContext.Type

/**
 * Something that happened to a transaction: a status change, a call to the
 * payment service and its answer, a 3-D Secure or anti-fraud step, …
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionEvent = WireStruct("TransactionEvent", {
  type: Schema.optionalKey(Schema.Literal("transaction-event")).annotateKey({ default: "transaction-event" }),
  id: Uuid,
  name: Schema.Literals([
    "transaction-updated-status", "transaction-sync-event", "transaction-sync-failed-event",
    "transaction-modified-event", "transaction-api-request", "transaction-api-response", "bin-lookup-request",
    "three-d-secure-success", "three-d-secure-request-error", "three-d-secure-preparation-request",
    "three-d-secure-authentication-request", "three-d-secure-result-request", "anti-fraud-decision",
    "anti-fraud-decision-error", "anti-fraud-decision-skipped", "anti-fraud-webhook",
    "anti-fraud-transaction-status-update", "anti-fraud-transaction-status-update-error",
    "anti-fraud-decision-update", "anti-fraud-decision-update-error", "gift-card-redemption-succeeded",
    "gift-card-redemption-failed", "gift-card-refund-succeeded", "gift-card-refund-failed",
    "gift-card-reversal-succeeded", "reauthorization-attempted", "reauthorization-created",
    "payment-connector-response-transaction-authorization-succeeded",
    "payment-connector-response-transaction-capture-succeeded",
    "payment-connector-response-transaction-authorization-failed", "payment-connector-response-transaction-declined",
    "payment-connector-response-transaction-capture-failed",
    "payment-connector-response-transaction-capture-declined",
    "payment-connector-response-transaction-cancel-succeeded",
    "payment-connector-response-transaction-cancel-pending", "payment-connector-response-transaction-cancel-failed",
    "payment-connector-response-transaction-void-succeeded",
    "payment-connector-response-transaction-authorization-increment-succeeded",
    "payment-connector-response-transaction-authorization-increment-failed",
    "payment-connector-response-transaction-void-declined", "payment-connector-response-transaction-void-failed",
    "payment-connector-external-transaction-request", "payment-connector-report-transaction-settled",
    "payment-connector-report-refund-settled", "payment-connector-report-chargeback-posted",
    "payment-connector-report-chargeback-reversal-posted", "payment-connector-transaction-webhook-processed",
    "digital-wallet-apple-pay-token-decrypted", "digital-wallet-google-pay-token-decrypted",
    "digital-wallet-click-to-pay-token-decrypted", "digital-wallet-paze-token-decrypted",
    "network-token-provision-succeeded", "network-token-provision-failed",
    "network-token-cryptogram-provision-succeeded", "network-token-cryptogram-provision-failed",
    "the-giving-block-transaction-conversion-succeeded", "real-time-account-update", "plaid-request-event"
  ]),
  createdAt: DateTimeUtc,
  context: TransactionEventContext
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionEvent = typeof TransactionEvent.Type

/**
 * A page of a transaction's events.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionEvents = Collection("TransactionEvents", TransactionEvent)

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionEvents = typeof TransactionEvents.Type
