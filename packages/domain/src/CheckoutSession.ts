/**
 * The checkout session, and the body that creates or updates one.
 *
 * @since 0.1.0
 */
import { Schema, SchemaAST } from "effect"
import { Airline } from "./Airline.ts"
import { GuestBuyer } from "./Buyer.ts"
import { CartItem } from "./Cart.ts"
import { CheckoutSessionPaymentMethod } from "./PaymentMethod.ts"
import {
  Amount,
  CountryCode,
  CurrencyCode,
  DateTimeUtc,
  optionalNullable,
  PaymentServiceId,
  SessionId,
  WireStruct
} from "./Primitives.ts"

/**
 * @category models
 * @since 0.1.0
 */
export const TransactionIntent = Schema.Literals(["authorize", "capture"]).annotate({ identifier: "TransactionIntent" })

/**
 * @category models
 * @since 0.1.0
 */
export type TransactionIntent = typeof TransactionIntent.Type

/**
 * @category models
 * @since 0.1.0
 */
export const TransactionPaymentSource = Schema.Literals([
  "ecommerce",
  "moto",
  "recurring",
  "installment",
  "card_on_file"
]).annotate({ identifier: "TransactionPaymentSource" })

/**
 * @category models
 * @since 0.1.0
 */
export type TransactionPaymentSource = typeof TransactionPaymentSource.Type

/**
 * Free-form string key-value pairs passed on to payment services.
 *
 * @category models
 * @since 0.1.0
 */
export const Metadata = Schema.Record(Schema.String, Schema.String)

/**
 * @category models
 * @since 0.1.0
 */
export type Metadata = typeof Metadata.Type

/**
 * The lifetime of a session in seconds, 3600 (the default) to 86400.
 *
 * @category models
 * @since 0.1.0
 */
export const ExpiresIn = Schema.Finite.check(Schema.isBetween({ minimum: 3600, maximum: 86_400 }))

const sharedFields = {
  cartItems: optionalNullable(Schema.Array(CartItem)),
  metadata: optionalNullable(Metadata),
  buyer: optionalNullable(GuestBuyer),
  airline: optionalNullable(Airline),
  amount: optionalNullable(Amount),
  currency: optionalNullable(CurrencyCode),
  paymentServiceId: optionalNullable(PaymentServiceId)
}

/**
 * The body of `POST /checkout/sessions` and `PUT /checkout/sessions/{id}`.
 * `expiresIn` sets `expires_at` to now + expires_in. `country`,
 * `isSubsequentPayment`, `merchantInitiated`, `paymentSource` and `intent`
 * are accepted and not returned.
 *
 * @category models
 * @since 0.1.0
 */
export const CheckoutSessionUpdate = WireStruct("CheckoutSessionUpdate", {
  ...sharedFields,
  expiresIn: Schema.optionalKey(ExpiresIn).annotateKey({ default: 3600 }),
  country: optionalNullable(CountryCode),
  isSubsequentPayment: optionalNullable(Schema.Boolean),
  merchantInitiated: optionalNullable(Schema.Boolean),
  paymentSource: optionalNullable(TransactionPaymentSource),
  intent: optionalNullable(TransactionIntent)
})

/**
 * @category models
 * @since 0.1.0
 */
export type CheckoutSessionUpdate = typeof CheckoutSessionUpdate.Type

/**
 * @category models
 * @since 0.1.0
 */
export type CheckoutSessionUpdateEncoded = typeof CheckoutSessionUpdate.Encoded

/**
 * A checkout session as the API returns it.
 *
 * @category models
 * @since 0.1.0
 */
export const CheckoutSession = WireStruct("CheckoutSession", {
  ...sharedFields,
  type: Schema.optionalKey(Schema.Literal("checkout-session")).annotateKey({ default: "checkout-session" }),
  id: SessionId,
  expiresAt: DateTimeUtc,
  paymentMethod: optionalNullable(CheckoutSessionPaymentMethod)
})

/**
 * @category models
 * @since 0.1.0
 */
export type CheckoutSession = typeof CheckoutSession.Type

/**
 * @category models
 * @since 0.1.0
 */
export type CheckoutSessionEncoded = typeof CheckoutSession.Encoded

const wireKeys = (schema: Schema.Top): ReadonlyArray<string> => {
  const encoded = SchemaAST.toEncoded(schema.ast)
  return encoded._tag === "Objects" ? encoded.propertySignatures.map((ps) => String(ps.name)) : []
}

/**
 * The wire fields a create or update body sets on the session: those
 * `CheckoutSessionUpdate` and `CheckoutSession` share (`cart_items`,
 * `metadata`, `buyer`, `airline`, `amount`, `currency`,
 * `payment_service_id`). The update's other fields (`expires_in`, `intent`,
 * ...) are accepted and not kept.
 *
 * @category models
 * @since 0.1.0
 */
export const sessionFields: ReadonlyArray<string> = wireKeys(CheckoutSessionUpdate).filter((key) =>
  wireKeys(CheckoutSession).includes(key)
)
