/**
 * The stored-payment-method endpoints of the payments contract: the methods,
 * their payment-service tokens and their network tokens. Every call needs a
 * bearer token (`payment-methods.read` / `.write`; deleting a method also
 * `embed`).
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "effect/http-api"
import { strictOptions } from "../StrictDecoder.ts"
import { PageQuery } from "../Collection.ts"
import { ApiErrors } from "../Errors.ts"
import {
  Cryptogram,
  CryptogramCreate,
  NetworkToken,
  NetworkTokenCreate,
  NetworkTokens,
  PaymentMethod,
  PaymentMethodCreate,
  PaymentMethods,
  PaymentMethodStatus,
  PaymentMethodUpdate,
  PaymentServiceToken,
  PaymentServiceTokenCreate,
  PaymentServiceTokens
} from "../PaymentMethodResource.ts"
import { Uuid } from "../Primitives.ts"
import { Authorization } from "./Authorization.ts"
import { accountHeaders, IdParam } from "./Params.ts"

const method = { payment_method_id: IdParam("The ID of the payment method.", "uuid") }
const serviceToken = { ...method, payment_service_token_id: IdParam("The ID of the payment service token.", "uuid") }
const networkToken = { ...method, network_token_id: IdParam("The ID of the network token.", "uuid") }
const headers = accountHeaders

/**
 * The query of `GET /payment-methods`: a page, filtered by buyer (id or
 * external identifier), status (one or more) and external identifier.
 *
 * @category schemas
 * @since 0.2.0
 */
export const PaymentMethodsQuery = {
  ...PageQuery,
  buyer_id: Schema.optionalKey(Uuid),
  buyer_external_identifier: Schema.optionalKey(Schema.String),
  status: Schema.optionalKey(Schema.Array(PaymentMethodStatus)),
  external_identifier: Schema.optionalKey(Schema.String)
}

/**
 * `listPaymentMethods`, `createPaymentMethod`, `getPaymentMethod`,
 * `updatePaymentMethod`, `deletePaymentMethod`,
 * `listPaymentServiceTokens`, `createPaymentServiceToken`,
 * `deletePaymentServiceToken`, `listNetworkTokens`, `createNetworkToken`,
 * `createNetworkTokenCryptogram`, `suspendNetworkToken`,
 * `resumeNetworkToken` and `deleteNetworkToken`.
 *
 * @category groups
 * @since 0.2.0
 */
export class PaymentMethodsGroup extends HttpApiGroup.make("paymentMethods")
  .add(
    HttpApiEndpoint.get("listPaymentMethods", "/payment-methods", {
      headers,
      query: PaymentMethodsQuery,
      success: PaymentMethods,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List all payment methods" })),
    HttpApiEndpoint.post("createPaymentMethod", "/payment-methods", {
      headers,
      payload: PaymentMethodCreate,
      success: PaymentMethod.pipe(HttpApiSchema.status(201)),
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Create payment method" })),
    HttpApiEndpoint.get("getPaymentMethod", "/payment-methods/:payment_method_id", {
      params: method,
      headers,
      success: PaymentMethod,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Get payment method" })),
    HttpApiEndpoint.put("updatePaymentMethod", "/payment-methods/:payment_method_id", {
      params: method,
      headers,
      payload: PaymentMethodUpdate,
      success: PaymentMethod,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Update payment method" })),
    HttpApiEndpoint.delete("deletePaymentMethod", "/payment-methods/:payment_method_id", {
      params: method,
      headers,
      success: HttpApiSchema.NoContent,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Delete payment method" })),
    HttpApiEndpoint.get("listPaymentServiceTokens", "/payment-methods/:payment_method_id/payment-service-tokens", {
      params: method,
      headers,
      query: { payment_service_id: Schema.optionalKey(Uuid) },
      success: PaymentServiceTokens,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List payment service tokens" })),
    HttpApiEndpoint.post("createPaymentServiceToken", "/payment-methods/:payment_method_id/payment-service-tokens", {
      params: method,
      headers,
      payload: PaymentServiceTokenCreate,
      success: PaymentServiceToken.pipe(HttpApiSchema.status(201)),
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Create payment service token" })),
    HttpApiEndpoint.delete(
      "deletePaymentServiceToken",
      "/payment-methods/:payment_method_id/payment-service-tokens/:payment_service_token_id",
      { params: serviceToken, headers, success: HttpApiSchema.NoContent, error: ApiErrors }
    ).annotateMerge(OpenApi.annotations({ summary: "Delete payment service token" })),
    HttpApiEndpoint.get("listNetworkTokens", "/payment-methods/:payment_method_id/network-tokens", {
      params: method,
      headers,
      success: NetworkTokens,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List network tokens" })),
    HttpApiEndpoint.post("createNetworkToken", "/payment-methods/:payment_method_id/network-tokens", {
      params: method,
      headers,
      payload: NetworkTokenCreate,
      success: NetworkToken.pipe(HttpApiSchema.status(201)),
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Provision network token" })),
    HttpApiEndpoint.post(
      "createNetworkTokenCryptogram",
      "/payment-methods/:payment_method_id/network-tokens/:network_token_id/cryptogram",
      {
        params: networkToken,
        headers,
        payload: CryptogramCreate,
        success: Cryptogram.pipe(HttpApiSchema.status(201)),
        error: ApiErrors
      }
    ).annotateMerge(OpenApi.annotations({ summary: "Provision network token cryptogram" })),
    HttpApiEndpoint.post(
      "suspendNetworkToken",
      "/payment-methods/:payment_method_id/network-tokens/:network_token_id/suspend",
      { params: networkToken, headers, success: NetworkToken, error: ApiErrors }
    ).annotateMerge(OpenApi.annotations({ summary: "Suspend network token" })),
    HttpApiEndpoint.post(
      "resumeNetworkToken",
      "/payment-methods/:payment_method_id/network-tokens/:network_token_id/resume",
      { params: networkToken, headers, success: NetworkToken, error: ApiErrors }
    ).annotateMerge(OpenApi.annotations({ summary: "Resume network token" })),
    HttpApiEndpoint.delete(
      "deleteNetworkToken",
      "/payment-methods/:payment_method_id/network-tokens/:network_token_id",
      { params: networkToken, headers, success: HttpApiSchema.NoContent, error: ApiErrors }
    ).annotateMerge(OpenApi.annotations({ summary: "Delete network token" }))
  )
  .middleware(Authorization)
  // Bodies are decoded strictly (StrictDecoder's `strictOptions`): unknown keys refused, every invalid field reported.
  .annotate(HttpApi.PayloadParseOptions, strictOptions)
  .annotateMerge(OpenApi.annotations({ title: "Payment methods" }))
{}
