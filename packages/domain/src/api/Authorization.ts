/**
 * Bearer authentication of the Checkout Sessions API: an ES512 JWT minted
 * from the merchant's private key, with `scopes` (and optionally
 * `checkout_session_id`) in its claims. The mock server implements this
 * middleware; a client provides the token.
 *
 * @since 0.1.0
 */
import { HttpApiMiddleware, HttpApiSecurity } from "effect/http-api"
import { Forbidden, Unauthorized } from "../Errors.ts"

/**
 * @category middleware
 * @since 0.1.0
 */
export class Authorization extends HttpApiMiddleware.Service<Authorization>()(
  "@checkout-kit/domain/api/Authorization",
  {
    security: { bearer: HttpApiSecurity.bearer },
    error: [Unauthorized, Forbidden],
    requiredForClient: true
  }
) {}

/**
 * The scopes that grant each endpoint, any one of them sufficing (the spec's
 * `checkout-sessions.read` / `.write`, their wildcards, and `embed` for the
 * calls a buyer's browser makes).
 *
 * @category scopes
 * @since 0.1.0
 */
export const endpointScopes: Readonly<Record<string, ReadonlyArray<string>>> = {
  create: ["checkout-sessions.write", "*.write"],
  get: ["checkout-sessions.read", "*.read"],
  update: ["checkout-sessions.write", "*.write"],
  delete: ["checkout-sessions.write", "*.write"],
  updateFields: ["embed", "checkout-sessions.write", "*.write"],
  cardDetails: ["embed", "checkout-sessions.write", "*.write"]
}
