/**
 * Every model of the spec subsets by its spec name, and the JSON Schema of
 * each model's wire side, generated from the Effect schemas: `models` holds
 * the checkout-sessions subset, `paymentsModels` the payments resources
 * (merchant accounts, payment services, buyers, payment methods,
 * transactions and what hangs off them: captures, refunds, events,
 * settlements, chargebacks, connection options).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Airline, AirlineLeg, AirlinePassenger } from "./Airline.ts"
import { Address, BillingDetails, GuestBuyer, ShippingDetailsCreate, TaxId, TaxIdKind } from "./Buyer.ts"
import {
  Buyer,
  BuyerCreate,
  Buyers,
  BuyerUpdate,
  ShippingDetails,
  ShippingDetailsList,
  ShippingDetailsUpdate
} from "./BuyerResource.ts"
import { GiftCardSummaries, GiftCardSummary } from "./GiftCard.ts"
import { CartItem, ProductType } from "./Cart.ts"
import {
  CheckoutSession,
  CheckoutSessionUpdate,
  TransactionIntent,
  TransactionPaymentSource
} from "./CheckoutSession.ts"
import {
  Error400,
  Error401,
  Error403,
  Error404,
  Error405,
  Error409,
  Error425,
  Error429,
  Error500,
  Error502,
  Error504,
  ErrorDetail,
  ErrorLocation
} from "./Errors.ts"
import {
  MerchantAccount,
  MerchantAccountCreate,
  MerchantAccounts,
  MerchantAccountThreeDSConfiguration,
  MerchantAccountThreeDSConfigurationCreate,
  MerchantAccountThreeDSConfigurations,
  MerchantAccountThreeDSConfigurationUpdate,
  MerchantAccountUpdate
} from "./MerchantAccount.ts"
import {
  CardScheme,
  CardType,
  CheckoutSessionCardDetails,
  CheckoutSessionCardDetailsRequest,
  CheckoutSessionCardPaymentMethod,
  CheckoutSessionClickToPayPaymentMethod,
  CheckoutSessionIdPaymentMethod,
  CheckoutSessionPaymentMethod,
  CheckoutSessionPaymentMethodDetails,
  CheckoutSessionSecureFields
} from "./PaymentMethod.ts"
import {
  ACHBankPaymentMethodCreate,
  BACSBankPaymentMethodCreate,
  BankAccountHolder,
  CardPaymentMethodCreate,
  CheckoutSessionPaymentMethodCreate,
  Cryptogram,
  CryptogramCreate,
  NetworkToken,
  NetworkTokenCreate,
  NetworkTokens,
  NetworkTokenStatus,
  PaymentMethod,
  PaymentMethodDetailsCard,
  PaymentMethods,
  PaymentMethodStatus,
  PaymentMethodSummaries,
  PaymentMethodSummary,
  PaymentMethodUpdate,
  PaymentServiceToken,
  PaymentServiceTokenCreate,
  PaymentServiceTokens,
  PlaidPaymentMethodCreate,
  RedirectPaymentMethodCreate,
  SEPABankPaymentMethodCreate
} from "./PaymentMethodResource.ts"
import {
  ApprovalTarget,
  CreateSession,
  CreateSessionStatus,
  DefinitionField,
  DefinitionFieldFormat,
  Field,
  IntegrationClient,
  MerchantProfileScheme,
  MerchantProfileSchemeSummary,
  Method,
  Mode,
  PaymentService,
  PaymentServiceConfiguration,
  PaymentServiceCreate,
  PaymentServiceDefinition,
  PaymentServiceDefinitions,
  PaymentServices,
  PaymentServiceStatus,
  PaymentServiceUpdate,
  RequiredCheckoutFields,
  VerifyCredentials,
  VoidableField
} from "./PaymentService.ts"
import {
  AntiFraudDecision,
  AVSResponseCode,
  CVVResponseCode,
  GiftCardErrorCode,
  GiftCardRedemption,
  GiftCardRedemptionStatus,
  GiftCardService,
  GiftCardServiceProvider,
  InstrumentType,
  Recipient,
  StatementDescriptor,
  ThreeDSecureDataV1,
  ThreeDSecureDataV2,
  ThreeDSecureError,
  ThreeDSecureMethod,
  ThreeDSecureStatus,
  ThreeDSecureV2,
  Transaction,
  TransactionBuyer,
  TransactionGiftCard,
  TransactionIntentOutcome,
  TransactionPaymentMethod,
  TransactionPaymentService,
  TransactionStatus,
  TransactionSummaries,
  TransactionSummary,
  TransactionThreeDSecureSummary,
  TransactionUpdate,
  UpdateTransactionSessionRequest,
  UpdateTransactionSessionResponse
} from "./Transaction.ts"
import {
  ApplePayPaymentMethodCreate,
  BaseBankPaymentMethodCreate,
  BrowserInfo,
  CardWithUrlPaymentMethodCreate,
  CheckoutSessionWithUrlPaymentMethodCreate,
  ClickToPayFPANPaymentMethodCreate,
  ClickToPayPaymentMethodCreate,
  GiftCardTokenTransactionCreate,
  GiftCardTransactionCreate,
  GooglePayAssuranceDetails,
  GooglePayFPANPaymentMethodCreate,
  GooglePayPaymentMethodCreate,
  NetworkTokenPaymentMethodCreate,
  PazePaymentMethodCreate,
  ThreeDSecure,
  TokenPaymentMethodCreate,
  TransactionCreate
} from "./TransactionCreate.ts"
import {
  AccountUpdaterOptions,
  AdyenAutoRescueSepaScenariosEnum,
  AdyenCardAutoRescueScenariosEnum,
  AdyenCardOptions,
  AdyenOptions,
  AdyenPixOptions,
  AdyenPixRecurringAmount,
  AdyenPixRecurringOptions,
  AdyenSepaOptions,
  AdyenSplitsOptions,
  AffirmItineraryOptions,
  AffirmOptions,
  BraintreeDynamicDataFieldsOptions,
  BraintreeOptions,
  ChaseOptions,
  CybersourceAntiFraudOptions,
  CybersourceOptions,
  DlocalCardOptions,
  DlocalOptions,
  DlocalPIXOptions,
  DlocalPIXSubscriptionAmountOptions,
  DlocalPIXSubscriptionOptions,
  DlocalUPIOptions,
  DlocalUPIRecurringInfoOptions,
  DlocalUPIWalletOptions,
  DlocalWalletOptions,
  EcommpayOptions,
  FiservInstallmentOptions,
  FiservOptions,
  ForterAntiFraudOptions,
  ForterAntiFraudOptionsCartItem,
  ForterAntiFraudOptionsCartItemBasicItemData,
  ForterAntiFraudOptionsCartItemBeneficiary,
  ForterAntiFraudOptionsCartItemBeneficiaryAddress,
  ForterAntiFraudOptionsCartItemBeneficiaryComments,
  ForterAntiFraudOptionsCartItemBeneficiaryPersonalDetails,
  ForterAntiFraudOptionsCartItemBeneficiaryPhone,
  ForterAntiFraudOptionsCartItemDeliveryDetails,
  ForterAntiFraudOptionsDiscount,
  ForterAntiFraudOptionsDiscountCouponDiscountAmount,
  GivingBlockOptions,
  GoCardlessOptions,
  KlarnaOptions,
  KlarnaSubscriptionOptions,
  LatitudeOptions,
  MattildaTapiOptions,
  MockCardMerchantAdviceCodeOptions,
  MockCardOptions,
  MonatoSpeiOptions,
  NuveiAirlineDataOptions,
  NuveiIDealOptions,
  NuveiKlarnaOptions,
  NuveiOptions,
  NuveiPSEOptions,
  OxxoOptions,
  PaypalOptions,
  PaypalOrderUpdateCallbackConfig,
  PaypalShippingOptions,
  PaypalShippingOptionsItem,
  PaypalShippingOptionsItemAmount,
  PowertranzOptions,
  RiskifiedAntiFraudOptions,
  RiskifiedAntiFraudOptionsLineItem,
  StripeCardOptions,
  StripeConnectOptions,
  StripeOptions,
  TransactionConnectionOptions,
  TravelHubCustomData,
  TravelhubOptions,
  TrustlyOptions,
  WorldpayVapOptions,
  WpayEverdaypayOptions,
  WpayPaytoOptions,
  WpayPaytoResourceOptions,
  WpayPaytoSimulationOptions
} from "./ConnectionOptions.ts"
import {
  CancelStatus,
  Capture,
  CaptureCollection,
  CaptureStatus,
  IncrementalAuthorizationStatus,
  TransactionAuthorizationIncrement,
  TransactionAuthorizationIncrementCreate,
  TransactionCancel,
  TransactionCapture,
  TransactionCaptureCreate,
  TransactionVoid,
  VoidStatus
} from "./TransactionCapture.ts"
import {
  Creator,
  Refund,
  Refunds,
  RefundStatus,
  RefundTargetType,
  TransactionRefundAllCreate,
  TransactionRefundCreate
} from "./Refund.ts"
import {
  Flow,
  FlowAction,
  TransactionAction,
  TransactionActions,
  TransactionEvent,
  TransactionEventContext,
  TransactionEvents
} from "./TransactionEvent.ts"
import {
  Chargeback,
  ChargebackReversal,
  ChargebackReversals,
  Chargebacks,
  RefundSettlement,
  RefundSettlements,
  Settlement,
  Settlements
} from "./Settlement.ts"

// A table of schemas whose declared type names each key but not each schema's own type.
const asModels = <const Table extends Record<string, Schema.Top>>(
  table: Table
): { readonly [K in keyof Table]: Schema.Top } => table

/**
 * The schema of every model, keyed by its name in the official spec.
 *
 * @category models
 * @since 0.1.0
 */
