/**
 * The payments resources as an Effect `HttpApi` of their own: merchant
 * accounts, payment services, buyers, stored payment methods, and
 * transactions with their refunds, captures and reports. A group joins `Api`
 * (`ApiWithoutControls`) once the mock serves it: all but `TransactionsGroup`
 * have.
 *
 * @since 0.2.0
 */
import { HttpApi, OpenApi } from "effect/http-api"
import { BuyersGroup } from "./Buyers.ts"
import { MerchantAccountsGroup } from "./MerchantAccounts.ts"
import { PaymentMethodsGroup } from "./PaymentMethods.ts"
import { PaymentServicesGroup } from "./PaymentServices.ts"
import { TransactionsGroup } from "./Transactions.ts"

/**
 * @category api
 * @since 0.2.0
 */
export class PaymentsApi extends HttpApi.make("payments")
  .add(MerchantAccountsGroup)
  .add(PaymentServicesGroup)
  .add(BuyersGroup)
  .add(PaymentMethodsGroup)
  .add(TransactionsGroup)
  .annotateMerge(OpenApi.annotations({
    title: "Gr4vy payments resources (Checkout Kit)",
    version: "1.0.0",
    description: "Merchant accounts, payment services, buyers, stored payment methods and transactions as modelled by " +
      "Checkout Kit " +
      "from Gr4vy's official OpenAPI."
  }))
{}
