/**
 * The `checkout-kit` command line: sessions create / get / update / delete /
 * fields; the payments resources (`merchant-accounts`, `payment-services`,
 * `buyers`, `payment-methods`, `transactions`); `token` to mint a bearer token for curl, and
 * `contract` to check a server against the contract.
 *
 * Defaults point at a local mock server: `http://127.0.0.1:4010` and the
 * private key it keeps in `.checkout-mock/private-key.pem`. Flags, then the
 * environment (`CHECKOUT_KIT_URL`, `CHECKOUT_KIT_PRIVATE_KEY`,
 * `CHECKOUT_KIT_MERCHANT_ACCOUNT`), override them.
 *
 * @since 0.1.0
 */
import { lifetime as lifetimeFlag, verbose } from "@checkout-kit/domain/CommandLine"
import { Config, Effect } from "effect"
import { Argument, Command, Flag } from "effect/cli"

// What the commands do, loaded when one runs: `--help` and usage errors do not pay for it.
const handlers = Effect.promise(() => import("./CliCommands.ts"))
const payments = Effect.promise(() => import("./CliPayments.ts"))
const transactionHandlers = Effect.promise(() => import("./CliTransactions.ts"))

export {
  /**
   * A failure the user can fix: its message (and hint) is printed on stderr,
   * the process exits 1.
   *
   * @category errors
   * @since 0.1.0
   */
  CliFailure
} from "@checkout-kit/domain/CommandLine"

const defaultDataDir = ".checkout-mock"
const defaultServer = "http://127.0.0.1:4010"

const server = Flag.String("server").pipe(
  Flag.withDescription(`Base URL of the API (env CHECKOUT_KIT_URL, default ${defaultServer})`),
  Flag.withFallbackConfig(Config.String("CHECKOUT_KIT_URL")),
  Flag.filter((url) => URL.canParse(url), (url) => `--server takes a URL such as ${defaultServer}, not ${url}`),
  Flag.withDefault(defaultServer)
)
const privateKey = Flag.String("private-key").pipe(
  Flag.withDescription("PEM file of the merchant's private key (env CHECKOUT_KIT_PRIVATE_KEY)"),
  Flag.withFallbackConfig(Config.String("CHECKOUT_KIT_PRIVATE_KEY")),
  Flag.optional
)
const dataDir = Flag.String("data-dir").pipe(
  Flag.withDescription(
    `The mock's data directory, whose private-key.pem signs (env CHECKOUT_MOCK_DATA_DIR, default: the nearest ${defaultDataDir} in this directory or a parent)`
  ),
  Flag.withFallbackConfig(Config.String("CHECKOUT_MOCK_DATA_DIR")),
  Flag.optional
)
const unsigned = Flag.Boolean("unsigned").pipe(
  Flag.withDescription("Send no bearer token (a server without auth, e.g. the mock with --auth off)"),
  Flag.withDefault(false)
)
const merchantAccount = Flag.String("merchant-account").pipe(
  Flag.withDescription("x-gr4vy-merchant-account-id (env CHECKOUT_KIT_MERCHANT_ACCOUNT)"),
  Flag.withFallbackConfig(Config.String("CHECKOUT_KIT_MERCHANT_ACCOUNT")),
  Flag.optional
)
const json = Flag.Boolean("json").pipe(Flag.withDescription("Print JSON for scripts"), Flag.withDefault(false))

const connectionFlags = { server, privateKey, dataDir, unsigned, merchantAccount } as const

const sessionId = Argument.String("id").pipe(Argument.withDescription("The checkout session id"))
const file = Flag.String("file").pipe(Flag.withDescription("A JSON body in the API's wire form"), Flag.optional)

const create = Command.make(
  "create",
  { ...connectionFlags, json, file },
  (input) => Effect.flatMap(handlers, (h) => h.create(input))
).pipe(Command.withDescription("Create a checkout session (from --file, or empty)"))

const get = Command.make(
  "get",
  { ...connectionFlags, json, id: sessionId },
  (input) => Effect.flatMap(handlers, (h) => h.get(input))
).pipe(Command.withDescription("Read a checkout session"))

const update = Command.make(
  "update",
  { ...connectionFlags, json, id: sessionId, file: Flag.String("file").pipe(Flag.withDescription("A JSON body in the API's wire form")) },
  (input) => Effect.flatMap(handlers, (h) => h.update(input))
).pipe(Command.withDescription("Update a checkout session with the fields of --file"))

