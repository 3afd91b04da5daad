/**
 * The client as plain Promises, for code that does not use Effect:
 *
 * ```ts
 * const client = createClient({ baseUrl: "http://127.0.0.1:4010", privateKey })
 * const session = await client.checkoutSessions.create({ metadata: { order: "42" } })
 * await client.close()
 * ```
 *
 * A failed call rejects with one of the tagged errors of `Errors`
 * (`instanceof NotFound`, `error._tag === "BadRequest"`, ...). The payments
 * resources have the namespaces of the Effect service (`merchantAccounts`,
 * `paymentServices`, `buyers`, `paymentMethods`, `transactions`), each call a
 * Promise:
 *
 * ```ts
 * const buyer = await client.buyers.create({ displayName: "Jane" })
 * const page = await client.buyers.list({ limit: 10 })
 * ```
 *
 * @since 0.1.0
 */
import type { CheckoutSession, CheckoutSessionUpdate } from "@checkout-kit/domain/CheckoutSession"
import type { CheckoutSessionCardDetails, CheckoutSessionSecureFields } from "@checkout-kit/domain/PaymentMethod"
import { Cause, Effect, Exit, ManagedRuntime } from "effect"
import {
  type BuyersClient,
  CheckoutKitClient,
  type ClientOptions,
  type MerchantAccountsClient,
  type PaymentMethodsClient,
  type PaymentServicesClient,
  type TransactionsClient
} from "./CheckoutKitClient.ts"

/**
 * An Effect client's namespace with every call a Promise: the same
 * arguments, the success value, the tagged error as the rejection.
 *
 * @category models
 * @since 0.2.0
 */
export type Promised<A> = {
  readonly [K in keyof A]: A[K] extends (...args: infer Args) => Effect.Effect<infer R, infer _E, infer _C>
    ? (...args: Args) => Promise<R>
    : Promised<A[K]>
}

/**
 * @category models
 * @since 0.1.0
 */
export interface PromiseClient {
  readonly checkoutSessions: {
    readonly create: (body?: CheckoutSessionUpdate) => Promise<CheckoutSession>
    readonly get: (id: string) => Promise<CheckoutSession>
    readonly update: (id: string, body: CheckoutSessionUpdate) => Promise<CheckoutSession>
    readonly delete: (id: string) => Promise<void>
    readonly updateFields: (id: string, fields: CheckoutSessionSecureFields) => Promise<void>
    readonly cardDetails: (id: string, bin: string) => Promise<CheckoutSessionCardDetails>
  }
  readonly merchantAccounts: Promised<MerchantAccountsClient>
  readonly paymentServices: Promised<PaymentServicesClient>
  readonly buyers: Promised<BuyersClient>
  readonly paymentMethods: Promised<PaymentMethodsClient>
  /** @since 0.4.0 */
  readonly transactions: Promised<TransactionsClient>
  /** Releases the client's resources. */
  readonly close: () => Promise<void>
}

/**
 * @category constructors
 * @since 0.1.0
 */
export const createClient = (options: ClientOptions): PromiseClient => {
  const runtime = ManagedRuntime.make(CheckoutKitClient.layer(options))
  const run = <A>(f: (client: CheckoutKitClient["Service"]) => Effect.Effect<A, unknown>): Promise<A> =>
    runtime.runPromiseExit(Effect.flatMap(CheckoutKitClient, f)).then((exit) => {
      if (Exit.isSuccess(exit)) return exit.value
      throw Cause.squash(exit.cause)
    })
  return {
    checkoutSessions: {
      create: (body) => run((c) => c.create(body)),
      get: (id) => run((c) => c.get(id)),
      update: (id, body) => run((c) => c.update(id, body)),
      delete: (id) => run((c) => c.delete(id)),
      updateFields: (id, fields) => run((c) => c.updateFields(id, fields)),
      cardDetails: (id, bin) => run((c) => c.cardDetails(id, bin))
    },
    merchantAccounts: {
      create: (body) => run((c) => c.merchantAccounts.create(body)),
      get: (id) => run((c) => c.merchantAccounts.get(id)),
      list: (filters) => run((c) => c.merchantAccounts.list(filters)),
      update: (id, body) => run((c) => c.merchantAccounts.update(id, body)),
      threeDSConfigurations: {
        list: (account, filters) => run((c) => c.merchantAccounts.threeDSConfigurations.list(account, filters)),
        create: (account, body) => run((c) => c.merchantAccounts.threeDSConfigurations.create(account, body)),
        update: (account, id, body) => run((c) => c.merchantAccounts.threeDSConfigurations.update(account, id, body)),
        delete: (account, id) => run((c) => c.merchantAccounts.threeDSConfigurations.delete(account, id))
      }
    },
    paymentServices: {
      create: (body) => run((c) => c.paymentServices.create(body)),
      get: (id) => run((c) => c.paymentServices.get(id)),
      list: (filters) => run((c) => c.paymentServices.list(filters)),
      update: (id, body) => run((c) => c.paymentServices.update(id, body)),
      delete: (id) => run((c) => c.paymentServices.delete(id)),
      definitions: {
        list: (filters) => run((c) => c.paymentServices.definitions.list(filters)),
        get: (id) => run((c) => c.paymentServices.definitions.get(id))
      }
    },
    buyers: {
      create: (body) => run((c) => c.buyers.create(body)),
      get: (id) => run((c) => c.buyers.get(id)),
      list: (filters) => run((c) => c.buyers.list(filters)),
      update: (id, body) => run((c) => c.buyers.update(id, body)),
      delete: (id) => run((c) => c.buyers.delete(id)),
      paymentMethods: (filters) => run((c) => c.buyers.paymentMethods(filters)),
      shippingDetails: {
        list: (buyerId) => run((c) => c.buyers.shippingDetails.list(buyerId)),
        create: (buyerId, body) => run((c) => c.buyers.shippingDetails.create(buyerId, body)),
        get: (buyerId, id) => run((c) => c.buyers.shippingDetails.get(buyerId, id)),
        update: (buyerId, id, body) => run((c) => c.buyers.shippingDetails.update(buyerId, id, body)),
        delete: (buyerId, id) => run((c) => c.buyers.shippingDetails.delete(buyerId, id))
      }
    },
    paymentMethods: {
      create: (body) => run((c) => c.paymentMethods.create(body)),
      get: (id) => run((c) => c.paymentMethods.get(id)),
      list: (filters) => run((c) => c.paymentMethods.list(filters)),
      update: (id, body) => run((c) => c.paymentMethods.update(id, body)),
      delete: (id) => run((c) => c.paymentMethods.delete(id))
    },
    transactions: {
      create: (body, key) => run((c) => c.transactions.create(body, key)),
      get: (id) => run((c) => c.transactions.get(id)),
      list: (filters) => run((c) => c.transactions.list(filters)),
      update: (id, body) => run((c) => c.transactions.update(id, body)),
      capture: (id, body) => run((c) => c.transactions.capture(id, body)),
      void: (id) => run((c) => c.transactions.void(id)),
      refund: (id, body, key) => run((c) => c.transactions.refund(id, body, key)),
      refundAll: (id, body, key) => run((c) => c.transactions.refundAll(id, body, key)),
      listRefunds: (id) => run((c) => c.transactions.listRefunds(id)),
      getRefund: (refundId) => run((c) => c.transactions.getRefund(refundId)),
      captures: (id) => run((c) => c.transactions.captures(id)),
      events: (id, filters) => run((c) => c.transactions.events(id, filters))
    },
    close: () => runtime.dispose()
  }
}

