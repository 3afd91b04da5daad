/**
 * Every model of the spec subset by its spec name, and the JSON Schema of
 * each model's wire side, generated from the Effect schemas.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Airline, AirlineLeg, AirlinePassenger } from "./Airline.ts"
import { Address, BillingDetails, GuestBuyer, ShippingDetailsCreate, TaxId, TaxIdKind } from "./Buyer.ts"
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
 * A standalone JSON Schema (draft 2020-12) of a model's wire side: unknown
 * keys rejected, nested models under `$defs` by their spec names.
 *
 * @category json schema
 * @since 0.1.0
 */
export const toJsonSchema = (name: ModelName): Record<string, unknown> => {
  const document = Schema.toJsonSchemaDocument(models[name], { onExcessProperty: "error" })
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    ...document.schema,
    ...(Object.keys(document.definitions).length > 0 ? { $defs: document.definitions } : {})
  }
}
