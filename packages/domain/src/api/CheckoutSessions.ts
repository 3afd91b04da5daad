/**
 * The checkout-sessions endpoints of the contract.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "effect/http-api"
import { strictOptions } from "../StrictDecoder.ts"
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

/**
 * The mock server's `Prefer` header (RFC 7240 preferences, as Prism reads
 * them): `code=NNN` answers that error status in the API's error shape
 * without running the call, `delay=MS` answers after MS milliseconds. Gr4vy's
 * API ignores it; the mock's `/_mock/` controls do not take it.
 *
 * @category headers
 * @since 0.2.0
 */
export const Prefer = Schema.String.annotate({
  description: "Mock server only: `code=NNN` (a 4xx or 5xx status) answers that error in the API's error shape " +
    "without running the call; `delay=MS` answers after MS milliseconds (at most 30000). Both may be given: " +
    "`Prefer: code=503, delay=200`."
})

/**
 * The headers every API endpoint declares: the mock's `prefer`.
 *
 * @category headers
 * @since 0.2.0
 */
export const preferHeaders = { prefer: Schema.optionalKey(Prefer) }

const headers = {
  [merchantAccountHeader]: Schema.optionalKey(Schema.String),
  ...preferHeaders
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
      headers: preferHeaders,
      payload: CheckoutSessionSecureFields,
      success: HttpApiSchema.NoContent,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Update checkout session fields" })),
    HttpApiEndpoint.post("cardDetails", "/checkout/sessions/:session_id/card-details", {
      params,
      headers: preferHeaders,
      payload: CheckoutSessionCardDetailsRequest,
      success: CheckoutSessionCardDetails,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Get checkout session card details" }))
  )
  // Bodies are decoded strictly (StrictDecoder's `strictOptions`): unknown keys refused, every invalid field reported.
  .annotate(HttpApi.PayloadParseOptions, strictOptions)
  .annotateMerge(OpenApi.annotations({ title: "Checkout sessions" }))
{}
