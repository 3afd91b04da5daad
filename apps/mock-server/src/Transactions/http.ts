/**
 * The transaction endpoints of the contract (`TransactionsGroup`),
 * implemented with `handle`: params, query and bodies decoded by the declared
 * schemas (a card's number and security code `Redacted` from the start) — but
 * for a transaction's create and `refunds/all`, whose bodies the strict
 * decoder compiled from the declared payload reads (see `createTransaction`),
 * answers the wire JSON the store keeps. What the card simulator has not
 * (settlements, chargebacks, incremental authorization, cancellation of a
 * transaction that is not pending, a client session) answers empty lists or
 * a clean 4xx.
 *
 * @since 0.4.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { type ErrorDetail, errorDetailTypes } from "@checkout-kit/domain/Errors"
import { preferredResource } from "@checkout-kit/domain/api/Transactions"
import { defaultLimit } from "@checkout-kit/domain/Collection"
import { TransactionRefundAllCreate } from "@checkout-kit/domain/Refund"
import * as StrictDecoder from "@checkout-kit/domain/StrictDecoder"
import { TransactionUpdate } from "@checkout-kit/domain/Transaction"
import { TransactionCreate } from "@checkout-kit/domain/TransactionCreate"
import { DateTime, Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { ApiError } from "../ApiError.ts"
import { wireOf } from "../Buyers/http.ts"
import { actingAccount, readJsonBody, respond } from "../CheckoutSessions/http.ts"
import * as Responses from "../Responses.ts"
import { type Operation, Transactions } from "./Transactions.ts"

type Wire = Record<string, unknown>

const json = (status = 200) => (body: string) => Responses.json(body, status)

// An operation's answer: the transaction, or (`Prefer: resource=<wrapper>`) the operation wrapping it.
const operationAnswer = (wrapper: string, prefer: string | undefined) => (operation: Operation) => {
  if (preferredResource(prefer) !== wrapper) return Responses.json(operation.transaction)
  const extra = wrapper === "transaction-capture"
    ? `,"capture_id":${JSON.stringify(operation.captureId ?? null)},"payment_service_capture_id":null,` +
      `"external_identifier":${JSON.stringify(operation.externalIdentifier ?? null)}`
    : ""
  return Responses.json(
    `{"type":${JSON.stringify(wrapper)},"status":${JSON.stringify(operation.status)},"code":${
      JSON.stringify(operation.code)
    },"raw_response_code":${JSON.stringify(operation.rawResponseCode)},"raw_response_description":${
      JSON.stringify(operation.rawResponseDescription)
    },"transaction":${operation.transaction}${extra}}`
  )
}

const bodyRequired: ErrorDetail = { location: "body", pointer: "", message: "Field required", type: errorDetailTypes.required }

const unsupported = (message: string) => ApiError.of(400, message)

const millis = (value: DateTime.Utc | undefined) => value === undefined ? undefined : DateTime.toEpochMillis(value)

/**
 * The handlers, without their dependencies.
 *
 * @category layers
 * @since 0.4.0
 */
