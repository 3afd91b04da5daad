/**
 * What `checkout-kit transactions` does, loaded only when one of its commands
 * runs (`Cli.ts` defines the commands and their flags): create a transaction
 * (with a checkout session's card, a card given on the command line, or a
 * stored payment method), read and list them, capture, void and refund them,
 * and show a transaction's events. Human output by default, the API's wire
 * JSON with `--json`.
 *
 * A transaction the payment service declined (or failed) is a failure for the
 * command line: exit 1, its id, status and error code on stderr. So is a
 * capture, void or refund that did not succeed. A card number or security
 * code given on the command line is never printed.
 *
 * @since 0.4.0
 */
import { CliFailure } from "@checkout-kit/domain/CommandLine"
import { Refund, Refunds, TransactionRefundAllCreate, TransactionRefundCreate } from "@checkout-kit/domain/Refund"
import { Transaction, TransactionSummaries, type TransactionSummary } from "@checkout-kit/domain/Transaction"
import { TransactionCapture, TransactionCaptureCreate, TransactionVoid } from "@checkout-kit/domain/TransactionCapture"
import { TransactionCreate } from "@checkout-kit/domain/TransactionCreate"
import { TransactionEvents } from "@checkout-kit/domain/TransactionEvent"
import { Effect, Option, Redacted } from "effect"
import { withClient } from "./CliCommands.ts"
import {
  cardLine,
  decodeBody,
  field,
  type Input,
  iso,
  optional,
  page,
  type PageFlags,
  pagePrinter,
  printer
} from "./CliPayments.ts"

const usage = (command: string) => (message: string) =>
  new CliFailure({ message, hint: `see 'checkout-kit transactions ${command} --help'`, usage: true })

const money = (amount: number, currency: string) => `${amount} ${currency}`

const transactionLines = (transaction: Transaction) => [
  field("status", transaction.status),
  field("amount", money(transaction.amount, transaction.currency)),
  field(
    "amounts",
    `authorized ${transaction.authorizedAmount}, captured ${transaction.capturedAmount}, refunded ${transaction.refundedAmount}`
  ),
  ...(transaction.paymentMethod == null ? [] : [field("card", cardLine(transaction.paymentMethod))]),
  ...optional("stored method", transaction.paymentMethod?.id),
  ...optional("error code", transaction.errorCode),
  ...optional("session", transaction.checkoutSessionId),
  ...optional("buyer", transaction.buyer?.id),
  ...optional("external id", transaction.externalIdentifier),
  field("created at", iso(transaction.createdAt))
]

const printTransaction = (verb: string) =>
  printer(Transaction, (transaction) => [`${verb} transaction ${transaction.id}`, ...transactionLines(transaction)])

const printTransactions = pagePrinter(
  TransactionSummaries,
  "transactions",
  (transaction: TransactionSummary) =>
    [
      transaction.id,
      transaction.status,
      money(transaction.amount, transaction.currency),
      ...(transaction.paymentMethod?.label == null ? [] : [`····${transaction.paymentMethod.label}`])
    ].join("  ")
)

// The outcome of an operation the payment service did not carry out: its status and codes, in one line.
const refused = (what: string, status: string, code: string | null | undefined, description?: string | null) =>
  new CliFailure({
    message: `${what} ${status}${code == null ? "" : `: ${code}`}${description == null ? "" : ` (${description})`}`
  })

const declinedStatuses = new Set(["authorization_declined", "authorization_failed"])

/**
 * The flags of `transactions create`: the amount, the currency, how to pay
 * (`--session`, `--card` with `--expiry`, or `--payment-method`), the intent
 * and the idempotency key.
 *
 * @category models
 * @since 0.4.0
 */
export interface TransactionFlags {
  readonly amount: number
  readonly currency: string
  readonly session: Option.Option<string>
  readonly card: Option.Option<Redacted.Redacted<string>>
  readonly expiry: Option.Option<string>
  readonly securityCode: Option.Option<Redacted.Redacted<string>>
  readonly paymentMethod: Option.Option<string>
  readonly intent: "authorize" | "capture"
  readonly idempotencyKey: Option.Option<string>
  readonly buyerId: Option.Option<string>
  readonly externalIdentifier: Option.Option<string>
}

