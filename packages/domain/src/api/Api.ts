/**
 * The Checkout Sessions API as an Effect `HttpApi`: the one contract the mock
 * server implements, the client derives from and `/openapi.json` is generated
 * from.
 *
 * @since 0.1.0
 */
import { HttpApi, OpenApi } from "effect/http-api"
import { CheckoutSessionsGroup } from "./CheckoutSessions.ts"
import { SystemGroup } from "./System.ts"

/**
 * @category api
 * @since 0.1.0
 */
export class Api extends HttpApi.make("checkout-sessions")
  .add(CheckoutSessionsGroup)
  .add(SystemGroup)
  .annotateMerge(OpenApi.annotations({
    title: "Gr4vy Checkout Sessions (Checkout Kit)",
    version: "1.0.0",
    description: "Checkout Sessions API as modelled by Checkout Kit from Gr4vy's official OpenAPI subset."
  }))
{}
