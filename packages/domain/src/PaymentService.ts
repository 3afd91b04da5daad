/**
 * Payment service definitions (the connectors Gr4vy offers), payment
 * services (a merchant's configured connector), the bodies that create,
 * update and verify one, and the payment-service session call.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { Collection } from "./Collection.ts"
import { MerchantProfileFields } from "./MerchantAccount.ts"
import { CardScheme } from "./PaymentMethod.ts"
import {
  BoundedString,
  CountryCode,
  CurrencyCode,
  DateTimeUtc,
  optionalNullable,
  PaymentServiceId,
  Uuid,
  WireStruct
} from "./Primitives.ts"

/**
 * Every payment method the API knows.
 *
 * @category models
 * @since 0.2.0
 */
export const Method = Schema.Literals([
  "abitab", "affirm", "afterpay", "alipay", "alipayhk", "applepay", "arcuspaynetwork", "bacs", "bancontact", "bank",
  "bcp", "becs", "bitpay", "blik", "ach", "boleto", "boost", "breb", "capitec", "card", "cashapp", "cashappafterpay",
  "chaseorbital", "clearpay", "click-to-pay", "custom_push", "custom_redirect", "custom_tokenize", "dana", "dcb",
  "dlocal", "ebanx", "eckoh", "efecty", "eps", "everydaypay", "gcash", "gem", "gemds", "gift-card", "giropay",
  "givingblock", "gocardless", "googlepay", "googlepay_pan_only", "gopay", "grabpay", "ideal", "interac", "kakaopay",
  "kcp", "khipu", "klarna", "konbini", "latitude", "latitudeds", "laybuy", "linepay", "linkaja", "maybankqrpay",
  "mercadopago", "multibanco", "multipago", "nequi", "netbanking", "network-token", "nupay", "oney_10x", "oney_12x",
  "oney_3x", "oney_4x", "oney_6x", "onlinebankingcz", "onelink", "ovo", "oxxo", "p24", "pagoefectivo", "paybybank",
  "payid", "paymaya", "paysquad", "paypal", "paypalpaylater", "paypay", "payto", "payvalida", "paze", "picpay",
  "pix", "plaid", "pse", "rabbitlinepay", "razorpay", "rapipago", "redpagos", "scalapay", "sepa", "servipag",
  "seveneleven", "shopeepay", "singteldash", "smartpay", "sofort", "spei", "stitch", "swish", "stripe", "stripedd",
  "stripetoken", "tapi", "tapifintechs", "thaiqr", "touchngo", "truemoney", "trustly", "trustlyeurope", "upi",
  "venmo", "vipps", "waave", "webpay", "wechat", "wero", "yape", "zippay"
]).annotate({ identifier: "Method" })

/**
 * @category models
 * @since 0.2.0
 */
export type Method = typeof Method.Type

/**
 * How a payment method is taken: by card, by redirect, by wallet, ...
 *
 * @category models
 * @since 0.2.0
 */
export const Mode = Schema.Literals([
  "card", "redirect", "applepay", "googlepay", "checkout-session", "click-to-pay", "gift-card", "bank", "paze"
]).annotate({ identifier: "Mode" })

/**
 * @category models
 * @since 0.2.0
 */
export type Mode = typeof Mode.Type

/**
 * @category models
 * @since 0.2.0
 */
export const DefinitionFieldFormat = Schema.Literals(["text", "multiline", "file", "number", "timezone", "boolean"])
  .annotate({ identifier: "DefinitionFieldFormat" })

/**
 * A credential or setting a payment service definition asks for.
 *
 * @category models
 * @since 0.2.0
 */
export const DefinitionField = WireStruct("DefinitionField", {
  key: BoundedString(1, 50),
  displayName: BoundedString(1, 200),
  required: Schema.Boolean,
  format: DefinitionFieldFormat,
  secret: Schema.Boolean,
  verifiable: Schema.Boolean
})

/**
 * Where a payment service's approval page opens.
 *
 * @category models
 * @since 0.2.0
 */
export const ApprovalTarget = Schema.Literals(["new_window", "any"]).annotate({ identifier: "ApprovalTarget" })

/**
 * How a payment service definition behaves at checkout.
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentServiceConfiguration = WireStruct("PaymentServiceConfiguration", {
  approvalUiTarget: ApprovalTarget,
  approvalUiHeight: Schema.String.check(Schema.isPattern(/^\d+(?:vh|px)$/u)),
  approvalUiWidth: Schema.String.check(Schema.isPattern(/^\d+(?:vw|px)$/u)),
  cartItemsLimit: Schema.Int,
  cartItemsRequired: Schema.Boolean,
  cartItemsShouldMatchAmount: Schema.Boolean
})

/**
 * The checkout fields a payment service definition requires, and when.
 * (`required_fields` is `uniqueItems` in the spec; it is not checked here: the
 * check makes the OpenAPI generator name the model twice, and this is a
 * response, not a body we judge.)
 *
 * @category models
 * @since 0.2.0
 */
