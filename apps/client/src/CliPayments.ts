/**
 * What `checkout-kit`'s payments commands do (`merchant-accounts`,
 * `payment-services`, `buyers`, `payment-methods`), loaded only when one runs
 * (`Cli.ts` defines the commands and their flags). Human output by default,
 * the API's wire JSON with `--json`. A card number or security code given on
 * the command line is never printed: a stored card shows its scheme, BIN and
 * last four digits.
 *
 * @since 0.2.0
 */
import { BuyerCreate, BuyerUpdate } from "@checkout-kit/domain/BuyerResource"
import * as BuyerResource from "@checkout-kit/domain/BuyerResource"
import { CliFailure } from "@checkout-kit/domain/CommandLine"
import * as MerchantAccountModels from "@checkout-kit/domain/MerchantAccount"
import * as PaymentMethodResource from "@checkout-kit/domain/PaymentMethodResource"
import * as PaymentServiceModels from "@checkout-kit/domain/PaymentService"
import * as StrictDecoder from "@checkout-kit/domain/StrictDecoder"
import { Console, DateTime, Effect, Option, Redacted, Schema } from "effect"
import { type Connection, formatDetails, withClient } from "./CliCommands.ts"

/**
 * The flags of a list: the page to read.
 *
 * @category models
 * @since 0.2.0
 */
export interface PageFlags {
  readonly limit: Option.Option<number>
  readonly cursor: Option.Option<string>
}

/**
 * The flags of a payments command: the connection, `--json`, its own.
 *
 * @category models
 * @since 0.4.0
 */
export type Input<A = object> = Connection & { readonly json: boolean } & A

/**
 * The page a list's flags ask for.
 *
 * @category output
 * @since 0.4.0
 */
export const page = (flags: PageFlags) => ({
  limit: Option.getOrUndefined(flags.limit),
  cursor: Option.getOrUndefined(flags.cursor)
})

/**
 * Prints a resource: the API's JSON with `--json`, else the human lines.
 *
 * @category output
 * @since 0.4.0
 */
export const printer = <S extends Schema.Top & { readonly EncodingServices: never }>(
  schema: S,
  human: (value: S["Type"]) => ReadonlyArray<string>
) =>
(value: S["Type"], asJson: boolean) =>
  Console.log(asJson ? JSON.stringify(Schema.encodeSync(schema)(value), null, 2) : human(value).join("\n"))

interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly nextCursor?: string | null | undefined
}

/**
 * Prints a page: one line per item, and how to ask for the next page.
 *
 * @category output
 * @since 0.4.0
 */
export const pagePrinter = <S extends Schema.Top & { readonly EncodingServices: never }, A>(
  schema: S,
  noun: string,
  line: (item: A) => string
) =>
  printer(schema, (value) => {
    const { items, nextCursor } = value as Page<A>
    return [
      ...(items.length === 0 ? [`no ${noun}`] : items.map(line)),
      ...(nextCursor === undefined || nextCursor === null ? [] : [`next page: --cursor ${nextCursor}`])
    ]
  })

/**
 * A date as the human output shows it (ISO 8601, UTC).
 *
 * @category output
 * @since 0.4.0
 */
export const iso = (date: DateTime.Utc) => DateTime.formatIso(date)
/**
 * One named line of a resource's human output.
 *
 * @category output
 * @since 0.4.0
 */
export const field = (name: string, value: string) => `  ${name.padEnd(14)} ${value}`
/**
 * A named line, or none when the value is absent.
 *
 * @category output
 * @since 0.4.0
 */
export const optional = (name: string, value: string | null | undefined) =>
  value === undefined || value === null ? [] : [field(name, value)]

/**
 * A body built from flags, in wire form, checked as the server would check
 * it: a `CliFailure` with every broken field's pointer otherwise.
 *
 * @category output
 * @since 0.4.0
 */
export const decodeBody = <S extends Schema.Top & { readonly DecodingServices: never }>(
  schema: S,
  wire: unknown,
  what: string
) => {
  const decoded = StrictDecoder.make(schema).decode(wire)
  return decoded._tag === "Failure"
    ? Effect.fail(new CliFailure({ message: `invalid ${what}:\n${formatDetails(decoded.failure)}` }))
    : Effect.succeed(decoded.success as S["Type"])
}

const deleted = (asJson: boolean, noun: string, id: string) =>
  Console.log(asJson ? JSON.stringify({ deleted: id }) : `Deleted ${noun} ${id}`)

// Merchant accounts

const printMerchantAccount = (verb: string) =>
  printer(MerchantAccountModels.MerchantAccount, (account) => [
    `${verb} merchant account ${account.id}`,
    field("display name", account.displayName),
    field("created at", iso(account.createdAt))
  ])

