/**
 * Bearer authentication of the Checkout Sessions API: a JWT signed with the
 * merchant's private key (ECDSA or RSA; Gr4vy's SDKs sign ES512), with
 * `scopes` (and optionally `checkout_session_id`) in its claims. The mock
 * server implements this middleware; a client provides the token. The
 * browser-facing calls (`updateFields`, `cardDetails`) do not carry it
 * (API-SEMANTICS.md § Browser-facing calls).
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
 * The scopes that grant each endpoint that needs a token, any one of them
 * sufficing (the spec's `checkout-sessions.read` / `.write` and their
 * wildcards). The browser-facing calls need no token, hence no scope.
 *
 * @category scopes
 * @since 0.1.0
 */
export const endpointScopes: Readonly<Record<string, ReadonlyArray<string>>> = {
  create: ["checkout-sessions.write", "*.write"],
  get: ["checkout-sessions.read", "*.read"],
  update: ["checkout-sessions.write", "*.write"],
  delete: ["checkout-sessions.write", "*.write"]
}
