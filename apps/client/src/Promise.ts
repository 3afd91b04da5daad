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
 * (`instanceof NotFound`, `error._tag === "BadRequest"`, ...).
 *
 * @since 0.1.0
 */
import type { CheckoutSession, CheckoutSessionUpdate } from "@checkout-kit/domain/CheckoutSession"
import type { CheckoutSessionCardDetails, CheckoutSessionSecureFields } from "@checkout-kit/domain/PaymentMethod"
import { Cause, Effect, Exit, ManagedRuntime } from "effect"
import { CheckoutKitClient, type ClientOptions } from "./CheckoutKitClient.ts"

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
    close: () => runtime.dispose()
  }
}