const printMerchantAccounts = pagePrinter(
  MerchantAccountModels.MerchantAccounts,
  "merchant accounts",
  (account: MerchantAccountModels.MerchantAccount) => `${account.id}  ${account.displayName}`
)

/**
 * `merchant-accounts create`.
 *
 * @category commands
 * @since 0.2.0
 */
export const merchantAccountCreate = Effect.fnUntraced(function*(
  input: Input<{ readonly id: string; readonly displayName: string }>
) {
  const body = yield* decodeBody(
    MerchantAccountModels.MerchantAccountCreate,
    { id: input.id, display_name: input.displayName },
    "merchant account"
  )
  const account = yield* withClient(input, (client) => client.merchantAccounts.create(body))
  yield* printMerchantAccount("Created")(account, input.json)
})

/**
 * `merchant-accounts get`.
 *
 * @category commands
 * @since 0.2.0
 */
export const merchantAccountGet = Effect.fnUntraced(function*(input: Input<{ readonly id: string }>) {
  const account = yield* withClient(input, (client) => client.merchantAccounts.get(input.id))
  yield* printMerchantAccount("Found")(account, input.json)
})

/**
 * `merchant-accounts list`.
 *
 * @category commands
 * @since 0.2.0
 */
export const merchantAccountList = Effect.fnUntraced(function*(
  input: Input<PageFlags & { readonly search: Option.Option<string> }>
) {
  const accounts = yield* withClient(
    input,
    (client) => client.merchantAccounts.list({ ...page(input), search: Option.getOrUndefined(input.search) })
  )
  yield* printMerchantAccounts(accounts, input.json)
})

// Payment services

/**
 * The payment service `payment-services create` configures without flags:
 * the mock card connector, with the test merchant's credentials, for USD in
 * the US.
 *
 * @category constants
 * @since 0.2.0
 */
export const mockCardDefaults = {
  displayName: "Mock Card",
  fields: { merchant_id: "test" },
  currencies: ["USD"],
  countries: ["US"]
} as const

const printPaymentService = (verb: string) =>
  printer(PaymentServiceModels.PaymentService, (service) => [
    `${verb} payment service ${service.id ?? "(no id)"}`,
    field("definition", service.paymentServiceDefinitionId),
    field("display name", service.displayName),
    field("method", service.method),
    field("currencies", service.acceptedCurrencies.join(", ")),
    field("countries", service.acceptedCountries.join(", ")),
    field("active", service.active === false ? "no" : "yes")
  ])

const printPaymentServices = pagePrinter(
  PaymentServiceModels.PaymentServices,
  "payment services",
  (service: PaymentServiceModels.PaymentService) =>
    `${service.id ?? "(no id)"}  ${service.paymentServiceDefinitionId}  ${service.displayName}`
)

const list = (value: Option.Option<string>) =>
  Option.map(value, (text) => text.split(",").map((item) => item.trim()).filter((item) => item !== ""))

/**
 * `payment-services create`.
 *
 * @category commands
 * @since 0.2.0
 */
export const paymentServiceCreate = Effect.fnUntraced(function*(
  input: Input<{
    readonly definition: string
    readonly displayName: Option.Option<string>
    readonly currency: Option.Option<string>
    readonly country: Option.Option<string>
    readonly field: Record<string, string>
  }>
) {
  const mockCard = input.definition === "mock-card"
  const currencies = Option.getOrUndefined(list(input.currency)) ?? (mockCard ? mockCardDefaults.currencies : undefined)
  const countries = Option.getOrUndefined(list(input.country)) ?? (mockCard ? mockCardDefaults.countries : undefined)
  if (currencies === undefined || countries === undefined) {
    return yield* new CliFailure({
      message: `--currency and --country are required for the definition ${input.definition}`,
      hint: "only mock-card has defaults (USD, US); see 'checkout-kit payment-services create --help'",
      usage: true
    })
  }
  const fields = Object.keys(input.field).length > 0 ? input.field : mockCard ? mockCardDefaults.fields : {}
  const body = yield* decodeBody(PaymentServiceModels.PaymentServiceCreate, {
    display_name: Option.getOrElse(input.displayName, () => mockCard ? mockCardDefaults.displayName : input.definition),
    payment_service_definition_id: input.definition,
    fields: Object.entries(fields).map(([key, value]) => ({ key, value })),
    accepted_currencies: currencies,
    accepted_countries: countries
  }, "payment service")
  const service = yield* withClient(input, (client) => client.paymentServices.create(body))
  yield* printPaymentService("Created")(service, input.json)
})

/**
 * `payment-services get`.
 *
 * @category commands
 * @since 0.2.0
 */
export const paymentServiceGet = Effect.fnUntraced(function*(input: Input<{ readonly id: string }>) {
  const service = yield* withClient(input, (client) => client.paymentServices.get(input.id))
  yield* printPaymentService("Found")(service, input.json)
})