export const layerNoDeps = HttpApiBuilder.group(
  Api,
  "transactions",
  Effect.fn(function*(handlers) {
    const transactions = yield* Transactions
    const updateWire = wireOf(TransactionUpdate)
    const refundAll = StrictDecoder.make(TransactionRefundAllCreate)
    const createBody = StrictDecoder.make(TransactionCreate)
    // The transaction must exist (a 404 otherwise) before a list of what the simulator never makes is answered.
    const emptyFor = (request: Parameters<typeof actingAccount>[0], id: string) =>
      actingAccount(request).pipe(
        Effect.flatMap((account) => transactions.existing(account, id)),
        Effect.as(Responses.json(`{"items":[]}`))
      )
    const missingFor = (request: Parameters<typeof actingAccount>[0], id: string, message: string) =>
      actingAccount(request).pipe(
        Effect.flatMap((account) => transactions.existing(account, id)),
        Effect.flatMap(() => Effect.fail(ApiError.notFound(message)))
      )
    return handlers
      .handle("listTransactions", ({ query, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) =>
            transactions.list(account, {
              limit: query.limit ?? defaultLimit,
              cursor: query.cursor,
              externalIdentifier: query.external_identifier,
              status: query.status,
              buyerId: query.buyer_id,
              buyerExternalIdentifier: query.buyer_external_identifier,
              amountEq: query.amount_eq,
              amountLte: query.amount_lte,
              amountGte: query.amount_gte,
              currency: query.currency,
              createdAtGte: millis(query.created_at_gte),
              createdAtLte: millis(query.created_at_lte),
              id: query.id,
              paymentMethodId: query.payment_method_id,
              paymentMethodScheme: query.payment_method_scheme,
              paymentMethodBin: query.payment_method_bin,
              paymentMethodFingerprint: query.payment_method_fingerprint,
              errorCode: query.error_code,
              checkoutSessionId: query.checkout_session_id,
              hasRefunds: query.has_refunds,
              search: query.search
            })
          ),
          Effect.map(json())
        ))
      // The body is read raw and decoded by the strict decoder compiled from the declared payload (as a session's
      // create): the schema's own decoder, through a union of 40 payment method forms, cost a transaction twice
      // what the decode of a session costs (BENCHMARKS.md, 2026-12-08). Headers are decoded by the contract.
      .handleRaw("createTransaction", ({ headers, request }) =>
        respond(
          readJsonBody(request).pipe(
            Effect.flatMap((body) => {
              if (body === undefined) return Effect.fail(ApiError.invalid([bodyRequired]))
              const decoded = createBody.decode(body)
              return decoded._tag === "Success" ? Effect.succeed(decoded.success) : Effect.fail(ApiError.invalid(decoded.failure))
            }),
            Effect.flatMap((payload) =>
              Effect.flatMap(actingAccount(request), (account) =>
                transactions.createIdempotent(account, headers["idempotency-key"], payload))
            ),
            Effect.map((answer) => Responses.json(answer.body, answer.status))
          )
        ))
      .handle("getTransaction", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => transactions.get(account, params.transaction_id)),
          Effect.map(json())
        ))
      .handle("updateTransaction", ({ params, payload, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => transactions.update(account, params.transaction_id, updateWire(payload))),
          Effect.map(json())
        ))
      .handle("captureTransaction", ({ headers, params, payload, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => transactions.capture(account, params.transaction_id, payload)),
          Effect.map(operationAnswer("transaction-capture", headers.prefer))
        ))
      .handle("voidTransaction", ({ headers, params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => transactions.void(account, params.transaction_id)),
          Effect.map(operationAnswer("transaction-void", headers.prefer))
        ))
      .handle("cancelTransaction", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => transactions.existing(account, params.transaction_id)),
          Effect.flatMap(() =>
            Effect.fail(unsupported("Only a transaction pending the buyer's approval can be canceled; the card simulator makes none"))
          )
        ))
      .handle("syncTransaction", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => transactions.get(account, params.transaction_id)),
          Effect.map(json())
        ))
      .handle("incrementTransactionAuthorization", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => transactions.existing(account, params.transaction_id)),
          Effect.flatMap(() => Effect.fail(unsupported("The card simulator does not support incremental authorization")))
        ))
      .handle("listTransactionRefunds", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => transactions.listRefunds(account, params.transaction_id)),
          Effect.map(json())
        ))
      .handle("createTransactionRefund", ({ params, payload, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => transactions.refund(account, params.transaction_id, payload)),
          Effect.map(json(201))
        ))
      .handle("getTransactionRefund", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => transactions.getRefund(account, params.refund_id, params.transaction_id)),
          Effect.map(json())
        ))
      // Raw: the body is optional, and the official SDK sends none as an empty JSON body.
      .handleRaw("createFullTransactionRefund", ({ params, request }) =>
        respond(
          readJsonBody(request).pipe(
            Effect.flatMap((body) => {
              if (body == null) return Effect.succeed<Wire>({})
              const details = refundAll.check(body)
              return details === undefined ? Effect.succeed(body as Wire) : Effect.fail(ApiError.invalid(details))
            }),
            Effect.flatMap((body) =>
              Effect.flatMap(actingAccount(request), (account) =>
                transactions.refund(account, params.transaction_id, {
                  reason: (body.reason as string | null | undefined) ?? null,
                  externalIdentifier: (body.external_identifier as string | null | undefined) ?? null
                }))
            ),
            Effect.map((refund) =>
              Responses.json(`{"items":[${refund}],"limit":100,"next_cursor":null,"previous_cursor":null}`, 201)
            )
          )
        ))
      .handle("getRefund", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => transactions.getRefund(account, params.refund_id)),
          Effect.map(json())
        ))
      .handle("listTransactionCaptures", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => transactions.listCaptures(account, params.transaction_id)),
          Effect.map(json())
        ))
      .handle("getTransactionCapture", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => transactions.getCapture(account, params.transaction_id, params.capture_id)),
          Effect.map(json())
        ))
      .handle("listTransactionActions", ({ params, request }) => emptyFor(request, params.transaction_id))
      .handle("listTransactionEvents", ({ params, query, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => transactions.listEvents(account, params.transaction_id, query.limit ?? 100)),
          Effect.map(json())
        ))
      .handle("listTransactionSettlements", ({ params, request }) => emptyFor(request, params.transaction_id))
      .handle("getTransactionSettlement", ({ params, request }) =>
        missingFor(request, params.transaction_id, "The settlement could not be found"))
      .handle("listTransactionRefundSettlements", ({ params, request }) => emptyFor(request, params.transaction_id))
      .handle("getTransactionRefundSettlement", ({ params, request }) =>
        missingFor(request, params.transaction_id, "The refund settlement could not be found"))
      .handle("listTransactionChargebacks", ({ params, request }) => emptyFor(request, params.transaction_id))
      .handle("listTransactionChargebackReversals", ({ params, request }) => emptyFor(request, params.transaction_id))
      .handle("updateSession", ({ params }) =>
        Effect.flatMap(transactions.findById(params.transaction_id), (document) =>
          Effect.fail(
            document === undefined
              ? ApiError.notFound("The transaction could not be found")
              : unsupported("The card simulator has no client session")
          )))
  })
)
