import { assert, describe, it } from "@effect/vitest"
import {
  authorizationErrors,
  avsFor,
  cvvFor,
  operationErrors,
  outcomeForAmount,
  type SimulatedError
} from "../src/CardSimulator.ts"

// The documented values, written down here from Gr4vy's documentation, each list with its page.

// https://docs.gr4vy.com/guides/api/error-codes, "Connector declines": code and simulator amount.
const documentedDeclines: ReadonlyArray<readonly [number, string]> = [
  [200001, "canceled_payment_method"],
  [200004, "expired_authorization"],
  [200005, "expired_payment_method"],
  [200006, "incorrect_billing_address"],
  [200007, "incorrect_country"],
  [200008, "incorrect_currency"],
  [200009, "incorrect_cvv"],
  [200010, "incorrect_expiry_date"],
  [200011, "insufficient_funds"],
  [200012, "issuer_decline"],
  [200013, "other_decline"],
  [200015, "refused_transaction"],
  [200016, "service_decline"],
  [200017, "suspected_fraud"]
]

// The same page, "Connector failures".
const documentedFailures: ReadonlyArray<readonly [number, string]> = [
  [200002, "disputed_transaction"],
  [200003, "duplicate_transaction"],
  [200014, "requires_buyer_authentication"],
  [200018, "unavailable_payment_method"],
  [200019, "unknown_payment_method"],
  [200020, "unsupported_transaction"],
  [200021, "unsupported_payment_method"],
  [200022, "cancelled_buyer_approval"],
  [300001, "insufficient_service_permissions"],
  [300002, "invalid_amount"],
  [300003, "invalid_payment_method"],
  [300004, "invalid_service_configuration"],
  [300005, "invalid_service_credentials"],
  [300006, "invalid_service_response"],
  [300007, "invalid_tax_identifier"],
  [300008, "missing_billing_address"],
  [300009, "missing_cvv"],
  [300010, "missing_shipping_address"],
  [300011, "missing_tax_identifier"],
  [300012, "refund_period_expired"],
  [300013, "service_error"],
  [300014, "service_network_error"],
  [300015, "service_rate_limit"],
  [400001, "internal_error"],
  [400002, "invalid_billing_address"],
  [400003, "invalid_operation"],
  [400004, "invalid_request_parameters"],
  [400005, "invalid_service_request"],
  [400006, "invalid_shipping_address"],
  [400007, "service_resource_conflict"],
  [400008, "unexpected_state"],
  [400009, "unknown_error"],
  [400010, "unknown_service_resource"],
  [400011, "unsupported_country"],
  [400012, "unsupported_currency"],
  [400013, "unrecognised_country"],
  [400014, "unrecognised_currency"],
  [400015, "unrecognised_payment_method"],
  [400016, "unrecognised_scheme"],
  [400017, "unsupported_scheme"]
]

// The same page, the codes marked "Retriable? Yes".
const documentedRetriable = [
  "incorrect_country", "incorrect_currency", "issuer_decline", "other_decline", "service_decline",
  "unknown_payment_method", "insufficient_service_permissions", "invalid_amount", "invalid_payment_method",
  "invalid_service_credentials", "invalid_service_response", "missing_billing_address", "missing_cvv",
  "missing_shipping_address", "missing_tax_identifier", "service_error", "service_network_error",
  "service_rate_limit", "invalid_operation", "invalid_service_request", "service_resource_conflict",
  "unknown_service_resource", "unsupported_country", "unsupported_currency"
]

// The same page, "Connector capture / void / refund tests".
const documentedOperations = {
  capture: [[500001, "service_network_error"], [500002, "refused_transaction"]],
  void: [[510001, "service_network_error"], [510002, "issuer_decline"]],
  refund: [
    [520001, "disputed_transaction"],
    [520002, "issuer_decline"],
    [520003, "service_error"],
    [520004, "refund_already_satisfied"]
  ]
} as const

// https://docs.gr4vy.com/guides/features/simulators/overview, "Payments": the amounts it lists, the same codes.
const documentedOverview: ReadonlyArray<readonly [number, string]> = [
  [200001, "canceled_payment_method"],
  [200011, "insufficient_funds"],
  [200022, "cancelled_buyer_approval"],
  [300001, "insufficient_service_permissions"],
  [300009, "missing_cvv"]
]

const pairs = (rows: ReadonlyArray<SimulatedError>) => rows.map((e) => [e.amount, e.errorCode] as const)