export const RequiredCheckoutFields = WireStruct("RequiredCheckoutFields", {
  requiredFields: Schema.Array(Schema.String),
  conditions: optionalNullable(Schema.Record(Schema.String, Schema.Unknown))
})

/**
 * The clients a payment service definition integrates with.
 *
 * @category models
 * @since 0.2.0
 */
export const IntegrationClient = Schema.Literals(["redirect", "web", "android", "ios"]).annotate({
  identifier: "IntegrationClient"
})

/**
 * A connector Gr4vy offers (`GET /payment-service-definitions/{id}`).
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentServiceDefinition = WireStruct("PaymentServiceDefinition", {
  id: BoundedString(1, 50),
  type: Schema.optionalKey(Schema.Literal("payment-service-definition")).annotateKey({
    default: "payment-service-definition"
  }),
  displayName: BoundedString(1, 200),
  method: Method,
  fields: Schema.Array(DefinitionField),
  reportingFields: Schema.Array(DefinitionField),
  supportedCurrencies: Schema.Array(CurrencyCode),
  supportedCountries: Schema.Array(CountryCode),
  mode: Mode,
  iconUrl: optionalNullable(Schema.String),
  supportedFeatures: Schema.Record(Schema.String, Schema.Boolean),
  requiredCheckoutFields: Schema.Array(RequiredCheckoutFields),
  configuration: PaymentServiceConfiguration,
  supportedIntegrationClients: Schema.NullOr(Schema.Array(IntegrationClient))
})

/**
 * @category models
 * @since 0.2.0
 */
export type PaymentServiceDefinition = typeof PaymentServiceDefinition.Type

/**
 * A page of payment service definitions.
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentServiceDefinitions = Collection("PaymentServiceDefinitions", PaymentServiceDefinition)

/**
 * A credential or setting given to a payment service. Credentials are
 * secrets: never logged, never answered back in full.
 *
 * @category models
 * @since 0.2.0
 */
export const Field = WireStruct("Field", {
  key: BoundedString(1, 50),
  value: BoundedString(1, 10_000)
})

/**
 * A field on update: an empty `value` clears it.
 *
 * @category models
 * @since 0.2.0
 */
export const VoidableField = WireStruct("VoidableField", {
  key: BoundedString(1, 50),
  value: Schema.Union([BoundedString(1, 10_000), Schema.Literal("")])
})

/**
 * The merchant's profile towards one card scheme, in a payment service.
 *
 * @category models
 * @since 0.2.0
 */
export const MerchantProfileScheme = WireStruct("MerchantProfileScheme", MerchantProfileFields)

/**
 * A merchant profile as a payment service answers it, with when it was set.
 *
 * @category models
 * @since 0.2.0
 */
export const MerchantProfileSchemeSummary = WireStruct("MerchantProfileSchemeSummary", {
  ...MerchantProfileFields,
  createdAt: DateTimeUtc
})

const schemes: ReadonlyArray<string> = CardScheme.literals

// A map from card scheme to a value: the spec's `propertyNames: CardScheme`, keys optional.
const BySchemeKey = Schema.String.check(
  Schema.makeFilter((s: string) => schemes.includes(s), { expected: "a card scheme" })
)
const byScheme = <S extends Schema.Top>(value: S) => Schema.Record(BySchemeKey, Schema.NullOr(value))

/**
 * @category models
 * @since 0.2.0
 */
export const PaymentServiceStatus = Schema.Literals(["pending", "created", "failed"]).annotate({
  identifier: "PaymentServiceStatus"
})

/**
 * A merchant's configured connector, as the API returns it. Its fields'
 * secret values are as the API answers them (masked).
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentService = WireStruct("PaymentService", {
  type: Schema.optionalKey(Schema.Literal("payment-service")).annotateKey({ default: "payment-service" }),
  id: Schema.optionalKey(PaymentServiceId),
  merchantAccountId: Schema.String,
  paymentServiceDefinitionId: BoundedString(1, 50),
  active: Schema.optionalKey(Schema.Boolean).annotateKey({ default: true }),
  method: Method,
  displayName: BoundedString(1, 200),
  position: Schema.Int,
  status: Schema.optionalKey(PaymentServiceStatus),
  acceptedCurrencies: Schema.Array(CurrencyCode),
  acceptedCountries: Schema.Array(CountryCode),
  paymentMethodTokenizationEnabled: Schema.Boolean,
  networkTokensEnabled: Schema.Boolean,
  openLoop: Schema.Boolean,
  settlementReportingEnabled: Schema.Boolean,
  threeDSecureEnabled: optionalNullable(Schema.Boolean),
  merchantProfile: optionalNullable(byScheme(MerchantProfileSchemeSummary)),
  webhookUrl: optionalNullable(Schema.String),
  fields: optionalNullable(Schema.Array(Field)),
  reportingFields: optionalNullable(Schema.Array(Field)),
  isDeleted: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false }),
  createdAt: DateTimeUtc,
  updatedAt: DateTimeUtc
})

/**
 * @category models
 * @since 0.2.0
 */