/**
 * `payment-services list`.
 *
 * @category commands
 * @since 0.2.0
 */
export const paymentServiceList = Effect.fnUntraced(function*(input: Input<PageFlags>) {
  const services = yield* withClient(input, (client) => client.paymentServices.list(page(input)))
  yield* printPaymentServices(services, input.json)
})

/**
 * `payment-services delete`.
 *
 * @category commands
 * @since 0.2.0
 */
export const paymentServiceDelete = Effect.fnUntraced(function*(input: Input<{ readonly id: string }>) {
  yield* withClient(input, (client) => client.paymentServices.delete(input.id))
  yield* deleted(input.json, "payment service", input.id)
})

// Buyers

const printBuyer = (verb: string) =>
  printer(BuyerResource.Buyer, (buyer) => [
    `${verb} buyer ${buyer.id}`,
    ...optional("display name", buyer.displayName),
    ...optional("external id", buyer.externalIdentifier),
    field("created at", iso(buyer.createdAt))
  ])

const printBuyers = pagePrinter(
  BuyerResource.Buyers,
  "buyers",
  (buyer: BuyerResource.Buyer) =>
    [buyer.id, buyer.displayName ?? "", buyer.externalIdentifier ?? ""].join("  ").trimEnd()
)

/**
 * The flags that set a buyer's fields.
 *
 * @category models
 * @since 0.2.0
 */
export interface BuyerFlags {
  readonly displayName: Option.Option<string>
  readonly externalIdentifier: Option.Option<string>
}

const buyerWire = (flags: BuyerFlags) => ({
  ...(Option.isSome(flags.displayName) ? { display_name: flags.displayName.value } : {}),
  ...(Option.isSome(flags.externalIdentifier) ? { external_identifier: flags.externalIdentifier.value } : {})
})

/**
 * `buyers create`.
 *
 * @category commands
 * @since 0.2.0
 */
export const buyerCreate = Effect.fnUntraced(function*(input: Input<BuyerFlags>) {
  const body = yield* decodeBody(BuyerCreate, buyerWire(input), "buyer")
  const buyer = yield* withClient(input, (client) => client.buyers.create(body))
  yield* printBuyer("Created")(buyer, input.json)
})

/**
 * `buyers get`.
 *
 * @category commands
 * @since 0.2.0
 */
export const buyerGet = Effect.fnUntraced(function*(input: Input<{ readonly id: string }>) {
  const buyer = yield* withClient(input, (client) => client.buyers.get(input.id))
  yield* printBuyer("Found")(buyer, input.json)
})

/**
 * `buyers list`.
 *
 * @category commands
 * @since 0.2.0
 */
export const buyerList = Effect.fnUntraced(function*(
  input: Input<
    PageFlags & { readonly search: Option.Option<string>; readonly externalIdentifier: Option.Option<string> }
  >
) {
  const buyers = yield* withClient(input, (client) =>
    client.buyers.list({
      ...page(input),
      search: Option.getOrUndefined(input.search),
      externalIdentifier: Option.getOrUndefined(input.externalIdentifier)
    }))
  yield* printBuyers(buyers, input.json)
})

/**
 * `buyers update`.
 *
 * @category commands
 * @since 0.2.0
 */
export const buyerUpdate = Effect.fnUntraced(function*(input: Input<BuyerFlags & { readonly id: string }>) {
  const wire = buyerWire(input)
  if (Object.keys(wire).length === 0) {
    return yield* new CliFailure({
      message: "nothing to update: give --display-name or --external-identifier",
      hint: "see 'checkout-kit buyers update --help'",
      usage: true
    })
  }
  const body = yield* decodeBody(BuyerUpdate, wire, "buyer")
  const buyer = yield* withClient(input, (client) => client.buyers.update(input.id, body))
  yield* printBuyer("Updated")(buyer, input.json)
})

/**
 * `buyers delete`.
 *
 * @category commands
 * @since 0.2.0
 */
export const buyerDelete = Effect.fnUntraced(function*(input: Input<{ readonly id: string }>) {
  yield* withClient(input, (client) => client.buyers.delete(input.id))
  yield* deleted(input.json, "buyer", input.id)
})

// Payment methods

/**
 * A card as the user may see it (a stored one, a transaction's): scheme, BIN,
 * last four, expiry; never more of the number.
 *
 * @category output
 * @since 0.4.0
 */
