/**
 * The payment service definitions the mock offers: `mock-card`, Gr4vy's card
 * simulator. As Gr4vy's documentation describes it, the simulator connects
 * to no payment service: it is set up with a merchant id that serves no
 * purpose (its one field, required, not secret), takes cards in any country
 * and currency, and supports neither credential verification against a
 * provider nor sessions.
 *
 * @since 0.3.0
 */
import type { PaymentServiceDefinition } from "@checkout-kit/domain/PaymentService"

/**
 * The currencies the card simulator lists (any currency works with it; these
 * are the common ones).
 *
 * @category definitions
 * @since 0.3.0
 */
export const simulatorCurrencies: ReadonlyArray<string> = [
  "AUD", "BRL", "CAD", "CHF", "CNY", "DKK", "EUR", "GBP", "HKD", "INR", "JPY", "MXN", "NOK", "NZD", "PLN", "SEK",
  "SGD", "USD", "ZAR"
]

/**
 * The countries the card simulator lists.
 *
 * @category definitions
 * @since 0.3.0
 */
export const simulatorCountries: ReadonlyArray<string> = [
  "AU", "BR", "CA", "CH", "CN", "DE", "DK", "ES", "FR", "GB", "HK", "IE", "IN", "IT", "JP", "MX", "NL", "NO", "NZ",
  "PL", "SE", "SG", "US", "ZA"
]

/**
 * `mock-card`, the card simulator.
 *
 * @category definitions
 * @since 0.3.0
 */
export const mockCard: PaymentServiceDefinition = {
  id: "mock-card",
  type: "payment-service-definition",
  displayName: "Card simulator",
  method: "card",
  mode: "card",
  iconUrl: null,
  fields: [
    { key: "merchant_id", displayName: "Merchant ID", required: true, format: "text", secret: false, verifiable: false }
  ],
  reportingFields: [],
  supportedCurrencies: simulatorCurrencies,
  supportedCountries: simulatorCountries,
  supportedFeatures: {
    delayed_capture: true,
    network_tokens: false,
    partial_refunds: true,
    payment_method_tokenization: true,
    refunds: true,
    sessions: false,
    three_d_secure_hosted: false,
    three_d_secure_pass_through: true,
    void: true
  },
  requiredCheckoutFields: [],
  configuration: {
    approvalUiTarget: "any",
    approvalUiHeight: "600px",
    approvalUiWidth: "400px",
    cartItemsLimit: 249,
    cartItemsRequired: false,
    cartItemsShouldMatchAmount: false
  },
  supportedIntegrationClients: null
}

/**
 * Every definition, by id.
 *
 * @category definitions
 * @since 0.3.0
 */
export const definitions: ReadonlyMap<string, PaymentServiceDefinition> = new Map([[mockCard.id, mockCard]])