// The wire payment method of `transactions create` from its flags; the card's digits go only into it.
const paymentMethodWire = (flags: TransactionFlags) => {
  const fail = usage("create")
  const given = [Option.isSome(flags.session), Option.isSome(flags.card), Option.isSome(flags.paymentMethod)]
    .filter(Boolean).length
  if (given === 0) {
    return Effect.fail(fail("give how to pay: --session <id>, --card <number> --expiry MM/YY, or --payment-method <id>"))
  }
  if (given > 1) return Effect.fail(fail("--session, --card and --payment-method pay each way: give one of them"))
  const securityCode = Option.isSome(flags.securityCode) ? { security_code: Redacted.value(flags.securityCode.value) } : {}
  if (Option.isSome(flags.session)) {
    if (Option.isSome(flags.expiry) || Option.isSome(flags.securityCode)) {
      return Effect.fail(fail("--session pays with the session's card: give it without --expiry, --security-code"))
    }
    return Effect.succeed({ method: "checkout-session", id: flags.session.value })
  }
  if (Option.isSome(flags.paymentMethod)) {
    if (Option.isSome(flags.expiry)) return Effect.fail(fail("--payment-method pays with a stored card: give no --expiry"))
    return Effect.succeed({ method: "id", id: flags.paymentMethod.value, ...securityCode })
  }
  if (Option.isNone(flags.expiry)) return Effect.fail(fail("--card needs --expiry MM/YY"))
  return Effect.succeed({
    method: "card",
    number: Redacted.value((flags.card as Option.Some<Redacted.Redacted<string>>).value),
    expiration_date: flags.expiry.value,
    ...securityCode
  })
}

/**
 * `transactions create`.
 *
 * @category commands
 * @since 0.4.0
 */
export const transactionCreate = Effect.fnUntraced(function*(input: Input<TransactionFlags>) {
  const method = yield* paymentMethodWire(input)
  const body = yield* decodeBody(TransactionCreate, {
    amount: input.amount,
    currency: input.currency,
    intent: input.intent,
    payment_method: method,
    ...(Option.isSome(input.buyerId) ? { buyer_id: input.buyerId.value } : {}),
    ...(Option.isSome(input.externalIdentifier) ? { external_identifier: input.externalIdentifier.value } : {})
  }, "transaction")
  const idempotencyKey = Option.getOrUndefined(input.idempotencyKey)
  const transaction = yield* withClient(input, (client) => client.transactions.create(body, { idempotencyKey }))
  if (declinedStatuses.has(transaction.status)) {
    return yield* refused(
      `transaction ${transaction.id}`,
      transaction.status === "authorization_declined" ? "declined" : "failed",
      transaction.errorCode,
      transaction.rawResponseDescription
    )
  }
  yield* printTransaction("Created")(transaction, input.json)
})

/**
 * `transactions get`.
 *
 * @category commands
 * @since 0.4.0
 */
export const transactionGet = Effect.fnUntraced(function*(input: Input<{ readonly id: string }>) {
  const transaction = yield* withClient(input, (client) => client.transactions.get(input.id))
  yield* printTransaction("Found")(transaction, input.json)
})

/**
 * `transactions list`.
 *
 * @category commands
 * @since 0.4.0
 */
export const transactionList = Effect.fnUntraced(function*(
  input: Input<PageFlags & { readonly status: Option.Option<Transaction["status"]> }>
) {
  const transactions = yield* withClient(input, (client) =>
    client.transactions.list({
      ...page(input),
      status: Option.match(input.status, { onNone: () => undefined, onSome: (status) => [status] })
    }))
  yield* printTransactions(transactions, input.json)
})

const printCapture = printer(TransactionCapture, (capture) => [
  `Captured transaction ${capture.transaction.id}`,
  ...optional("capture", capture.captureId),
  ...transactionLines(capture.transaction)
])

/**
 * `transactions capture`: all that is left (`--amount` a part, more captures
 * may follow unless `--final`).
 *
 * @category commands
 * @since 0.4.0
 */
export const transactionCapture = Effect.fnUntraced(function*(
  input: Input<{ readonly id: string; readonly amount: Option.Option<number>; readonly final: boolean }>
) {
  const body = yield* decodeBody(
    TransactionCaptureCreate,
    Option.match(input.amount, {
      onNone: () => ({}),
      onSome: (amount) => ({ amount, final: input.final })
    }),
    "capture"
  )
  const capture = yield* withClient(input, (client) => client.transactions.capture(input.id, body))
  if (capture.status !== "succeeded") {
    return yield* refused(`capture of transaction ${input.id}`, capture.status, capture.code, capture.rawResponseDescription)
  }
  yield* printCapture(capture, input.json)
})

