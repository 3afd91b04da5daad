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

// A resource's read or write scope, and its wildcard; `embed` where the spec also lets an embed token call.
const read = (resource: string, ...also: ReadonlyArray<string>) => [`${resource}.read`, ...also, "*.read"]
const write = (resource: string, ...also: ReadonlyArray<string>) => [`${resource}.write`, ...also, "*.write"]

/**
 * The scopes that grant each endpoint that needs a token, by the endpoint's
 * name, any one of them sufficing: the spec's scope of the operation
 * (`checkout-sessions.read`, `buyers.write`, …, and `embed` where the spec
 * names it too) and its wildcard (`*.read` / `*.write`). The browser-facing
 * calls need no token, hence no scope. The payments endpoints' names are
 * their operation ids in camelCase, so no two groups share one.
 *
 * @category scopes
 * @since 0.1.0
 */
export const endpointScopes: Readonly<Record<string, ReadonlyArray<string>>> = {
  create: write("checkout-sessions"),
  get: read("checkout-sessions"),
  update: write("checkout-sessions"),
  delete: write("checkout-sessions"),
  // Merchant accounts and their 3-D Secure configurations.
  listMerchantAccounts: read("merchant-accounts"),
  createMerchantAccount: write("merchant-accounts"),
  getMerchantAccount: read("merchant-accounts"),
  updateMerchantAccount: write("merchant-accounts"),
  listThreeDSConfigurations: read("merchant-accounts"),
  createThreeDSConfiguration: write("merchant-accounts"),
  updateThreeDSConfiguration: write("merchant-accounts"),
  deleteThreeDSConfiguration: write("merchant-accounts"),
  // Payment service definitions and payment services; their session calls act for a transaction.
  listPaymentServiceDefinitions: read("payment-service-definitions"),
  getPaymentServiceDefinition: read("payment-service-definitions"),
  createPaymentServiceDefinitionSession: write("transactions"),
  listPaymentServices: read("payment-services"),
  createPaymentService: write("payment-services"),
  getPaymentService: read("payment-services"),
  updatePaymentService: write("payment-services"),
  deletePaymentService: write("payment-services"),
  verifyPaymentServiceCredentials: write("payment-services"),
  createPaymentServiceSession: write("transactions"),
  // Payment options for a cart and the card schemes Gr4vy knows (not in the vendored spec).
  listPaymentOptions: read("payment-options"),
  listCardSchemeDefinitions: read("card-scheme-definitions"),
  // Buyers and their shipping details; a buyer's payment methods and gift cards are read with their own scopes.
  listBuyers: read("buyers"),
  addBuyer: write("buyers"),
  getBuyer: read("buyers"),
  updateBuyer: write("buyers"),
  deleteBuyer: write("buyers"),
  listBuyerShippingDetails: read("buyers"),
  addBuyerShippingDetails: write("buyers"),
  getBuyerShippingDetails: read("buyers"),
  updateBuyerShippingDetails: write("buyers"),
  deleteBuyerShippingDetails: write("buyers"),
  listBuyerPaymentMethods: read("payment-methods", "embed"),
  listBuyerGiftCards: read("gift-cards"),
  // Stored payment methods, their payment-service tokens and network tokens (a cryptogram is a read, per the spec).
  listPaymentMethods: read("payment-methods"),
  createPaymentMethod: write("payment-methods"),
  getPaymentMethod: read("payment-methods"),
  updatePaymentMethod: write("payment-methods"),
  deletePaymentMethod: write("payment-methods", "embed"),
  listPaymentServiceTokens: read("payment-methods"),
  createPaymentServiceToken: write("payment-methods"),
  deletePaymentServiceToken: write("payment-methods"),
  listNetworkTokens: read("payment-methods"),
  createNetworkToken: write("payment-methods"),
  createNetworkTokenCryptogram: read("payment-methods"),
  suspendNetworkToken: write("payment-methods"),
  resumeNetworkToken: write("payment-methods"),
  deleteNetworkToken: write("payment-methods"),
  // Transactions and what hangs off them; creating one also takes an embed token, a full refund also refunds the
  // gift cards (`gift-cards.write`); a sync is a read, per the spec. `updateSession` needs no token.
  listTransactions: read("transactions"),
  createTransaction: write("transactions", "embed"),
  getTransaction: read("transactions"),
  updateTransaction: write("transactions"),
  captureTransaction: write("transactions"),
  voidTransaction: write("transactions"),
  cancelTransaction: write("transactions"),
  syncTransaction: read("transactions"),
  incrementTransactionAuthorization: write("transactions"),
  listTransactionRefunds: read("transactions"),
  createTransactionRefund: write("transactions"),
  getTransactionRefund: read("transactions"),
  createFullTransactionRefund: write("transactions", "gift-cards.write"),
  getRefund: read("transactions"),
  listTransactionCaptures: read("transactions"),
  getTransactionCapture: read("transactions"),
  listTransactionActions: read("transactions"),
  listTransactionEvents: read("transactions"),
  listTransactionSettlements: read("transactions"),
  getTransactionSettlement: read("transactions"),
  listTransactionRefundSettlements: read("transactions"),
  getTransactionRefundSettlement: read("transactions"),
  listTransactionChargebacks: read("transactions"),
  listTransactionChargebackReversals: read("transactions")
}
