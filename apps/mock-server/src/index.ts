/**
 * @checkout-kit/mock-server: a stateful, faithful local stand-in for Gr4vy's
 * Checkout Sessions API.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as CheckoutSessions from "./CheckoutSessions.ts"
/**
 * @since 0.1.0
 */
export * as Cli from "./Cli.ts"
/**
 * @since 0.2.0
 */
export * as Heap from "./Heap.ts"
/**
 * @since 0.1.0
 */
export * as Journal from "./Journal.ts"
/**
 * @since 0.1.0
 */
export * as MockClock from "./MockClock.ts"
/**
 * @since 0.1.0
 */
export * as Server from "./Server.ts"
/**
 * @since 0.1.0
 */
export * as SessionStore from "./SessionStore.ts"
/**
 * @since 0.2.0
 */
export * as DocumentStore from "./store/DocumentStore.ts"
/**
 * @since 0.2.0
 */
export * as PgDocuments from "./store/PgDocuments.ts"
/**
 * @since 0.2.0
 */
export * as SqliteDocuments from "./store/SqliteDocuments.ts"
/**
 * @since 0.3.0
 */
export * as Buyers from "./Buyers/Buyers.ts"
/**
 * @since 0.3.0
 */
export * as PaymentMethods from "./PaymentMethods/PaymentMethods.ts"
/**
 * @since 0.4.0
 */
export * as Webhooks from "./Webhooks/Webhooks.ts"
