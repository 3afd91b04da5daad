/**
 * The payment-options endpoints: the ways to pay a cart
 * (`payment-options.read`) and the card schemes Gr4vy knows
 * (`card-scheme-definitions.read`). Not in Gr4vy's vendored spec; modelled
 * from what its answers carry.
 *
 * @since 0.3.0
 */
import { HttpApi, HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import { strictOptions } from "../StrictDecoder.ts"
import { ApiErrors } from "../Errors.ts"
import { CardSchemeDefinitions, PaymentOptionRequest, PaymentOptions } from "../PaymentOption.ts"
import { Authorization } from "./Authorization.ts"
import { accountHeaders } from "./Params.ts"

/**
 * `listPaymentOptions` and `listCardSchemeDefinitions`.
 *
 * @category groups
 * @since 0.3.0
 */
export class PaymentOptionsGroup extends HttpApiGroup.make("paymentOptions")
  .add(
    HttpApiEndpoint.post("listPaymentOptions", "/payment-options", {
      headers: accountHeaders,
      payload: PaymentOptionRequest,
      success: PaymentOptions,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List payment options" })),
    HttpApiEndpoint.get("listCardSchemeDefinitions", "/card-scheme-definitions", {
      headers: accountHeaders,
      success: CardSchemeDefinitions,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List card scheme definitions" }))
  )
  .middleware(Authorization)
  // Bodies are decoded strictly (StrictDecoder's `strictOptions`): unknown keys refused, every invalid field reported.
  .annotate(HttpApi.PayloadParseOptions, strictOptions)
  .annotateMerge(OpenApi.annotations({ title: "Payment options" }))
{}