const remove = Command.make(
  "delete",
  { ...connectionFlags, json, id: sessionId },
  (input) => Effect.flatMap(handlers, (h) => h.remove(input))
).pipe(Command.withDescription("Delete a checkout session"))

const fields = Command.make(
  "fields",
  {
    ...connectionFlags,
    json,
    id: sessionId,
    cardNumber: Flag.String("card-number").pipe(Flag.withDescription("The card number (never printed)")),
    expiry: Flag.String("expiry").pipe(Flag.withDescription("MM/YY")),
    cvv: Flag.String("cvv").pipe(Flag.withDescription("The security code (never printed)"), Flag.optional)
  },
  (input) => Effect.flatMap(handlers, (h) => h.fields(input))
).pipe(Command.withDescription("Attach a card to a session through secure fields"))

const sessions = Command.make("sessions").pipe(
  Command.withDescription("Create, read, update and delete checkout sessions"),
  Command.withSubcommands([create, get, update, remove, fields])
)

const limit = Flag.Int("limit").pipe(
  Flag.withDescription("Items per page, 1 to 100 (the server's default 20)"),
  Flag.filter((n) => n >= 1 && n <= 100, (n) => `--limit takes 1 to 100, not ${n}`),
  Flag.optional
)
const cursor = Flag.String("cursor").pipe(
  Flag.withDescription("The page to read: the 'next page: --cursor …' of the previous one"),
  Flag.optional
)
const pageFlags = { limit, cursor } as const
const idOf = (what: string) => Argument.String("id").pipe(Argument.withDescription(`The ${what} id`))

const merchantAccounts = Command.make("merchant-accounts").pipe(
  Command.withDescription("Create, read and list merchant accounts"),
  Command.withSubcommands([
    Command.make(
      "create",
      {
        ...connectionFlags,
        json,
        id: Flag.String("id").pipe(Flag.withDescription("The new account's id: letters, digits and dashes")),
        displayName: Flag.String("display-name").pipe(Flag.withDescription("The account's name"))
      },
      (input) => Effect.flatMap(payments, (h) => h.merchantAccountCreate(input))
    ).pipe(Command.withDescription("Create a merchant account")),
    Command.make(
      "get",
      { ...connectionFlags, json, id: idOf("merchant account") },
      (input) => Effect.flatMap(payments, (h) => h.merchantAccountGet(input))
    ).pipe(Command.withDescription("Read a merchant account")),
    Command.make(
      "list",
      {
        ...connectionFlags,
        json,
        ...pageFlags,
        search: Flag.String("search").pipe(Flag.withDescription("Only the accounts that match"), Flag.optional)
      },
      (input) => Effect.flatMap(payments, (h) => h.merchantAccountList(input))
    ).pipe(Command.withDescription("List merchant accounts, a page at a time"))
  ])
)

const paymentServices = Command.make("payment-services").pipe(
  Command.withDescription("Configure, read, list and delete the merchant account's payment services"),
  Command.withSubcommands([
    Command.make(
      "create",
      {
        ...connectionFlags,
        json,
        definition: Flag.String("definition").pipe(
          Flag.withDescription("The payment service definition (default mock-card)"),
          Flag.withDefault("mock-card")
        ),
        displayName: Flag.String("display-name").pipe(
          Flag.withDescription("The service's name (default: Mock Card for mock-card)"),
          Flag.optional
        ),
        currency: Flag.String("currency").pipe(
          Flag.withDescription("Accepted currencies, comma-separated (default USD for mock-card)"),
          Flag.optional
        ),
        country: Flag.String("country").pipe(
          Flag.withDescription("Accepted countries, comma-separated (default US for mock-card)"),
          Flag.optional
        ),
        field: Flag.KeyValuePair("field").pipe(
          Flag.withDescription("A credential, key=value, repeatable (default merchant_id=test for mock-card)"),
          Flag.withDefault({})
        )
      },
      (input) => Effect.flatMap(payments, (h) => h.paymentServiceCreate(input))
    ).pipe(Command.withDescription("Configure a payment service (mock-card with its test defaults unless told)")),
    Command.make(
      "get",
      { ...connectionFlags, json, id: idOf("payment service") },
      (input) => Effect.flatMap(payments, (h) => h.paymentServiceGet(input))
    ).pipe(Command.withDescription("Read a payment service")),
    Command.make(
      "list",
      { ...connectionFlags, json, ...pageFlags },
      (input) => Effect.flatMap(payments, (h) => h.paymentServiceList(input))
    ).pipe(Command.withDescription("List payment services, a page at a time")),
    Command.make(
      "delete",
      { ...connectionFlags, json, id: idOf("payment service") },
      (input) => Effect.flatMap(payments, (h) => h.paymentServiceDelete(input))
    ).pipe(Command.withDescription("Delete a payment service"))
  ])
)

