/**
 * @checkout-kit/client: a typed client for Gr4vy's Checkout Sessions API,
 * derived from the `HttpApi` contract of `@checkout-kit/domain`, as an Effect
 * service and as Promises, with the contract runner the `checkout-kit` CLI
 * uses. The CLI itself is the package's bin, not part of this entry.
 *
 * @since 0.2.0
 */

/**
 * @since 0.2.0
 */
export * as CheckoutKitClient from "./CheckoutKitClient.ts"
/**
 * @since 0.2.0
 */
export * as Contract from "./Contract.ts"
/**
 * @since 0.2.0
 */
export * as Errors from "./Errors.ts"
/**
 * @since 0.2.0
 */
export * as MockControls from "./MockControls.ts"
/**
 * @since 0.2.0
 */
export * as PromiseClient from "./Promise.ts"
/**
 * @since 0.2.0
 */
export * as Resilience from "./Resilience.ts"
/**
 * @since 0.2.0
 */
export * as Stateful from "./Stateful.ts"
/**
 * @since 0.2.0
 */
export * as TokenSigner from "./TokenSigner.ts"
/**
 * @since 0.2.0
 */
export * as WebhookReceiver from "./WebhookReceiver.ts"
/**
 * @since 0.2.0
 */
export * as Webhooks from "./Webhooks.ts"
