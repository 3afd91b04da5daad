import { assert, describe, it } from "@effect/vitest"
import { assertBinFailure, binJson as json, assertUsageError, cliAgainstMock } from "./support.ts"

const { cli, inAccount } = cliAgainstMock("checkout-kit-cli-transactions-")

// A failure (see assertBinFailure) in two lines at most.
const assertFailure = (result: Parameters<typeof assertBinFailure>[0], ...expected: Array<string>) => {
  assertBinFailure(result, ...expected)
  assert.isAtMost(result.stderr.trimEnd().split("\n").length, 2, result.stderr)
}

let accounts = 0
const newAccount = async () => {
  const id = `cli-tx-${++accounts}`
  json(await cli("merchant-accounts", "create", "--id", id, "--display-name", `Shop ${accounts}`, "--json"))
  return inAccount(id)
}

const number = "4111111111111111"

describe("checkout-kit transactions", () => {
  it("pays with a checkout session's card; get, capture in parts, refund in part then all; events, refunds, list", async () => {
    const run = await newAccount()
    const session = json(await run("sessions", "create", "--json"))
    const fields = await run("sessions", "fields", session.id, "--card-number", number, "--expiry", "12/35", "--cvv", "123")
    assert.strictEqual(fields.code, 0, fields.stderr)
    const created = await run("transactions", "create", "--session", session.id, "--amount", "1299", "--currency", "USD")
    assert.strictEqual(created.code, 0, created.stderr)
    const id = /Created transaction (\S+)/.exec(created.stdout)![1]!
    assert.include(created.stdout, "authorization_succeeded")
    assert.include(created.stdout, "1299 USD")
    assert.include(created.stdout, "visa  BIN 411111  ····1111")
    assert.include(created.stdout, `session        ${session.id}`)

    const read = json(await run("transactions", "get", id, "--json"))
    assert.deepStrictEqual([read.id, read.status, read.amount], [id, "authorization_succeeded", 1299])

    const part = await run("transactions", "capture", id, "--amount", "500")
    assert.strictEqual(part.code, 0, part.stderr)
    assert.include(part.stdout, `Captured transaction ${id}`)
    assert.include(part.stdout, "authorized 1299, captured 500, refunded 0")
    const rest = json(await run("transactions", "capture", id, "--json"))
    assert.deepStrictEqual([rest.type, rest.status, rest.transaction.captured_amount], ["transaction-capture", "succeeded", 1299])

    const refund = await run("transactions", "refund", id, "--amount", "300", "--reason", "damaged")
    assert.strictEqual(refund.code, 0, refund.stderr)
    assert.include(refund.stdout, `Refunded 300 USD of transaction ${id}`)
    assert.include(refund.stdout, "damaged")
    const all = json(await run("transactions", "refund", id, "--all", "--json"))
    assert.deepStrictEqual(all.items.map((r: { amount: number }) => r.amount), [999])
    const refunds = await run("transactions", "refunds", id)
    assert.lengthOf(refunds.stdout.trim().split("\n"), 2)
    assertFailure(await run("transactions", "refund", id), "BadRequest", "/status")

    const events = (await run("transactions", "events", id)).stdout.trim().split("\n")
    assert.deepStrictEqual(events.map((line) => line.split("  ")[1]), [
      "payment-connector-response-transaction-authorization-succeeded",
      "payment-connector-response-transaction-capture-succeeded",
      "payment-connector-response-transaction-capture-succeeded"
    ])
    assert.match(events[1]!, /^\d{4}-\d\d-\d\dT.*  500 USD$/)

    const listed = await run("transactions", "list")
    assert.strictEqual(listed.stdout.trim(), `${id}  capture_succeeded  1299 USD  ····1111`)
  })

  it("pays with a card without ever printing it, and with a stored payment method; captures at once; voids", async () => {
    const run = await newAccount()
    const direct = await run(
      "transactions", "create", "--card", number, "--expiry", "12/35", "--security-code", "987", "--amount", "700",
      "--currency", "USD", "--intent", "capture"
    )
    assert.strictEqual(direct.code, 0, direct.stderr)
    assert.include(direct.stdout, "capture_succeeded")
    assert.notInclude(direct.stdout + direct.stderr, number)
    assert.notInclude(direct.stdout + direct.stderr, "987")
    const asJson = await run("transactions", "create", "--card", number, "--expiry", "12/35", "--amount", "1", "--currency", "USD", "--json")
    assert.notInclude(asJson.stdout + asJson.stderr, number)

    const stored = json(await run("payment-methods", "create", "--card", "5555555555554444", "--expiry", "10/34", "--json"))
    const fromStored = json(
      await run("transactions", "create", "--payment-method", stored.id, "--amount", "250", "--currency", "USD", "--json")
    )
    assert.strictEqual(fromStored.payment_method.id, stored.id)
    const voided = await run("transactions", "void", fromStored.id)
    assert.strictEqual(voided.code, 0, voided.stderr)
    assert.include(voided.stdout, `Voided transaction ${fromStored.id}`)
    assert.include(voided.stdout, "authorization_voided")
    const only = json(await run("transactions", "list", "--status", "authorization_voided", "--json"))
    assert.deepStrictEqual(only.items.map((t: { id: string }) => t.id), [fromStored.id])
  })

  it("answers an Idempotency-Key's first transaction again", async () => {
    const run = await newAccount()
    const args = ["transactions", "create", "--card", number, "--expiry", "12/35", "--amount", "100", "--currency", "USD"]
    const once = json(await run(...args, "--idempotency-key", "order-1", "--json"))
    const twice = json(await run(...args, "--idempotency-key", "order-1", "--json"))
    assert.strictEqual(twice.id, once.id)
    assert.lengthOf(json(await run("transactions", "list", "--json")).items, 1)
  })

  it("exits 1 in a line or two: a declined transaction, an unknown id, a refused capture, a void after capture", async () => {
    const run = await newAccount()
    const declined = await run("transactions", "create", "--card", number, "--expiry", "12/35", "--amount", "200011", "--currency", "USD")
    assertFailure(declined, "declined: insufficient_funds")
    assert.match(declined.stderr, /transaction [0-9a-f-]{36} declined/)
    assert.notInclude(declined.stderr, number)
    const unknown = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
    for (const command of ["get", "capture", "void", "refund", "events"]) {
      assertFailure(await run("transactions", command, unknown), "checkout-kit: NotFound")
    }
    const captured = json(await run(
      "transactions", "create", "--card", number, "--expiry", "12/35", "--amount", "500", "--currency", "USD", "--intent", "capture", "--json"
    ))
    assertFailure(await run("transactions", "void", captured.id), "BadRequest", "/status")
    assertFailure(await run("transactions", "capture", captured.id), "BadRequest", "/status")
    const authorized = json(await run("transactions", "create", "--card", number, "--expiry", "12/35", "--amount", "500002", "--currency", "USD", "--json"))
    assertFailure(await run("transactions", "capture", authorized.id), `capture of transaction ${authorized.id} declined`)
    const expired = await run("transactions", "create", "--card", "4111111111111112", "--expiry", "12/35", "--amount", "5", "--currency", "USD")
    assert.strictEqual(expired.code, 1)
    assert.include(expired.stderr, "/payment_method/number")
    assert.notInclude(expired.stdout + expired.stderr, "4111111111111112")
  })

  it("exits 2 on flags that do not go together", async () => {
    for (
      const [args, expected] of [
        [["transactions", "create", "--amount", "1", "--currency", "USD"], "give how to pay"],
        [["transactions", "create", "--amount", "1", "--currency", "USD", "--card", number], "--card needs --expiry MM/YY"],
        [["transactions", "create", "--amount", "1", "--currency", "USD", "--card", number, "--session", "x"], "give one of them"],
        [["transactions", "create", "--amount", "1", "--currency", "USD", "--payment-method", "x", "--expiry", "12/35"], "give no --expiry"],
        [["transactions", "create", "--amount", "-5", "--currency", "USD", "--session", "x"], "--amount takes an amount in minor units"],
        [["transactions", "create", "--amount", "1", "--currency", "USD", "--session", "x", "--intent", "sell"], "intent"],
        [["transactions", "refund", "x", "--all", "--amount", "5"], "--all refunds everything"]
      ] as const
    ) {
      const result = await cli(...args)
      assertUsageError(result, args, expected)
      assert.notInclude(result.stderr, number)
    }
  })
})