const buyerFields = {
  displayName: Flag.String("display-name").pipe(Flag.withDescription("The buyer's name"), Flag.optional),
  externalIdentifier: Flag.String("external-identifier").pipe(
    Flag.withDescription("The merchant's own id of the buyer"),
    Flag.optional
  )
} as const

const buyers = Command.make("buyers").pipe(
  Command.withDescription("Create, read, list, update and delete the merchant account's buyers"),
  Command.withSubcommands([
    Command.make(
      "create",
      { ...connectionFlags, json, ...buyerFields },
      (input) => Effect.flatMap(payments, (h) => h.buyerCreate(input))
    ).pipe(Command.withDescription("Create a buyer")),
    Command.make(
      "get",
      { ...connectionFlags, json, id: idOf("buyer") },
      (input) => Effect.flatMap(payments, (h) => h.buyerGet(input))
    ).pipe(Command.withDescription("Read a buyer")),
    Command.make(
      "list",
      {
        ...connectionFlags,
        json,
        ...pageFlags,
        search: Flag.String("search").pipe(
          Flag.withDescription("Only the buyers whose display name or external identifier matches"),
          Flag.optional
        ),
        externalIdentifier: Flag.String("external-identifier").pipe(
          Flag.withDescription("Only the buyer with this external identifier"),
          Flag.optional
        )
      },
      (input) => Effect.flatMap(payments, (h) => h.buyerList(input))
    ).pipe(Command.withDescription("List buyers, a page at a time")),
    Command.make(
      "update",
      { ...connectionFlags, json, id: idOf("buyer"), ...buyerFields },
      (input) => Effect.flatMap(payments, (h) => h.buyerUpdate(input))
    ).pipe(Command.withDescription("Change a buyer's display name or external identifier")),
    Command.make(
      "delete",
      { ...connectionFlags, json, id: idOf("buyer") },
      (input) => Effect.flatMap(payments, (h) => h.buyerDelete(input))
    ).pipe(Command.withDescription("Delete a buyer"))
  ])
)

const buyerId = Flag.String("buyer-id").pipe(
  Flag.withDescription("The buyer the payment method belongs to"),
  Flag.optional
)

const paymentMethods = Command.make("payment-methods").pipe(
  Command.withDescription("Store, read, list and delete the merchant account's payment methods"),
  Command.withSubcommands([
    Command.make(
      "create",
      {
        ...connectionFlags,
        json,
        card: Flag.Redacted("card").pipe(
          Flag.withDescription("The card number to store (never printed)"),
          Flag.optional
        ),
        expiry: Flag.String("expiry").pipe(Flag.withDescription("The card's expiry, MM/YY"), Flag.optional),
        securityCode: Flag.Redacted("security-code").pipe(
          Flag.withDescription("The card's security code (never printed)"),
          Flag.optional
        ),
        session: Flag.String("session").pipe(
          Flag.withDescription("Store the card of this checkout session instead"),
          Flag.optional
        ),
        buyerId,
        externalIdentifier: Flag.String("external-identifier").pipe(
          Flag.withDescription("The merchant's own id of the payment method"),
          Flag.optional
        )
      },
      (input) => Effect.flatMap(payments, (h) => h.paymentMethodCreate(input))
    ).pipe(Command.withDescription(
      "Store a card (--card --expiry [--security-code]) or a checkout session's card (--session); " +
        "prints scheme, BIN and last four"
    )),
    Command.make(
      "get",
      { ...connectionFlags, json, id: idOf("payment method") },
      (input) => Effect.flatMap(payments, (h) => h.paymentMethodGet(input))
    ).pipe(Command.withDescription("Read a stored payment method")),
    Command.make(
      "list",
      { ...connectionFlags, json, ...pageFlags, buyerId },
      (input) => Effect.flatMap(payments, (h) => h.paymentMethodList(input))
    ).pipe(Command.withDescription("List stored payment methods (of one buyer with --buyer-id), a page at a time")),
    Command.make(
      "delete",
      { ...connectionFlags, json, id: idOf("payment method") },
      (input) => Effect.flatMap(payments, (h) => h.paymentMethodDelete(input))
    ).pipe(Command.withDescription("Delete a stored payment method"))
  ])
)