export const models = {
  CheckoutSession,
  CheckoutSessionUpdate,
  CartItem,
  ProductType,
  GuestBuyer,
  BillingDetails,
  ShippingDetailsCreate,
  Address,
  TaxId,
  TaxIdKind,
  Airline,
  AirlineLeg,
  AirlinePassenger,
  CheckoutSessionPaymentMethod,
  CheckoutSessionPaymentMethodDetails,
  CardScheme,
  CardType,
  CheckoutSessionSecureFields,
  CheckoutSessionCardPaymentMethod,
  CheckoutSessionIdPaymentMethod,
  CheckoutSessionClickToPayPaymentMethod,
  CheckoutSessionCardDetails,
  CheckoutSessionCardDetailsRequest,
  TransactionIntent,
  TransactionPaymentSource,
  ErrorDetail,
  ErrorLocation,
  Error400,
  Error401,
  Error403,
  Error404,
  Error405,
  Error409,
  Error425,
  Error429,
  Error500,
  Error502,
  Error504
} as const

/**
 * A model's name in the spec.
 *
 * @category models
 * @since 0.1.0
 */
export type ModelName = keyof typeof models

/**
 * The model names, in spec order.
 *
 * @category models
 * @since 0.1.0
 */
export const modelNames = Object.keys(models) as ReadonlyArray<ModelName>

