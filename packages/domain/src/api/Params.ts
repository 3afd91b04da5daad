/**
 * What the payments endpoints share: the merchant-account header and the
 * path parameters that name a resource.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { merchantAccountHeader, preferHeaders } from "./CheckoutSessions.ts"

/**
 * The optional `x-gr4vy-merchant-account-id` header of an endpoint that acts
 * in one merchant account (`default` without it), and the mock's `prefer`
 * header every API endpoint declares.
 *
 * @category headers
 * @since 0.2.0
 */
export const accountHeaders = {
  [merchantAccountHeader]: Schema.optionalKey(
    Schema.String.annotate({ description: "The ID of the merchant account to use for this request." })
  ),
  ...preferHeaders
}

/**
 * A resource's id in a path. Any string reaches the server: an id of the
 * wrong form names no resource and answers 404.
 *
 * @category schemas
 * @since 0.2.0
 */
export const IdParam = (description: string, format?: "uuid") =>
  Schema.String.annotate(format === undefined ? { description } : { description, format })