const printVoid = printer(TransactionVoid, (voided) => [
  `Voided transaction ${voided.transaction.id}`,
  ...transactionLines(voided.transaction)
])

/**
 * `transactions void`.
 *
 * @category commands
 * @since 0.4.0
 */
export const transactionVoid = Effect.fnUntraced(function*(input: Input<{ readonly id: string }>) {
  const voided = yield* withClient(input, (client) => client.transactions.void(input.id))
  if (voided.status !== "succeeded") {
    return yield* refused(`void of transaction ${input.id}`, voided.status, voided.code, voided.rawResponseDescription)
  }
  yield* printVoid(voided, input.json)
})

const refundLine = (refund: Refund) =>
  [refund.id, refund.status, money(refund.amount, refund.currency), ...(refund.reason == null ? [] : [refund.reason])]
    .join("  ")

const printRefund = printer(Refund, (refund) => [
  `Refunded ${money(refund.amount, refund.currency)} of transaction ${refund.transactionId}`,
  field("refund", refund.id),
  field("status", refund.status),
  ...optional("reason", refund.reason),
  field("created at", iso(refund.createdAt))
])

const printRefunds = pagePrinter(Refunds, "refunds", refundLine)

// A refund that did not succeed: its transaction, status and codes.
const unlessRefused = (refund: Refund) =>
  refund.status === "succeeded" || refund.status === "processing"
    ? Effect.void
    : Effect.fail(refused(`refund of transaction ${refund.transactionId}`, refund.status, refund.errorCode, refund.rawResponseDescription))

/**
 * `transactions refund`: part (`--amount`), what is left, or everything
 * (`--all`, the transaction's gift cards too).
 *
 * @category commands
 * @since 0.4.0
 */
export const transactionRefund = Effect.fnUntraced(function*(
  input: Input<{
    readonly id: string
    readonly amount: Option.Option<number>
    readonly reason: Option.Option<string>
    readonly all: boolean
    readonly idempotencyKey: Option.Option<string>
  }>
) {
  const reason = Option.isSome(input.reason) ? { reason: input.reason.value } : {}
  const idempotencyKey = Option.getOrUndefined(input.idempotencyKey)
  if (input.all) {
    if (Option.isSome(input.amount)) return yield* usage("refund")("--all refunds everything: give it without --amount")
    const body = yield* decodeBody(TransactionRefundAllCreate, reason, "refund")
    const refunds = yield* withClient(
      input,
      (client) => client.transactions.refundAll(input.id, body, { idempotencyKey })
    )
    for (const refund of refunds.items) yield* unlessRefused(refund)
    return yield* printRefunds(refunds, input.json)
  }
  const body = yield* decodeBody(
    TransactionRefundCreate,
    { ...(Option.isSome(input.amount) ? { amount: input.amount.value } : {}), ...reason },
    "refund"
  )
  const refund = yield* withClient(input, (client) => client.transactions.refund(input.id, body, { idempotencyKey }))
  yield* unlessRefused(refund)
  yield* printRefund(refund, input.json)
})

/**
 * `transactions refunds`: a transaction's refunds.
 *
 * @category commands
 * @since 0.4.0
 */
export const transactionRefunds = Effect.fnUntraced(function*(input: Input<{ readonly id: string }>) {
  const refunds = yield* withClient(input, (client) => client.transactions.listRefunds(input.id))
  yield* printRefunds(refunds, input.json)
})

const printEvents = printer(TransactionEvents, (events) =>
  events.items.length === 0 ? ["no events"] : events.items.toReversed().map((event) => {
    const { amount, currency } = event.context as { amount?: unknown; currency?: unknown }
    return [
      iso(event.createdAt),
      event.name,
      ...(typeof amount === "number" && typeof currency === "string" ? [money(amount, currency)] : [])
    ].join("  ")
  }))

/**
 * `transactions events`: what happened to a transaction, oldest first.
 *
 * @category commands
 * @since 0.4.0
 */
export const transactionEvents = Effect.fnUntraced(function*(input: Input<{ readonly id: string }>) {
  const events = yield* withClient(input, (client) => client.transactions.events(input.id))
  yield* printEvents(events, input.json)
})