/**
 * The schema of every model of the payments resources the checkout-sessions
 * subset does not already hold (`Address`, `BillingDetails`, `CardScheme`, …
 * are the same in both specs and stay in `models`), keyed by its name in the
 * official payments spec.
 *
 * Each is typed `Schema.Top` here (the table is too large for TypeScript to
 * declare with every schema's own type): import a model from its module for
 * its own type.
 *
 * @category models
 * @since 0.2.0
 */
export const paymentsModels = asModels({
  MerchantAccount,
  MerchantAccountCreate,
  MerchantAccountUpdate,
  MerchantAccounts,
  MerchantAccountThreeDSConfiguration,
  MerchantAccountThreeDSConfigurationCreate,
  MerchantAccountThreeDSConfigurationUpdate,
  MerchantAccountThreeDSConfigurations,
  PaymentServiceDefinition,
  PaymentServiceDefinitions,
  DefinitionField,
  DefinitionFieldFormat,
  PaymentServiceConfiguration,
  ApprovalTarget,
  RequiredCheckoutFields,
  IntegrationClient,
  Method,
  Mode,
  PaymentService,
  PaymentServices,
  PaymentServiceStatus,
  PaymentServiceCreate,
  PaymentServiceUpdate,
  Field,
  VoidableField,
  MerchantProfileScheme,
  MerchantProfileSchemeSummary,
  VerifyCredentials,
  CreateSession,
  CreateSessionStatus,
  Buyer,
  BuyerCreate,
  BuyerUpdate,
  Buyers,
  ShippingDetails,
  ShippingDetailsUpdate,
  ShippingDetailsList,
  GiftCardSummary,
  GiftCardSummaries,
  PaymentMethod,
  PaymentMethods,
  PaymentMethodStatus,
  PaymentMethodDetailsCard,
  PaymentMethodSummary,
  PaymentMethodSummaries,
  PaymentMethodUpdate,
  CardPaymentMethodCreate,
  RedirectPaymentMethodCreate,
  CheckoutSessionPaymentMethodCreate,
  PlaidPaymentMethodCreate,
  ACHBankPaymentMethodCreate,
  BACSBankPaymentMethodCreate,
  SEPABankPaymentMethodCreate,
  BankAccountHolder,
  NetworkToken,
  NetworkTokens,
  NetworkTokenCreate,
  NetworkTokenStatus,
  Cryptogram,
  CryptogramCreate,
  PaymentServiceToken,
  PaymentServiceTokens,
  PaymentServiceTokenCreate,
  TransactionStatus,
  TransactionPaymentMethod,
  InstrumentType,
  TransactionPaymentService,
  TransactionBuyer,
  GiftCardRedemptionStatus,
  GiftCardErrorCode,
  TransactionGiftCard,
  GiftCardRedemption,
  GiftCardServiceProvider,
  GiftCardService,
  TransactionSummary,
  TransactionSummaries,
  ThreeDSecureDataV1,
  ThreeDSecureDataV2,
  StatementDescriptor,
  Recipient,
  AVSResponseCode,
  CVVResponseCode,
  AntiFraudDecision,
  ThreeDSecureStatus,
  ThreeDSecureMethod,
  ThreeDSecureV2,
  ThreeDSecureError,
  TransactionThreeDSecureSummary,
  TransactionIntentOutcome,
  Transaction,
  TransactionUpdate,
  UpdateTransactionSessionRequest,
  UpdateTransactionSessionResponse,
  CardWithUrlPaymentMethodCreate,
  TokenPaymentMethodCreate,
  ApplePayPaymentMethodCreate,
  ClickToPayPaymentMethodCreate,
  ClickToPayFPANPaymentMethodCreate,
  GooglePayAssuranceDetails,
  GooglePayPaymentMethodCreate,
  GooglePayFPANPaymentMethodCreate,
  PazePaymentMethodCreate,
  NetworkTokenPaymentMethodCreate,
  BaseBankPaymentMethodCreate,
  CheckoutSessionWithUrlPaymentMethodCreate,
  GiftCardTransactionCreate,
  GiftCardTokenTransactionCreate,
  ThreeDSecure,
  BrowserInfo,
  TransactionCreate,
  AccountUpdaterOptions,
  AdyenOptions,
  AdyenCardAutoRescueScenariosEnum,
  AdyenSplitsOptions,
  AdyenCardOptions,
  AdyenPixRecurringAmount,
  AdyenPixRecurringOptions,
  AdyenPixOptions,
  AdyenAutoRescueSepaScenariosEnum,
  AdyenSepaOptions,
  AffirmItineraryOptions,
  AffirmOptions,
  BraintreeDynamicDataFieldsOptions,
  BraintreeOptions,
  ChaseOptions,
  CybersourceAntiFraudOptions,
  CybersourceOptions,
  DlocalCardOptions,
  DlocalWalletOptions,
  DlocalOptions,
  DlocalUPIRecurringInfoOptions,
  DlocalUPIWalletOptions,
  DlocalUPIOptions,
  DlocalPIXSubscriptionAmountOptions,
  DlocalPIXSubscriptionOptions,
  DlocalPIXOptions,
  EcommpayOptions,
  KlarnaSubscriptionOptions,
  KlarnaOptions,
  FiservInstallmentOptions,
  FiservOptions,
  ForterAntiFraudOptionsCartItemBasicItemData,
  ForterAntiFraudOptionsCartItemDeliveryDetails,
  ForterAntiFraudOptionsCartItemBeneficiaryPersonalDetails,
  ForterAntiFraudOptionsCartItemBeneficiaryAddress,
  ForterAntiFraudOptionsCartItemBeneficiaryPhone,
  ForterAntiFraudOptionsCartItemBeneficiaryComments,
  ForterAntiFraudOptionsCartItemBeneficiary,
  ForterAntiFraudOptionsCartItem,
  ForterAntiFraudOptionsDiscountCouponDiscountAmount,
  ForterAntiFraudOptionsDiscount,
  ForterAntiFraudOptions,
  LatitudeOptions,
  GivingBlockOptions,
  GoCardlessOptions,
  MattildaTapiOptions,
  MonatoSpeiOptions,
  MockCardMerchantAdviceCodeOptions,
  MockCardOptions,
  NuveiAirlineDataOptions,
  NuveiOptions,
  NuveiIDealOptions,
  NuveiKlarnaOptions,
  NuveiPSEOptions,
  OxxoOptions,
  PaypalOrderUpdateCallbackConfig,
  PaypalShippingOptionsItemAmount,
  PaypalShippingOptionsItem,
  PaypalShippingOptions,
  PaypalOptions,
  PowertranzOptions,
  RiskifiedAntiFraudOptionsLineItem,
  RiskifiedAntiFraudOptions,
  StripeConnectOptions,
  StripeOptions,
  StripeCardOptions,
  TravelHubCustomData,
  TravelhubOptions,
  TrustlyOptions,
  WorldpayVapOptions,
  WpayEverdaypayOptions,
  WpayPaytoSimulationOptions,
  WpayPaytoResourceOptions,
  WpayPaytoOptions,
  TransactionConnectionOptions,
  TransactionCaptureCreate,
  CaptureStatus,
  TransactionCapture,
  VoidStatus,
  TransactionVoid,
  CancelStatus,
  TransactionCancel,
  Capture,
  CaptureCollection,
  TransactionAuthorizationIncrementCreate,
  IncrementalAuthorizationStatus,
  TransactionAuthorizationIncrement,
  RefundStatus,
  RefundTargetType,
  api__common_schemas__Creator: Creator,
  Refund,
  Refunds,
  TransactionRefundCreate,
  TransactionRefundAllCreate,
  FlowAction,
  Flow,
  TransactionAction,
  TransactionActions,
  TransactionEventContext,
  TransactionEvent,
  TransactionEvents,
  Settlement,
  Settlements,
  RefundSettlement,
  RefundSettlements,
  Chargeback,
  Chargebacks,
  ChargebackReversal,
  ChargebackReversals
})

/**
 * A payments model's name in the payments spec.
 *
 * @category models
 * @since 0.2.0
 */
export type PaymentsModelName = keyof typeof paymentsModels

/**
 * The payments model names.
 *
 * @category models
 * @since 0.2.0
 */
export const paymentsModelNames = Object.keys(paymentsModels) as ReadonlyArray<PaymentsModelName>

const allModels: Record<ModelName | PaymentsModelName, Schema.Top> = { ...models, ...paymentsModels }

/**
 * A standalone JSON Schema (draft 2020-12) of a model's wire side: unknown
 * keys rejected, nested models under `$defs` by their spec names.
 *
 * @category json schema
 * @since 0.1.0
 */
export const toJsonSchema = (name: ModelName | PaymentsModelName): Record<string, unknown> => {
  const document = Schema.toJsonSchemaDocument(allModels[name], { onExcessProperty: "error" })
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    ...document.schema,
    ...(Object.keys(document.definitions).length > 0 ? { $defs: document.definitions } : {})
  }
}