export const cardLine = (
  method: Pick<PaymentMethodResource.PaymentMethod, "method" | "scheme" | "details" | "label" | "expirationDate">
) =>
  [
    method.scheme ?? method.method,
    ...(method.details?.bin === undefined || method.details.bin === null ? [] : [`BIN ${method.details.bin}`]),
    ...(method.label === undefined || method.label === null ? [] : [`····${method.label}`]),
    ...(method.expirationDate === undefined || method.expirationDate === null
      ? []
      : [`expires ${method.expirationDate}`])
  ].join("  ")

const printPaymentMethod = (verb: string) =>
  printer(PaymentMethodResource.PaymentMethod, (method) => [
    `${verb} payment method ${method.id}`,
    field(method.method, cardLine(method)),
    field("status", method.status),
    ...optional("buyer", method.buyer?.id),
    ...optional("external id", method.externalIdentifier)
  ])

const printPaymentMethods = pagePrinter(
  PaymentMethodResource.PaymentMethods,
  "payment methods",
  (method: PaymentMethodResource.PaymentMethod) => `${method.id}  ${cardLine(method)}  ${method.status}`
)

/**
 * The flags of `payment-methods create`: a card (`--card`, `--expiry`,
 * `--security-code`) or a checkout session's card (`--session`), and its
 * owner.
 *
 * @category models
 * @since 0.2.0
 */
export interface PaymentMethodFlags {
  readonly card: Option.Option<Redacted.Redacted<string>>
  readonly expiry: Option.Option<string>
  readonly securityCode: Option.Option<Redacted.Redacted<string>>
  readonly session: Option.Option<string>
  readonly buyerId: Option.Option<string>
  readonly externalIdentifier: Option.Option<string>
}

const usage = (message: string) =>
  new CliFailure({ message, hint: "see 'checkout-kit payment-methods create --help'", usage: true })

// The wire body of `payment-methods create` from its flags; the card's digits go only into it.
const paymentMethodWire = (flags: PaymentMethodFlags) => {
  const owner = {
    ...(Option.isSome(flags.buyerId) ? { buyer_id: flags.buyerId.value } : {}),
    ...(Option.isSome(flags.externalIdentifier) ? { external_identifier: flags.externalIdentifier.value } : {})
  }
  if (Option.isSome(flags.session)) {
    if (Option.isSome(flags.card) || Option.isSome(flags.expiry) || Option.isSome(flags.securityCode)) {
      return Effect.fail(
        usage("--session stores the session's card: give it without --card, --expiry, --security-code")
      )
    }
    return Effect.succeed({ method: "checkout-session", id: flags.session.value, ...owner })
  }
  if (Option.isNone(flags.card)) return Effect.fail(usage("give --card <number> --expiry MM/YY, or --session <id>"))
  if (Option.isNone(flags.expiry)) return Effect.fail(usage("--card needs --expiry MM/YY"))
  return Effect.succeed({
    method: "card",
    number: Redacted.value(flags.card.value),
    expiration_date: flags.expiry.value,
    ...(Option.isSome(flags.securityCode) ? { security_code: Redacted.value(flags.securityCode.value) } : {}),
    ...owner
  })
}

/**
 * `payment-methods create`.
 *
 * @category commands
 * @since 0.2.0
 */
export const paymentMethodCreate = Effect.fnUntraced(function*(input: Input<PaymentMethodFlags>) {
  const wire = yield* paymentMethodWire(input)
  const schema = wire.method === "card"
    ? PaymentMethodResource.CardPaymentMethodCreate
    : PaymentMethodResource.CheckoutSessionPaymentMethodCreate
  const body = yield* decodeBody(schema, wire, wire.method === "card" ? "card" : "payment method")
  const method = yield* withClient(input, (client) => client.paymentMethods.create(body))
  yield* printPaymentMethod("Stored")(method, input.json)
})

/**
 * `payment-methods get`.
 *
 * @category commands
 * @since 0.2.0
 */
export const paymentMethodGet = Effect.fnUntraced(function*(input: Input<{ readonly id: string }>) {
  const method = yield* withClient(input, (client) => client.paymentMethods.get(input.id))
  yield* printPaymentMethod("Found")(method, input.json)
})

/**
 * `payment-methods list`.
 *
 * @category commands
 * @since 0.2.0
 */
export const paymentMethodList = Effect.fnUntraced(function*(
  input: Input<PageFlags & { readonly buyerId: Option.Option<string> }>
) {
  const methods = yield* withClient(
    input,
    (client) => client.paymentMethods.list({ ...page(input), buyerId: Option.getOrUndefined(input.buyerId) })
  )
  yield* printPaymentMethods(methods, input.json)
})

/**
 * `payment-methods delete`.
 *
 * @category commands
 * @since 0.2.0
 */
export const paymentMethodDelete = Effect.fnUntraced(function*(input: Input<{ readonly id: string }>) {
  yield* withClient(input, (client) => client.paymentMethods.delete(input.id))
  yield* deleted(input.json, "payment method", input.id)
})
