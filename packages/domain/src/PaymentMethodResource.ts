/**
 * Stored payment methods (`/payment-methods`): the resource as the API
 * returns it, the bodies that store one (card, checkout session, redirect,
 * Plaid, ACH, BACS, SEPA), the update, and a method's network tokens and
 * payment-service tokens. The payment methods of a checkout session stay in
 * `PaymentMethod`. Card numbers, security codes, bank account numbers and
 * tokens are `Redacted` on the Type side.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { Buyer, BuyerId } from "./BuyerResource.ts"
import { Collection, ItemList } from "./Collection.ts"
import { CardScheme, CardType } from "./PaymentMethod.ts"
import { Method, Mode } from "./PaymentService.ts"
import {
  BoundedString,
  CountryCode,
  CurrencyCode,
  DateTimeUtc,
  DigitString,
  optionalNullable,
  PaymentMethodId,
  PaymentServiceId,
  Secret,
  Uuid,
  WireStruct
} from "./Primitives.ts"

/**
 * @category models
 * @since 0.2.0
 */
export const PaymentMethodStatus = Schema.Literals([
  "processing",
  "buyer_approval_required",
  "succeeded",
  "failed",
  "paused"
]).annotate({ identifier: "PaymentMethodStatus" })

/**
 * @category models
 * @since 0.2.0
 */
export type PaymentMethodStatus = typeof PaymentMethodStatus.Type

/**
 * A card's expiry, `MM/YY`.
 *
 * @category schemas
 * @since 0.2.0
 */
export const ExpirationDate = BoundedString(5, 5).check(Schema.isPattern(/^\d{2}\/\d{2}$/u))

const SecurityCode = Secret(DigitString(3, 4), "security_code")
const ExternalIdentifier = optionalNullable(BoundedString(1, 200))

/**
 * What is known of a stored card from its number.
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentMethodDetailsCard = WireStruct("PaymentMethodDetailsCard", {
  bin: optionalNullable(DigitString(6, 8)),
  cardType: optionalNullable(CardType),
  cardIssuerName: optionalNullable(Schema.String)
})

/**
 * What every view of a payment method shows of it (a stored one, its summary
 * in a buyer's list, the one a transaction used), but for its id.
 *
 * @category models
 * @since 0.2.0
 */
export const paymentMethodFields = {
  type: Schema.optionalKey(Schema.Literal("payment-method")).annotateKey({ default: "payment-method" }),
  approvalUrl: optionalNullable(Schema.String),
  country: optionalNullable(CountryCode),
  currency: optionalNullable(CurrencyCode),
  details: optionalNullable(PaymentMethodDetailsCard),
  expirationDate: optionalNullable(ExpirationDate),
  fingerprint: optionalNullable(Schema.String),
  label: optionalNullable(BoundedString(0, 320)),
  lastReplacedAt: optionalNullable(DateTimeUtc),
  method: Method,
  mode: optionalNullable(Mode),
  scheme: optionalNullable(CardScheme)
}

// What a stored payment method and its summary (a buyer's list) share.
const summaryFields = {
  ...paymentMethodFields,
  id: PaymentMethodId,
  merchantAccountId: Schema.String,
  additionalSchemes: optionalNullable(Schema.Array(CardScheme)),
  citLastUsedAt: optionalNullable(DateTimeUtc),
  citUsageCount: Schema.Int,
  hasReplacement: Schema.Boolean,
  lastUsedAt: optionalNullable(DateTimeUtc),
  usageCount: Schema.Int,
  schemeTransactionId: Schema.NullOr(Schema.String),
  schemeTransactionIdScheme: Schema.NullOr(CardScheme),
  transactionLinkId: optionalNullable(Schema.String)
}

/**
 * A stored payment method as the API returns it.
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentMethod = WireStruct("PaymentMethod", {
  ...summaryFields,
  buyer: optionalNullable(Buyer),
  externalIdentifier: ExternalIdentifier,
  status: PaymentMethodStatus,
  createdAt: DateTimeUtc,
  updatedAt: DateTimeUtc
})

/**
 * @category models
 * @since 0.2.0
 */
