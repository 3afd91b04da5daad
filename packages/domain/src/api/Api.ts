/**
 * The Checkout Sessions API as an Effect `HttpApi`: the one contract the mock
 * server implements, the client derives from and `/openapi.json` is generated
 * from.
 *
 * @since 0.1.0
 */
import { HttpApi, OpenApi } from "effect/http-api"
import { BuyersGroup } from "./Buyers.ts"
import { CheckoutSessionsGroup } from "./CheckoutSessions.ts"
import { MerchantAccountsGroup } from "./MerchantAccounts.ts"
import { MockControlsGroup } from "./MockControls.ts"
import { PaymentOptionsGroup } from "./PaymentOptions.ts"
import { PaymentServicesGroup } from "./PaymentServices.ts"
import { PaymentMethodsGroup } from "./PaymentMethods.ts"
import { SystemGroup } from "./System.ts"

/**
 * The API without the mock's test controls: what a server whose `/_mock/*`
 * controls are off serves and documents — checkout sessions, stored buyers
 * (with their shipping details) and the payment-method vault.
 *
 * @category api
 * @since 0.2.0
 */
export class ApiWithoutControls extends HttpApi.make("checkout-sessions")
  .add(CheckoutSessionsGroup)
  .add(SystemGroup)
  .add(MerchantAccountsGroup)
  .add(PaymentServicesGroup)
  .add(PaymentOptionsGroup)
  .add(BuyersGroup)
  .add(PaymentMethodsGroup)
  .annotateMerge(OpenApi.annotations({
    title: "Gr4vy Checkout Sessions (Checkout Kit)",
    version: "1.0.0",
    description: "Checkout Sessions API as modelled by Checkout Kit from Gr4vy's official OpenAPI subset."
  }))
{}

/**
 * The whole contract: the API and the mock's test controls (`MockControlsGroup`).
 *
 * @category api
 * @since 0.1.0
 */
export class Api extends ApiWithoutControls.add(MockControlsGroup) {}