export type PaymentService = typeof PaymentService.Type

/**
 * A page of payment services.
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentServices = Collection("PaymentServices", PaymentService)

const AcceptedCurrencies = Schema.Array(CurrencyCode).check(Schema.isMinLength(1))
const AcceptedCountries = Schema.Array(CountryCode).check(Schema.isMinLength(1))

/**
 * The body of `POST /payment-services`.
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentServiceCreate = WireStruct("PaymentServiceCreate", {
  displayName: BoundedString(1, 200),
  paymentServiceDefinitionId: BoundedString(1, 50),
  fields: Schema.Array(Field),
  reportingFields: optionalNullable(Schema.Array(Field)),
  position: optionalNullable(Schema.Int),
  acceptedCurrencies: AcceptedCurrencies,
  acceptedCountries: AcceptedCountries,
  active: optionalNullable(Schema.Boolean).annotateKey({ default: true }),
  threeDSecureEnabled: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false }),
  merchantProfile: optionalNullable(byScheme(MerchantProfileScheme)),
  paymentMethodTokenizationEnabled: optionalNullable(Schema.Boolean),
  networkTokensEnabled: optionalNullable(Schema.Boolean),
  openLoop: optionalNullable(Schema.Boolean),
  settlementReportingEnabled: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false })
})

/**
 * @category models
 * @since 0.2.0
 */
export type PaymentServiceCreate = typeof PaymentServiceCreate.Type

/**
 * The body of `PUT /payment-services/{payment_service_id}`: only the fields
 * it names change.
 *
 * @category models
 * @since 0.2.0
 */
export const PaymentServiceUpdate = WireStruct("PaymentServiceUpdate", {
  displayName: optionalNullable(BoundedString(1, 200)),
  fields: optionalNullable(Schema.Array(VoidableField)),
  reportingFields: optionalNullable(Schema.Array(VoidableField)),
  position: optionalNullable(Schema.Int),
  acceptedCurrencies: optionalNullable(AcceptedCurrencies),
  acceptedCountries: optionalNullable(AcceptedCountries),
  active: optionalNullable(Schema.Boolean).annotateKey({ default: true }),
  threeDSecureEnabled: optionalNullable(Schema.Boolean),
  merchantProfile: optionalNullable(byScheme(MerchantProfileScheme)),
  paymentMethodTokenizationEnabled: optionalNullable(Schema.Boolean),
  networkTokensEnabled: optionalNullable(Schema.Boolean),
  openLoop: optionalNullable(Schema.Boolean),
  settlementReportingEnabled: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false })
})

/**
 * @category models
 * @since 0.2.0
 */
export type PaymentServiceUpdate = typeof PaymentServiceUpdate.Type

/**
 * The body of `POST /payment-services/verify`: credentials to check against
 * the connector, for a new service or an existing one (`payment_service_id`).
 *
 * @category models
 * @since 0.2.0
 */
export const VerifyCredentials = WireStruct("VerifyCredentials", {
  paymentServiceDefinitionId: Schema.String,
  paymentServiceId: optionalNullable(Uuid),
  fields: Schema.Array(Field)
})

/**
 * @category models
 * @since 0.2.0
 */
export type VerifyCredentials = typeof VerifyCredentials.Type

/**
 * The request body of the session calls
 * (`POST /payment-services/{id}/sessions`,
 * `POST /payment-service-definitions/{id}/sessions`): any JSON object, passed
 * on to the connector's session API.
 *
 * @category models
 * @since 0.2.0
 */
export const CreateSessionRequest = Schema.Record(Schema.String, Schema.Unknown)

/**
 * @category models
 * @since 0.2.0
 */
export const CreateSessionStatus = Schema.Literals(["succeeded", "failed"]).annotate({
  identifier: "CreateSessionStatus"
})

/**
 * The answer of the session calls: whether the connector's session API
 * succeeded, and what it answered.
 *
 * @category models
 * @since 0.2.0
 */
export const CreateSession = WireStruct("CreateSession", {
  type: Schema.optionalKey(Schema.Literal("payment-service-session")).annotateKey({
    default: "payment-service-session"
  }),
  status: CreateSessionStatus,
  code: optionalNullable(Schema.String),
  statusCode: optionalNullable(Schema.Int),
  responseBody: optionalNullable(Schema.Record(Schema.String, Schema.Unknown))
})

/**
 * @category models
 * @since 0.2.0
 */
export type CreateSession = typeof CreateSession.Type