const amount = (description: string) =>
  Flag.Int("amount").pipe(
    Flag.withDescription(description),
    Flag.filter((n) => n >= 0, (n) => `--amount takes an amount in minor units (1299 is 12.99), not ${n}`)
  )
const idempotencyKey = Flag.String("idempotency-key").pipe(
  Flag.withDescription("Sent as Idempotency-Key: the same key again is answered as the first request was"),
  Flag.optional
)

const transactions = Command.make("transactions").pipe(
  Command.withDescription("Create, read, list, capture, void and refund the merchant account's transactions"),
  Command.withSubcommands([
    Command.make(
      "create",
      {
        ...connectionFlags,
        json,
        amount: amount("The amount in minor units (1299 is 12.99)"),
        currency: Flag.String("currency").pipe(Flag.withDescription("ISO 4217 currency, e.g. USD")),
        session: Flag.String("session").pipe(
          Flag.withDescription("Pay with this checkout session's card"),
          Flag.optional
        ),
        card: Flag.Redacted("card").pipe(Flag.withDescription("Pay with this card number (never printed)"), Flag.optional),
        expiry: Flag.String("expiry").pipe(Flag.withDescription("The card's expiry, MM/YY"), Flag.optional),
        securityCode: Flag.Redacted("security-code").pipe(
          Flag.withDescription("The card's security code (never printed)"),
          Flag.optional
        ),
        paymentMethod: Flag.String("payment-method").pipe(
          Flag.withDescription("Pay with this stored payment method's id"),
          Flag.optional
        ),
        intent: Flag.Literals("intent", ["authorize", "capture"]).pipe(
          Flag.withDescription("authorize (capture later) or capture at once"),
          Flag.withDefault("authorize" as const)
        ),
        idempotencyKey,
        buyerId: Flag.String("buyer-id").pipe(Flag.withDescription("The stored buyer paying"), Flag.optional),
        externalIdentifier: Flag.String("external-identifier").pipe(
          Flag.withDescription("The merchant's own id of the transaction"),
          Flag.optional
        )
      },
      (input) => Effect.flatMap(transactionHandlers, (h) => h.transactionCreate(input))
    ).pipe(Command.withDescription(
      "Create a transaction paid by --session, --card --expiry [--security-code] or --payment-method; " +
        "exit 1 when it is declined"
    )),
    Command.make(
      "get",
      { ...connectionFlags, json, id: idOf("transaction") },
      (input) => Effect.flatMap(transactionHandlers, (h) => h.transactionGet(input))
    ).pipe(Command.withDescription("Read a transaction")),
    Command.make(
      "list",
      {
        ...connectionFlags,
        json,
        ...pageFlags,
        // The domain's TransactionStatus, spelt out: the command line does not load the schemas before a command runs.
        status: Flag.Literals("status", [
          "processing",
          "authorization_succeeded",
          "authorization_declined",
          "authorization_failed",
          "authorization_voided",
          "authorization_void_pending",
          "capture_succeeded",
          "capture_pending",
          "buyer_approval_pending"
        ]).pipe(Flag.withDescription("Only the transactions in this status"), Flag.optional)
      },
      (input) => Effect.flatMap(transactionHandlers, (h) => h.transactionList(input))
    ).pipe(Command.withDescription("List transactions, newest first, a page at a time")),
    Command.make(
      "capture",
      {
        ...connectionFlags,
        json,
        id: idOf("transaction"),
        amount: amount("Capture this part (default: all that is left)").pipe(Flag.optional),
        final: Flag.Boolean("final").pipe(
          Flag.withDescription("With --amount: the last capture, the rest is released"),
          Flag.withDefault(false)
        )
      },
      (input) => Effect.flatMap(transactionHandlers, (h) => h.transactionCapture(input))
    ).pipe(Command.withDescription("Capture an authorized transaction, in full or in part")),
    Command.make(
      "void",
      { ...connectionFlags, json, id: idOf("transaction") },
      (input) => Effect.flatMap(transactionHandlers, (h) => h.transactionVoid(input))
    ).pipe(Command.withDescription("Void an authorization before any capture")),
    Command.make(
      "refund",
      {
        ...connectionFlags,
        json,
        id: idOf("transaction"),
        amount: amount("Refund this part (default: all that is left to refund)").pipe(Flag.optional),
        reason: Flag.String("reason").pipe(Flag.withDescription("Why, up to 100 characters"), Flag.optional),
        all: Flag.Boolean("all").pipe(
          Flag.withDescription("Refund everything, gift cards included (refunds/all)"),
          Flag.withDefault(false)
        ),
        idempotencyKey
      },
      (input) => Effect.flatMap(transactionHandlers, (h) => h.transactionRefund(input))
    ).pipe(Command.withDescription("Refund a captured transaction, in part (--amount), what is left, or all (--all)")),
    Command.make(
      "refunds",
      { ...connectionFlags, json, id: idOf("transaction") },
      (input) => Effect.flatMap(transactionHandlers, (h) => h.transactionRefunds(input))
    ).pipe(Command.withDescription("List a transaction's refunds")),
    Command.make(
      "events",
      { ...connectionFlags, json, id: idOf("transaction") },
      (input) => Effect.flatMap(transactionHandlers, (h) => h.transactionEvents(input))
    ).pipe(Command.withDescription("What happened to a transaction, oldest first"))
  ])
)