export type PaymentMethod = typeof PaymentMethod.Type

/**
 * A page of stored payment methods (`GET /payment-methods`).
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentMethods = Collection("PaymentMethods", PaymentMethod)

/**
 * A stored payment method in a buyer's list (`GET /buyers/payment-methods`).
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentMethodSummary = WireStruct("PaymentMethodSummary", summaryFields)

/**
 * A buyer's stored payment methods, whole.
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentMethodSummaries = ItemList("PaymentMethodSummaries", PaymentMethodSummary)

// Who a stored payment method belongs to, and the merchant's own reference.
const ownerFields = {
  buyerId: optionalNullable(BuyerId),
  buyerExternalIdentifier: ExternalIdentifier,
  externalIdentifier: ExternalIdentifier
}

/**
 * The body of `POST /payment-methods` that stores a card.
 *
 * @category models
 * @since 0.2.0
 */
export const CardPaymentMethodCreate = WireStruct("CardPaymentMethodCreate", {
  expirationDate: ExpirationDate,
  number: Secret(DigitString(13, 19), "number"),
  ...ownerFields,
  cardType: optionalNullable(CardType),
  method: Schema.optionalKey(Schema.Literal("card")).annotateKey({ default: "card" }),
  securityCode: optionalNullable(SecurityCode)
})

/**
 * @category models
 * @since 0.2.0
 */
export type CardPaymentMethodCreate = typeof CardPaymentMethodCreate.Type

/**
 * The redirect methods a payment method can be stored for.
 *
 * @category models
 * @since 0.2.0
 */
export const RedirectMethod = Schema.Literals([
  "abitab", "affirm", "afterpay", "alipay", "alipayhk", "arcuspaynetwork", "bacs", "bancontact", "bcp", "becs",
  "bitpay", "blik", "boleto", "boost", "breb", "ach", "capitec", "cashapp", "cashappafterpay", "clearpay",
  "custom_push", "custom_redirect", "custom_tokenize", "dana", "dcb", "dlocal", "ebanx", "eckoh", "efecty", "eps",
  "everydaypay", "gcash", "gem", "gemds", "giropay", "givingblock", "gocardless", "gopay", "grabpay", "ideal",
  "interac", "kakaopay", "kcp", "khipu", "klarna", "konbini", "latitude", "latitudeds", "laybuy", "linepay",
  "linkaja", "maybankqrpay", "mercadopago", "multibanco", "multipago", "netbanking", "nupay", "nequi", "oney_10x",
  "oney_12x", "oney_3x", "oney_4x", "oney_6x", "onlinebankingcz", "onelink", "ovo", "oxxo", "p24", "pagoefectivo",
  "paybybank", "payid", "paymaya", "paysquad", "paypal", "paypalpaylater", "paypay", "payto", "payvalida", "picpay",
  "pix", "pse", "rabbitlinepay", "rapipago", "razorpay", "redpagos", "scalapay", "sepa", "servipag", "seveneleven",
  "shopeepay", "singteldash", "smartpay", "sofort", "spei", "stitch", "swish", "stripe", "stripedd", "stripetoken",
  "tapi", "tapifintechs", "thaiqr", "touchngo", "truemoney", "trustly", "trustlyeurope", "upi", "venmo", "vipps",
  "waave", "webpay", "wechat", "wero", "yape", "zippay"
])

/**
 * The body of `POST /payment-methods` that stores a redirect method: the
 * buyer approves it at the service and returns to `redirect_url`.
 *
 * @category models
 * @since 0.2.0
 */
export const RedirectPaymentMethodCreate = WireStruct("RedirectPaymentMethodCreate", {
  method: RedirectMethod,
  ...ownerFields,
  country: CountryCode,
  currency: CurrencyCode,
  redirectUrl: Schema.String
})

