/**
 * Payment options and card scheme definitions. The options for a cart are
 * the methods of the merchant account's active payment services that accept
 * the cart's country and currency (any, when the cart names none), one
 * option per method. The card scheme definitions are a fixed list; their
 * icons are placeholders on the reserved `.invalid` domain (the mock serves
 * no icons).
 *
 * @since 0.3.0
 */
import type { CardSchemeDefinition, PaymentOption, PaymentOptionRequest } from "@checkout-kit/domain/PaymentOption"
import type { PaymentService } from "@checkout-kit/domain/PaymentService"
import { definitions } from "../PaymentServices/PaymentServiceDefinitions.ts"

const schemes: ReadonlyArray<readonly [string, string]> = [
  ["amex", "American Express"],
  ["diners-club", "Diners Club"],
  ["discover", "Discover"],
  ["jcb", "JCB"],
  ["maestro", "Maestro"],
  ["mastercard", "Mastercard"],
  ["unionpay", "UnionPay"],
  ["visa", "Visa"]
]

/**
 * The card schemes the mock lists.
 *
 * @category definitions
 * @since 0.3.0
 */
export const cardSchemeDefinitions: ReadonlyArray<CardSchemeDefinition> = schemes.map(([id, displayName]) => ({
  type: "card-scheme-definition",
  id,
  displayName,
  iconUrl: `https://icons.mock.invalid/card-schemes/${id}.svg`
}))

/**
 * The options for a cart among the account's active payment services.
 *
 * @category options
 * @since 0.3.0
 */
export const optionsFor = (
  services: ReadonlyArray<PaymentService>,
  cart: PaymentOptionRequest
): ReadonlyArray<PaymentOption> => {
  const options = new Map<string, PaymentOption>()
  for (const service of services.toSorted((a, b) => a.position - b.position)) {
    if (cart.country != null && !service.acceptedCountries.includes(cart.country)) continue
    if (cart.currency != null && !service.acceptedCurrencies.includes(cart.currency)) continue
    if (options.has(service.method)) continue
    const definition = definitions.get(service.paymentServiceDefinitionId)
    options.set(service.method, {
      type: "payment-option",
      method: service.method,
      mode: definition?.mode ?? "card",
      iconUrl: definition?.iconUrl ?? null,
      label: definition?.displayName ?? null,
      canStorePaymentMethod: service.method === "card",
      canDelayCapture: definition?.supportedFeatures["delayed_capture"] === true,
      context: null
    })
  }
  return [...options.values()]
}