const token = Command.make(
  "token",
  {
    privateKey,
    dataDir,
    json,
    scopes: Flag.String("scopes").pipe(Flag.withDescription("Comma-separated scopes"), Flag.withDefault("*.read,*.write")),
    session: Flag.String("session").pipe(Flag.withDescription("Pin the token to one checkout session"), Flag.optional),
    lifetime: lifetimeFlag
  },
  (input) => Effect.flatMap(handlers, (h) => h.token(input))
).pipe(Command.withDescription("Mint a bearer token for curl, signed with the private key"))

const contract = Command.make(
  "contract",
  {
    ...connectionFlags,
    json: Flag.Boolean("json").pipe(Flag.withDescription("Print the JSON report on stdout instead of the summary"), Flag.withDefault(false)),
    runs: Flag.Int("runs").pipe(
      Flag.withDescription("Valid and invalid bodies to send, each; with --stateful, sequences to run"),
      Flag.filter((runs) => runs >= 1, (runs) => `--runs takes a positive integer, not ${runs}`),
      Flag.withDefault(100)
    ),
    seed: Flag.Int("seed").pipe(Flag.withDescription("fast-check seed (default: random, printed)"), Flag.optional),
    report: Flag.String("report").pipe(Flag.withDescription("Write the JSON report, every mismatch with seed and body"), Flag.optional),
    stateful: Flag.Boolean("stateful").pipe(
      Flag.withDescription("Run sequences of operations checked against the model of the API, in their own merchant account"),
      Flag.withDefault(false)
    ),
    maxCommands: Flag.Int("max-commands").pipe(
      Flag.withDescription("With --stateful: the longest sequence"),
      Flag.filter((n) => n >= 1, (n) => `--max-commands takes a positive integer, not ${n}`),
      Flag.withDefault(20)
    ),
    clock: Flag.Boolean("clock").pipe(
      Flag.withDescription("With --stateful: also move the run's merchant account's clock (POST /_mock/clock)"),
      Flag.withDefault(false)
    ),
    replay: Flag.String("replay").pipe(
      Flag.withDescription("With --stateful and --seed: the report's replay string, to run its counterexample again"),
      Flag.optional
    )
  },
  (input) => Effect.flatMap(handlers, (h) => h.contract(input))
).pipe(Command.withDescription("Drive a server with fixtures and check it honours the contract (exit 1 on any mismatch)"))

/**
 * The root command.
 *
 * @category cli
 * @since 0.1.0
 */
export const root = Command.make("checkout-kit").pipe(
  Command.withDescription("Call the Checkout Sessions and payments APIs and check servers against the contract"),
  Command.withSubcommands([
    sessions,
    merchantAccounts,
    paymentServices,
    buyers,
    paymentMethods,
    transactions,
    token,
    contract
  ]),
  Command.withGlobalFlags([verbose])
)
