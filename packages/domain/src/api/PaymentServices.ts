/**
 * The payment-service endpoints of the payments contract: the definitions
 * Gr4vy offers, a merchant's payment services, credential verification and
 * the session calls. Every call needs a bearer token
 * (`payment-service-definitions.read`, `payment-services.read` / `.write`;
 * the session calls `transactions.write`).
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "effect/http-api"
import { strictOptions } from "../StrictDecoder.ts"
import { PageQuery } from "../Collection.ts"
import { ApiErrors } from "../Errors.ts"
import {
  CreateSession,
  CreateSessionRequest,
  Method,
  PaymentService,
  PaymentServiceCreate,
  PaymentServiceDefinition,
  PaymentServiceDefinitions,
  PaymentServices,
  PaymentServiceUpdate,
  VerifyCredentials
} from "../PaymentService.ts"
import { Authorization } from "./Authorization.ts"
import { preferHeaders } from "./CheckoutSessions.ts"
import { accountHeaders, IdParam } from "./Params.ts"

const definition = { payment_service_definition_id: IdParam("The ID of the payment service definition.") }
const service = { payment_service_id: IdParam("The ID of the payment service.", "uuid") }

/**
 * `listPaymentServiceDefinitions`, `getPaymentServiceDefinition`,
 * `createPaymentServiceDefinitionSession`, `listPaymentServices`,
 * `createPaymentService`, `getPaymentService`, `updatePaymentService`,
 * `deletePaymentService`, `verifyPaymentServiceCredentials` and
 * `createPaymentServiceSession`.
 *
 * @category groups
 * @since 0.2.0
 */
export class PaymentServicesGroup extends HttpApiGroup.make("paymentServices")
  .add(
    HttpApiEndpoint.get("listPaymentServiceDefinitions", "/payment-service-definitions", {
      headers: preferHeaders,
      query: PageQuery,
      success: PaymentServiceDefinitions,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List payment service definitions" })),
    HttpApiEndpoint.get("getPaymentServiceDefinition", "/payment-service-definitions/:payment_service_definition_id", {
      headers: preferHeaders,
      params: definition,
      success: PaymentServiceDefinition,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Get a payment service definition" })),
    HttpApiEndpoint.post(
      "createPaymentServiceDefinitionSession",
      "/payment-service-definitions/:payment_service_definition_id/sessions",
      {
        params: definition,
        headers: preferHeaders,
        payload: CreateSessionRequest,
        success: CreateSession,
        error: ApiErrors
      }
    ).annotateMerge(OpenApi.annotations({ summary: "Create a session for a payment service definition" })),
    HttpApiEndpoint.get("listPaymentServices", "/payment-services", {
      headers: accountHeaders,
      query: {
        ...PageQuery,
        method: Schema.optionalKey(Method),
        deleted: Schema.optionalKey(Schema.Literals(["true", "false"]).annotate({
          description: "Return deleted payment services too (default false)."
        }))
      },
      success: PaymentServices,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List payment services" })),
    HttpApiEndpoint.post("createPaymentService", "/payment-services", {
      headers: accountHeaders,
      payload: PaymentServiceCreate,
      success: PaymentService.pipe(HttpApiSchema.status(201)),
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Configure a payment service" })),
    HttpApiEndpoint.get("getPaymentService", "/payment-services/:payment_service_id", {
      params: service,
      headers: accountHeaders,
      success: PaymentService,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Get payment service" })),
    HttpApiEndpoint.put("updatePaymentService", "/payment-services/:payment_service_id", {
      params: service,
      headers: accountHeaders,
      payload: PaymentServiceUpdate,
      success: PaymentService,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Update a configured payment service" })),
    HttpApiEndpoint.delete("deletePaymentService", "/payment-services/:payment_service_id", {
      params: service,
      headers: accountHeaders,
      success: HttpApiSchema.NoContent,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Delete a configured payment service" })),
    HttpApiEndpoint.post("verifyPaymentServiceCredentials", "/payment-services/verify", {
      headers: accountHeaders,
      payload: VerifyCredentials,
      success: Schema.Unknown,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Verify payment service credentials" })),
    HttpApiEndpoint.post("createPaymentServiceSession", "/payment-services/:payment_service_id/sessions", {
      params: service,
      headers: accountHeaders,
      payload: CreateSessionRequest,
      success: CreateSession,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Create a session for a payment service" }))
  )
  .middleware(Authorization)
  // Bodies are decoded strictly (StrictDecoder's `strictOptions`): unknown keys refused, every invalid field reported.
  .annotate(HttpApi.PayloadParseOptions, strictOptions)
  .annotateMerge(OpenApi.annotations({ title: "Payment services" }))
{}
