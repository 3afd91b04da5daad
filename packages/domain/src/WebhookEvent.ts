/**
 * Webhook events: what Gr4vy POSTs to a webhook subscription when a resource
 * changes, and the mock server sends likewise. An event names what happened
 * (`name`, one of `WebhookEventName`), the merchant account it happened in,
 * when, and carries the resource as the API returns it (`target`).
 *
 * The names are Gr4vy's where its documentation lists them (buyers, payment
 * methods, refunds, shipping details, the transaction's `authorized` and
 * `captured`); the other transaction names follow the same pattern for the
 * statuses Gr4vy's documentation does not name an event for
 * (`apps/mock-server/WEBHOOKS.md` says which is which, with the sources).
 *
 * @since 0.4.0
 */
import { Schema } from "effect"
import { DateTimeUtc, WireStruct } from "./Primitives.ts"

/**
 * Every event name, as the `name` of a payload.
 *
 * @category constants
 * @since 0.4.0
 */
export const webhookEventNames = [
  "buyer.created",
  "buyer.updated",
  "buyer.deleted",
  "payment-method.paused",
  "payment-method.resumed",
  "payment-method.updated",
  "payment-method.deleted",
  "refund.declined",
  "refund.failed",
  "refund.pending",
  "refund.succeeded",
  "shipping-details.created",
  "shipping-details.updated",
  "shipping-details.deleted",
  "transaction.processing",
  "transaction.buyer-approval-pending",
  "transaction.authorized",
  "transaction.declined",
  "transaction.failed",
  "transaction.capture-pending",
  "transaction.captured",
  "transaction.void-pending",
  "transaction.voided"
] as const

/**
 * The headers of a webhook delivery, lowercase as Node presents them: the
 * event's webhook id (the same on every retry), the Unix time of signing,
 * and the comma-separated hex HMAC-SHA256 signatures, one per active secret.
 *
 * @category constants
 * @since 0.4.0
 */
export const webhookHeaders = {
  id: "x-gr4vy-webhook-id",
  timestamp: "x-gr4vy-webhook-timestamp",
  signatures: "x-gr4vy-webhook-signatures"
} as const

/**
 * The name of a webhook event.
 *
 * @category models
 * @since 0.4.0
 */
export const WebhookEventName = Schema.Literals(webhookEventNames).annotate({ identifier: "WebhookEventName" })

/**
 * @category models
 * @since 0.4.0
 */
export type WebhookEventName = typeof WebhookEventName.Type

/**
 * The payload of a webhook: `{ type: "event", id, name, merchant_account_id,
 * created_at, target }`, `target` being the resource (a transaction, a
 * refund, a buyer, …) as the API returns it, with its own `type`.
 *
 * @category models
 * @since 0.4.0
 */
export const WebhookEvent = WireStruct("WebhookEvent", {
  type: Schema.Literal("event"),
  id: Schema.String,
  name: WebhookEventName,
  merchantAccountId: Schema.String,
  createdAt: DateTimeUtc,
  target: Schema.Record(Schema.String, Schema.Unknown)
})

/**
 * @category models
 * @since 0.4.0
 */
export type WebhookEvent = typeof WebhookEvent.Type

/**
 * The name of the event a transaction's move to `status` sends (`undefined`:
 * none).
 *
 * @category utils
 * @since 0.4.0
 */
export const transactionEventName = (status: string): WebhookEventName | undefined => transactionEvents[status]

const transactionEvents: Record<string, WebhookEventName | undefined> = {
  processing: "transaction.processing",
  buyer_approval_pending: "transaction.buyer-approval-pending",
  authorization_succeeded: "transaction.authorized",
  authorization_declined: "transaction.declined",
  authorization_failed: "transaction.failed",
  capture_pending: "transaction.capture-pending",
  capture_succeeded: "transaction.captured",
  authorization_void_pending: "transaction.void-pending",
  authorization_voided: "transaction.voided"
}

/**
 * The name of the event a refund's move to `status` sends (`undefined`:
 * none; a refund `processing` is `refund.pending`).
 *
 * @category utils
 * @since 0.4.0
 */
export const refundEventName = (status: string): WebhookEventName | undefined => refundEvents[status]

const refundEvents: Record<string, WebhookEventName | undefined> = {
  processing: "refund.pending",
  succeeded: "refund.succeeded",
  declined: "refund.declined",
  failed: "refund.failed"
}
