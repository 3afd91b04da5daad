/**
 * A stored card as a checkout session shows it once secure fields name it
 * (`{ "method": "id", "id": … }`): its id, scheme, label, details and
 * fingerprint, read from the vault's document. Apart from PaymentMethods.ts
 * so the sessions can read the vault without depending on its service.
 *
 * @since 0.3.0
 */
import { Effect } from "effect"
import { kinds } from "../Buyers/Buyers.ts"
import { DocumentStore } from "../store/DocumentStore.ts"

/**
 * The session's `payment_method` for the stored method `id` of the merchant
 * account, or `undefined` when the account has no such method.
 *
 * @category sessions
 * @since 0.3.0
 */
export const sessionView = (
  merchantAccountId: string,
  id: string
): Effect.Effect<Record<string, unknown> | undefined, never, DocumentStore> =>
  Effect.flatMap(DocumentStore, (store) =>
    Effect.map(store.get(merchantAccountId, kinds.paymentMethod, id.toLowerCase()), (document) => {
      if (document === undefined) return undefined
      const method = JSON.parse(document.body) as Record<string, unknown>
      const view: Record<string, unknown> = { type: "payment-method", method: "card", id: method.id }
      for (const key of ["scheme", "label", "fingerprint"]) if (method[key] != null) view[key] = method[key]
      const details = method.details as Record<string, unknown> | null | undefined
      if (details != null) {
        view.details = {
          bin: details.bin,
          ...(details.card_type == null ? {} : { card_type: details.card_type })
        }
      }
      return view
    }))
