/**
 * The checkout-sessions endpoints of the contract.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "effect/http-api"
import { CheckoutSession, CheckoutSessionUpdate } from "../CheckoutSession.ts"
import { ApiErrors } from "../Errors.ts"
import { Authorization } from "./Authorization.ts"
import { CheckoutSessionCardDetails, CheckoutSessionCardDetailsRequest, CheckoutSessionSecureFields } from "../PaymentMethod.ts"

/**
 * The session id in a path. Any string reaches the server: an id that is not
 * a UUID names no session and answers 404, as the API does.
 *
 * @category schemas
 * @since 0.1.0
 */
export const SessionIdParam = Schema.String.annotate({ format: "uuid", description: "The ID of the checkout session." })

/**
 * The header that selects the merchant account; absent means `default`.
 *
 * @category headers
 * @since 0.1.0
 */
export const merchantAccountHeader = "x-gr4vy-merchant-account-id"

const headers = {
  [merchantAccountHeader]: Schema.optionalKey(Schema.String)
}

const params = { session_id: SessionIdParam }

/**
 * `create`, `get`, `update`, `delete`, `updateFields` and `cardDetails`.
 *
 * The four session calls carry the `Authorization` middleware (a bearer token
 * is required); the browser-facing `updateFields` and `cardDetails` carry none,
 * as the spec declares no `security` on them (API-SEMANTICS.md § Browser-facing
 * calls): a group's middleware applies to the endpoints added before it.
 *
 * @category groups
 * @since 0.1.0
 */
export class CheckoutSessionsGroup extends HttpApiGroup.make("checkoutSessions")
  .add(
    HttpApiEndpoint.post("create", "/checkout/sessions", {
      headers,
      payload: CheckoutSessionUpdate,
      success: CheckoutSession.pipe(HttpApiSchema.status(201)),
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Create checkout session" })),
    HttpApiEndpoint.get("get", "/checkout/sessions/:session_id", {
      params,
      headers,
      success: CheckoutSession,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Get checkout session" })),
    HttpApiEndpoint.put("update", "/checkout/sessions/:session_id", {
      params,
      headers,
      payload: CheckoutSessionUpdate,
      success: CheckoutSession,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Update checkout session" })),
    HttpApiEndpoint.delete("delete", "/checkout/sessions/:session_id", {
      params,
      headers,
      success: HttpApiSchema.NoContent,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Delete checkout session" }))
  )
  .middleware(Authorization)
  .add(
    HttpApiEndpoint.put("updateFields", "/checkout/sessions/:session_id/fields", {
      params,
      payload: CheckoutSessionSecureFields,
      success: HttpApiSchema.NoContent,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Update checkout session fields" })),
    HttpApiEndpoint.post("cardDetails", "/checkout/sessions/:session_id/card-details", {
      params,
      payload: CheckoutSessionCardDetailsRequest,
      success: CheckoutSessionCardDetails,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Get checkout session card details" }))
  )
  // Bodies are decoded strictly (as StrictDecoder's `strictOptions`): unknown keys refused, every invalid field reported.
  .annotate(HttpApi.PayloadParseOptions, { errors: "all", onExcessProperty: "error" })
  .annotateMerge(OpenApi.annotations({ title: "Checkout sessions" }))
{}
