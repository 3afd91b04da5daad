/**
 * @checkout-kit/domain: Effect Schema models of Gr4vy's Checkout Sessions
 * API, the error bodies, the mapping from a parse failure to `details[]`, and
 * a strict wire decoder.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as Airline from "./Airline.ts"
/**
 * @since 0.1.0
 */
export * as Buyer from "./Buyer.ts"
/**
 * @since 0.2.0
 */
export * as BuyerResource from "./BuyerResource.ts"
/**
 * @since 0.2.0
 */
export * as CardSimulator from "./CardSimulator.ts"
/**
 * @since 0.1.0
 */
export * as Cart from "./Cart.ts"
/**
 * @since 0.2.0
 */
export * as Cards from "./Cards.ts"
/**
 * @since 0.1.0
 */
export * as CheckoutSession from "./CheckoutSession.ts"
/**
 * @since 0.2.0
 */
export * as Collection from "./Collection.ts"
/**
 * @since 0.2.0
 */
export * as ConnectionOptions from "./ConnectionOptions.ts"
/**
 * @since 0.2.0
 */
export * as Constraints from "./Constraints.ts"
/**
 * @since 0.1.0
 */
export * as Errors from "./Errors.ts"
/**
 * @since 0.3.0
 */
export * as GiftCard from "./GiftCard.ts"
/**
 * @since 0.2.0
 */
export * as MerchantAccount from "./MerchantAccount.ts"
/**
 * @since 0.1.0
 */
export * as PaymentMethod from "./PaymentMethod.ts"
/**
 * @since 0.2.0
 */
export * as PaymentMethodResource from "./PaymentMethodResource.ts"
/**
 * @since 0.3.0
 */
export * as PaymentOption from "./PaymentOption.ts"
/**
 * @since 0.2.0
 */
export * as PaymentService from "./PaymentService.ts"
/**
 * @since 0.1.0
 */
export * as Primitives from "./Primitives.ts"
/**
 * @since 0.2.0
 */
export * as Refund from "./Refund.ts"
/**
 * @since 0.2.0
 */
export * as Settlement from "./Settlement.ts"
/**
 * @since 0.2.0
 */
export * as Token from "./Token.ts"
/**
 * @since 0.2.0
 */
export * as Transaction from "./Transaction.ts"
/**
 * @since 0.2.0
 */
export * as TransactionCapture from "./TransactionCapture.ts"
/**
 * @since 0.2.0
 */
export * as TransactionCreate from "./TransactionCreate.ts"
/**
 * @since 0.2.0
 */
export * as TransactionEvent from "./TransactionEvent.ts"
/**
 * @since 0.4.0
 */
export * as WebhookEvent from "./WebhookEvent.ts"
