/**
 * Payment methods: the card a session shows once secure fields were set, the
 * secure-fields request bodies (card, stored method id, click-to-pay) and the
 * card-details (BIN) lookup.
 *
 * Card numbers and security codes decode to `Redacted` values, so they never
 * print in logs, traces or error messages by accident.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import {
  BoundedString,
  CountryCode,
  DigitString,
  optionalNullable,
  PaymentMethodId,
  Secret,
  WireStruct
} from "./Primitives.ts"

/**
 * Card networks.
 *
 * @category models
 * @since 0.1.0
 */
export const CardScheme = Schema.Literals([
  "accel",
  "amex",
  "bancontact",
  "carte-bancaire",
  "cirrus",
  "culiance",
  "dankort",
  "diners-club",
  "discover",
  "eftpos-australia",
  "elo",
  "hipercard",
  "jcb",
  "maestro",
  "mastercard",
  "mir",
  "nyce",
  "other",
  "pulse",
  "qcard",
  "rupay",
  "star",
  "uatp",
  "unionpay",
  "visa"
]).annotate({ identifier: "CardScheme" })

/**
 * @category models
 * @since 0.1.0
 */
export type CardScheme = typeof CardScheme.Type

/**
 * @category models
 * @since 0.1.0
 */
export const CardType = Schema.Literals(["credit", "debit", "prepaid"]).annotate({ identifier: "CardType" })

/**
 * @category models
 * @since 0.1.0
 */
export type CardType = typeof CardType.Type

/**
 * What is known of a card from its number.
 *
 * @category models
 * @since 0.1.0
 */
export const CheckoutSessionPaymentMethodDetails = WireStruct("CheckoutSessionPaymentMethodDetails", {
  bin: optionalNullable(Schema.String),
  cardCountry: optionalNullable(CountryCode),
  cardType: optionalNullable(CardType),
  cardIssuerName: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.1.0
 */
export type CheckoutSessionPaymentMethodDetails = typeof CheckoutSessionPaymentMethodDetails.Type

/**
 * The payment method attached to a session through secure fields.
 *
 * @category models
 * @since 0.1.0
 */
export const CheckoutSessionPaymentMethod = WireStruct("CheckoutSessionPaymentMethod", {
  type: Schema.optionalKey(Schema.Literal("payment-method")).annotateKey({ default: "payment-method" }),
  id: optionalNullable(PaymentMethodId),
  details: optionalNullable(CheckoutSessionPaymentMethodDetails),
  label: optionalNullable(Schema.String),
  method: Schema.optionalKey(Schema.Literal("card")).annotateKey({ default: "card" }),
  scheme: optionalNullable(CardScheme),
  fingerprint: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.1.0
 */
export type CheckoutSessionPaymentMethod = typeof CheckoutSessionPaymentMethod.Type

const SecurityCode = Secret(DigitString(3, 4), "security_code")

/**
 * A card entered through secure fields. `number` (13..19 digits) and
 * `securityCode` are `Redacted` on the Type side.
 *
 * @category models
 * @since 0.1.0
 */
export const CheckoutSessionCardPaymentMethod = WireStruct("CheckoutSessionCardPaymentMethod", {
  method: Schema.optionalKey(Schema.Literal("card")).annotateKey({ default: "card" }),
  number: Secret(DigitString(13, 19), "number"),
  expirationDate: BoundedString(5, 5).check(Schema.isPattern(/^\d{2}\/\d{2}$/u)),
  securityCode: optionalNullable(SecurityCode)
})

/**
 * @category models
 * @since 0.1.0
 */
export type CheckoutSessionCardPaymentMethod = typeof CheckoutSessionCardPaymentMethod.Type

/**
 * A stored payment method, by id.
 *
 * @category models
 * @since 0.1.0
 */
export const CheckoutSessionIdPaymentMethod = WireStruct("CheckoutSessionIdPaymentMethod", {
  method: Schema.optionalKey(Schema.Literal("id")).annotateKey({ default: "id" }),
  id: PaymentMethodId,
  securityCode: optionalNullable(SecurityCode)
})

/**
 * @category models
 * @since 0.1.0
 */
export type CheckoutSessionIdPaymentMethod = typeof CheckoutSessionIdPaymentMethod.Type

/**
 * A click-to-pay reference.
 *
 * @category models
 * @since 0.1.0
 */
export const CheckoutSessionClickToPayPaymentMethod = WireStruct("CheckoutSessionClickToPayPaymentMethod", {
  method: Schema.optionalKey(Schema.Literal("click-to-pay")).annotateKey({ default: "click-to-pay" }),
  merchantTransactionId: Schema.String,
  srcCorrelationId: Schema.String,
  srcDpaId: Schema.String,
  srcCxFlowId: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.1.0
 */
export type CheckoutSessionClickToPayPaymentMethod = typeof CheckoutSessionClickToPayPaymentMethod.Type

/**
 * The body of `PUT /checkout/sessions/{session_id}/fields`.
 *
 * @category models
 * @since 0.1.0
 */
export const CheckoutSessionSecureFields = WireStruct("CheckoutSessionSecureFields", {
  paymentMethod: Schema.Union([
    CheckoutSessionCardPaymentMethod,
    CheckoutSessionClickToPayPaymentMethod,
    CheckoutSessionIdPaymentMethod
  ]),
  postalCode: optionalNullable(BoundedString(1, 50))
})

/**
 * @category models
 * @since 0.1.0
 */
export type CheckoutSessionSecureFields = typeof CheckoutSessionSecureFields.Type

/**
 * The body of `POST /checkout/sessions/{session_id}/card-details`: a BIN of 6
 * to 8 digits.
 *
 * @category models
 * @since 0.1.0
 */
export const CheckoutSessionCardDetailsRequest = WireStruct("CheckoutSessionCardDetailsRequest", {
  bin: DigitString(6, 8)
})

/**
 * @category models
 * @since 0.1.0
 */
export type CheckoutSessionCardDetailsRequest = typeof CheckoutSessionCardDetailsRequest.Type

/**
 * Scheme and type of a card, by BIN.
 *
 * @category models
 * @since 0.1.0
 */
export const CheckoutSessionCardDetails = WireStruct("CheckoutSessionCardDetails", {
  bin: Schema.String,
  cardType: optionalNullable(CardType),
  scheme: optionalNullable(CardScheme),
  schemeIconUrl: optionalNullable(Schema.String),
  additionalSchemes: Schema.optionalKey(Schema.Array(CardScheme))
})

/**
 * @category models
 * @since 0.1.0
 */
export type CheckoutSessionCardDetails = typeof CheckoutSessionCardDetails.Type