describe("the card simulator's tables", () => {
  it("hold exactly the documented amounts and codes, declines and failures apart", () => {
    assert.sameDeepMembers(pairs(authorizationErrors.filter((e) => e.kind === "declined")), [...documentedDeclines])
    assert.sameDeepMembers(pairs(authorizationErrors.filter((e) => e.kind === "failed")), [...documentedFailures])
    assert.includeDeepMembers(pairs(authorizationErrors), [...documentedOverview])
    const amounts = authorizationErrors.map((e) => e.amount)
    assert.deepStrictEqual(amounts, amounts.toSorted((a, b) => a - b))
  })

  it("mark as retriable exactly the codes the documentation does", () => {
    const retriable = authorizationErrors.filter((e) => e.retriable).map((e) => e.errorCode)
    assert.sameMembers(retriable, documentedRetriable)
  })

  it("hold the documented capture, void and refund amounts", () => {
    for (const operation of ["capture", "void", "refund"] as const) {
      assert.sameDeepMembers(pairs(operationErrors[operation]), documentedOperations[operation].map(([a, c]) => [a, c]))
    }
    // A code the authorization table knows keeps its kind and retriability there.
    for (const error of [...operationErrors.capture, ...operationErrors.void, ...operationErrors.refund]) {
      const same = authorizationErrors.find((e) => e.errorCode === error.errorCode)
      if (same === undefined) continue
      assert.strictEqual(error.kind, same.kind, error.errorCode)
      assert.strictEqual(error.retriable, same.retriable, error.errorCode)
    }
  })

  it("describe every row in our own words, without repeating a code", () => {
    for (const error of authorizationErrors) assert.isAbove(error.description.length, 10, error.errorCode)
    const codes = authorizationErrors.map((e) => e.errorCode)
    assert.strictEqual(new Set(codes).size, codes.length)
  })
})

describe("outcomeForAmount", () => {
  it("declines 200011 for insufficient funds, with the raw response of the simulator", () => {
    assert.deepStrictEqual(outcomeForAmount(200011), {
      status: "authorization_declined",
      intentOutcome: "failed",
      errorCode: "insufficient_funds",
      rawResponseCode: "200011",
      rawResponseDescription: "The amount exceeds the balance available."
    })
  })

  it("fails a 3000xx amount, and the intent does not save it", () => {
    const outcome = outcomeForAmount(300005, "capture")
    assert.strictEqual(outcome.status, "authorization_failed")
    assert.strictEqual(outcome.errorCode, "invalid_service_credentials")
  })

  it("succeeds on any other amount: authorized, or captured with intent capture", () => {
    for (const amount of [0, 1, 1299, 200000, 200023, 299999, 300016, 400018, 500001, 99_999_999]) {
      assert.deepStrictEqual(outcomeForAmount(amount), {
        status: "authorization_succeeded",
        intentOutcome: "succeeded",
        errorCode: null,
        rawResponseCode: null,
        rawResponseDescription: null
      }, String(amount))
      assert.strictEqual(outcomeForAmount(amount, "capture").status, "capture_succeeded")
    }
  })

  it("answers every documented amount with its documented code and status", () => {
    for (const [amount, code] of documentedDeclines) {
      assert.deepInclude(outcomeForAmount(amount), { status: "authorization_declined", errorCode: code })
    }
    for (const [amount, code] of documentedFailures) {
      assert.deepInclude(outcomeForAmount(amount), { status: "authorization_failed", errorCode: code })
    }
  })
})

// https://docs.gr4vy.com/connections/payments/mock-card, "AVS Responses" and "CVV Responses".
describe("avsFor and cvvFor", () => {
  it("a postal code containing 77, 88 or 99 chooses the address verification outcome; any other matches", () => {
    const documented: ReadonlyArray<readonly [string, string]> = [
      ["77", "no_match"],
      ["SW1A 77A", "no_match"],
      ["88", "partial_match_postcode"],
      ["10888", "partial_match_postcode"],
      ["99", "partial_match_address"],
      ["BT99 1AA", "partial_match_address"],
      ["94107", "match"],
      ["7 7", "match"],
      ["", "match"]
    ]
    for (const [postalCode, code] of documented) assert.strictEqual(avsFor(postalCode), code, postalCode)
  })

  it("ours where the documentation is silent: the first fragment wins; no postal code is unavailable", () => {
    assert.strictEqual(avsFor("7788"), "no_match")
    assert.strictEqual(avsFor("9988"), "partial_match_postcode")
    assert.strictEqual(avsFor(undefined), "unavailable")
    assert.strictEqual(avsFor(null), "unavailable")
  })

  it("security code 222 is not provided, 333 does not match, any other matches; none is not provided", () => {
    assert.strictEqual(cvvFor("222"), "not_provided")
    assert.strictEqual(cvvFor("333"), "no_match")
    for (const code of ["123", "2222", "3333", "0333", "999"]) assert.strictEqual(cvvFor(code), "match", code)
    assert.strictEqual(cvvFor(undefined), "not_provided")
  })
})