/**
 * @category models
 * @since 0.2.0
 */
export type RedirectPaymentMethodCreate = typeof RedirectPaymentMethodCreate.Type

/**
 * The body of `POST /payment-methods` that stores the card of a checkout
 * session (by the session's id).
 *
 * @category models
 * @since 0.2.0
 */
export const CheckoutSessionPaymentMethodCreate = WireStruct("CheckoutSessionPaymentMethodCreate", {
  method: Schema.optionalKey(Schema.Literal("checkout-session")).annotateKey({ default: "checkout-session" }),
  id: Uuid,
  ...ownerFields
})

/**
 * @category models
 * @since 0.2.0
 */
export type CheckoutSessionPaymentMethodCreate = typeof CheckoutSessionPaymentMethodCreate.Type

/**
 * The body of `POST /payment-methods` that stores a Plaid-linked bank account.
 *
 * @category models
 * @since 0.2.0
 */
export const PlaidPaymentMethodCreate = WireStruct("PlaidPaymentMethodCreate", {
  method: Schema.optionalKey(Schema.Literal("plaid")).annotateKey({ default: "plaid" }),
  token: Secret(Schema.String, "token"),
  accountId: optionalNullable(Schema.String),
  paymentServiceId: optionalNullable(PaymentServiceId),
  ...ownerFields
})

/**
 * The holder of a bank account.
 *
 * @category models
 * @since 0.2.0
 */
export const BankAccountHolder = WireStruct("BankAccountHolder", {
  firstName: optionalNullable(Schema.String),
  lastName: optionalNullable(Schema.String),
  companyName: optionalNullable(Schema.String)
})

const bankFields = {
  method: Schema.optionalKey(Schema.Literal("bank")).annotateKey({ default: "bank" }),
  accountHolder: BankAccountHolder,
  ...ownerFields,
  accountNumber: Secret(Schema.String, "account_number")
}

/**
 * The body of `POST /payment-methods` that stores a US bank account (ACH).
 *
 * @category models
 * @since 0.2.0
 */
export const ACHBankPaymentMethodCreate = WireStruct("ACHBankPaymentMethodCreate", {
  ...bankFields,
  scheme: Schema.optionalKey(Schema.Literal("ach")).annotateKey({ default: "ach" }),
  routingNumber: Schema.String,
  isTokenized: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false }),
  accountType: Schema.Literals(["checking", "savings"])
})

/**
 * The body of `POST /payment-methods` that stores a UK bank account (BACS).
 *
 * @category models
 * @since 0.2.0
 */
export const BACSBankPaymentMethodCreate = WireStruct("BACSBankPaymentMethodCreate", {
  ...bankFields,
  scheme: Schema.optionalKey(Schema.Literal("bacs")).annotateKey({ default: "bacs" }),
  routingNumber: Schema.String
})

/**
 * The body of `POST /payment-methods` that stores a SEPA bank account.
 *
 * @category models
 * @since 0.2.0
 */
export const SEPABankPaymentMethodCreate = WireStruct("SEPABankPaymentMethodCreate", {
  ...bankFields,
  scheme: Schema.optionalKey(Schema.Literal("sepa")).annotateKey({ default: "sepa" }),
  routingNumber: optionalNullable(Schema.String)
})

/**
 * The body of `POST /payment-methods`: any of the create forms, as the spec's
 * `anyOf` lists them.
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentMethodCreate = Schema.Union([
  CardPaymentMethodCreate,
  RedirectPaymentMethodCreate,
  CheckoutSessionPaymentMethodCreate,
  PlaidPaymentMethodCreate,
  ACHBankPaymentMethodCreate,
  BACSBankPaymentMethodCreate,
  SEPABankPaymentMethodCreate
])

/**
 * @category models
 * @since 0.2.0
 */
export type PaymentMethodCreate = typeof PaymentMethodCreate.Type

