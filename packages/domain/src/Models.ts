/**
 * Every model of the spec subsets by its spec name, and the JSON Schema of
 * each model's wire side, generated from the Effect schemas: `models` holds
 * the checkout-sessions subset, `paymentsModels` the payments resources
 * (merchant accounts, payment services, buyers, payment methods).
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
 * @category models
 * @since 0.2.0
 */
export const paymentsModels = {
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
  PaymentServiceTokenCreate
} as const

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