/**
 * The body of `PUT /payment-methods/{payment_method_id}`.
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentMethodUpdate = WireStruct("PaymentMethodUpdate", {
  expirationDate: optionalNullable(ExpirationDate),
  schemeTransactionId: optionalNullable(Schema.String.check(Schema.isMaxCodePoints(100))),
  schemeTransactionIdScheme: optionalNullable(CardScheme),
  transactionLinkId: optionalNullable(Schema.String.check(Schema.isMaxCodePoints(100)))
})

/**
 * @category models
 * @since 0.2.0
 */
export type PaymentMethodUpdate = typeof PaymentMethodUpdate.Type

/**
 * @category models
 * @since 0.2.0
 */
export const NetworkTokenStatus = Schema.Literals(["active", "inactive", "suspended", "deleted"]).annotate({
  identifier: "NetworkTokenStatus"
})

/**
 * A scheme's network token for a stored card.
 *
 * @category models
 * @since 0.2.0
 */
export const NetworkToken = WireStruct("NetworkToken", {
  type: Schema.optionalKey(Schema.Literal("network-token")).annotateKey({ default: "network-token" }),
  id: Uuid,
  expirationDate: ExpirationDate,
  paymentMethodId: PaymentMethodId,
  status: NetworkTokenStatus,
  token: Secret(BoundedString(1, 300), "token"),
  createdAt: DateTimeUtc,
  updatedAt: DateTimeUtc
})

/**
 * @category models
 * @since 0.2.0
 */
export type NetworkToken = typeof NetworkToken.Type

/**
 * A stored card's network tokens, whole.
 *
 * @category models
 * @since 0.2.0
 */
export const NetworkTokens = ItemList("NetworkTokens", NetworkToken)

/**
 * The body of `POST /payment-methods/{id}/network-tokens`.
 *
 * @category models
 * @since 0.2.0
 */
export const NetworkTokenCreate = WireStruct("NetworkTokenCreate", {
  securityCode: optionalNullable(SecurityCode),
  merchantInitiated: Schema.Boolean,
  isSubsequentPayment: Schema.Boolean
})

/**
 * The body of `POST /payment-methods/{id}/network-tokens/{network_token_id}/cryptogram`.
 *
 * @category models
 * @since 0.2.0
 */
export const CryptogramCreate = WireStruct("CryptogramCreate", { merchantInitiated: Schema.Boolean })

/**
 * A one-time cryptogram for a network token.
 *
 * @category models
 * @since 0.2.0
 */
export const Cryptogram = WireStruct("Cryptogram", {
  type: Schema.optionalKey(Schema.Literal("network-token-cryptogram")).annotateKey({
    default: "network-token-cryptogram"
  }),
  cryptogram: Secret(Schema.String, "cryptogram")
})

/**
 * A payment service's token for a stored payment method.
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentServiceToken = WireStruct("PaymentServiceToken", {
  type: Schema.optionalKey(Schema.Literal("payment-service-token")).annotateKey({ default: "payment-service-token" }),
  id: Uuid,
  approvalUrl: optionalNullable(Schema.String),
  paymentMethodId: PaymentMethodId,
  paymentServiceId: PaymentServiceId,
  status: PaymentMethodStatus,
  token: optionalNullable(Secret(BoundedString(1, 10_000), "token")),
  createdAt: DateTimeUtc,
  updatedAt: DateTimeUtc
})

/**
 * @category models
 * @since 0.2.0
 */
export type PaymentServiceToken = typeof PaymentServiceToken.Type

/**
 * A stored payment method's payment-service tokens, whole.
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentServiceTokens = ItemList("PaymentServiceTokens", PaymentServiceToken)

/**
 * The body of `POST /payment-methods/{id}/payment-service-tokens`.
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentServiceTokenCreate = WireStruct("PaymentServiceTokenCreate", {
  securityCode: optionalNullable(SecurityCode),
  paymentServiceId: PaymentServiceId,
  redirectUrl: Schema.String
})
