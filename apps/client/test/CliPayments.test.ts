import { assert, describe, it } from "@effect/vitest"
import { assertBinFailure as assertFailure, assertUsageError, binJson as json, cliAgainstMock, runBin } from "./support.ts"

const { cli, dir, env, inAccount } = cliAgainstMock("checkout-kit-cli-payments-")

let accounts = 0
const newAccount = async () => {
  const id = `cli-pay-${++accounts}`
  json(await cli("merchant-accounts", "create", "--id", id, "--display-name", `Shop ${accounts}`, "--json"))
  return inAccount(id)
}

describe("checkout-kit merchant-accounts", () => {
  it("create, get and list, in human and JSON output", async () => {
    json(await cli("merchant-accounts", "create", "--id", "cli-pay-other-shop", "--display-name", "Another", "--json"))
    const created = await cli("merchant-accounts", "create", "--id", "cli-pay-shop", "--display-name", "The Shop")
    assert.strictEqual(created.code, 0, created.stderr)
    assert.include(created.stdout, "Created merchant account cli-pay-shop")
    assert.include(created.stdout, "The Shop")
    const read = json(await cli("merchant-accounts", "get", "cli-pay-shop", "--json"))
    assert.deepStrictEqual([read.id, read.display_name], ["cli-pay-shop", "The Shop"])
    const firstPage = json(await cli("merchant-accounts", "list", "--limit", "1", "--json"))
    assert.lengthOf(firstPage.items, 1)
    assert.isString(firstPage.next_cursor)
    const human = await cli("merchant-accounts", "list", "--limit", "1")
    assert.include(human.stdout, `next page: --cursor ${firstPage.next_cursor}`)
    const all = json(await cli("merchant-accounts", "list", "--limit", "100", "--json"))
    assert.include(all.items.map((a: { id: string }) => a.id), "cli-pay-shop")
    assertFailure(await cli("merchant-accounts", "get", "cli-pay-none"), "checkout-kit: NotFound")
  })
})

describe("checkout-kit payment-services", () => {
  it("create with the mock-card defaults, list, get, delete", async () => {
    const run = await newAccount()
    const created = json(await run("payment-services", "create", "--json"))
    assert.deepStrictEqual(
      [created.payment_service_definition_id, created.display_name, created.accepted_currencies, created.accepted_countries],
      ["mock-card", "Mock Card", ["USD"], ["US"]]
    )
    const listed = await run("payment-services", "list")
    assert.include(listed.stdout, `${created.id}  mock-card  Mock Card`)
    const read = await run("payment-services", "get", created.id)
    assert.include(read.stdout, `Found payment service ${created.id}`)
    const deleted = await run("payment-services", "delete", created.id)
    assert.strictEqual(deleted.stdout.trim(), `Deleted payment service ${created.id}`)
    assert.notInclude((await run("payment-services", "list")).stdout, created.id)
  })
})

describe("checkout-kit buyers", () => {
  it("create, get, list, update and delete; NotFound after delete", async () => {
    const run = await newAccount()
    const created = json(await run("buyers", "create", "--external-identifier", "ext-1", "--display-name", "Jane", "--json"))
    assert.deepStrictEqual([created.external_identifier, created.display_name], ["ext-1", "Jane"])
    const read = await run("buyers", "get", created.id)
    assert.include(read.stdout, `Found buyer ${created.id}`)
    assert.include(read.stdout, "Jane")
    json(await run("buyers", "create", "--json"))
    const page = json(await run("buyers", "list", "--limit", "1", "--json"))
    assert.lengthOf(page.items, 1)
    const second = json(await run("buyers", "list", "--limit", "1", "--cursor", page.next_cursor, "--json"))
    assert.lengthOf(second.items, 1)
    assert.notStrictEqual(second.items[0].id, page.items[0].id)
    const updated = json(await run("buyers", "update", created.id, "--display-name", "Janet", "--json"))
    assert.strictEqual(updated.display_name, "Janet")
    assert.strictEqual((await run("buyers", "delete", created.id)).stdout.trim(), `Deleted buyer ${created.id}`)
    assertFailure(await run("buyers", "get", created.id), "checkout-kit: NotFound")
  })

  it("are the merchant account's own", async () => {
    const one = await newAccount()
    const other = await newAccount()
    const buyer = json(await one("buyers", "create", "--json"))
    assertFailure(await other("buyers", "get", buyer.id), "checkout-kit: NotFound")
  })

  it("prints the API's message and pointers on a 400", async () => {
    const run = await newAccount()
    const rejected = await run("buyers", "create", "--display-name", "")
    assert.strictEqual(rejected.code, 1)
    assert.include(rejected.stderr, "/display_name")
  })
})

describe("checkout-kit payment-methods", () => {
  const number = "4111111111111111"

  it("stores a card for a buyer without ever printing its number or security code; get, list, delete", async () => {
    const run = await newAccount()
    const buyer = json(await run("buyers", "create", "--json"))
    const stored = await run(
      "payment-methods", "create", "--card", number, "--expiry", "12/35", "--security-code", "987", "--buyer-id", buyer.id
    )
    assert.strictEqual(stored.code, 0, stored.stderr)
    assert.include(stored.stdout, "visa  BIN 411111")
    assert.include(stored.stdout, "····1111  expires 12/35")
    assert.include(stored.stdout, `buyer          ${buyer.id}`)
    assert.notInclude(stored.stdout + stored.stderr, number)
    assert.notInclude(stored.stdout + stored.stderr, "987")
    const id = /Stored payment method (\S+)/.exec(stored.stdout)![1]!

    const asJson = await run("payment-methods", "create", "--card", number, "--expiry", "11/35", "--json")
    assert.notInclude(asJson.stdout + asJson.stderr, number)
    assert.strictEqual(json(asJson).label, "1111")

    const read = await run("payment-methods", "get", id, "--json")
    assert.notInclude(read.stdout, number)
    assert.strictEqual(json(read).id, id)
    const mine = json(await run("payment-methods", "list", "--buyer-id", buyer.id, "--json"))
    assert.deepStrictEqual(mine.items.map((m: { id: string }) => m.id), [id])
    const all = await run("payment-methods", "list")
    assert.lengthOf(all.stdout.trim().split("\n"), 2)
    assert.strictEqual((await run("payment-methods", "delete", id)).stdout.trim(), `Deleted payment method ${id}`)
    assertFailure(await run("payment-methods", "get", id), "checkout-kit: NotFound")
  })

  it("a card the server refuses: exit 1 with the pointer, the number still unprinted", async () => {
    const run = await newAccount()
    const refused = await run("payment-methods", "create", "--card", "4111111111111112", "--expiry", "12/35")
    assert.strictEqual(refused.code, 1)
    assert.include(refused.stderr, "/number")
    assert.notInclude(refused.stdout + refused.stderr, "4111111111111112")
    const malformed = await run("payment-methods", "create", "--card", "41111111", "--expiry", "1235")
    assert.strictEqual(malformed.code, 1)
    assert.include(malformed.stderr, "/expiration_date")
    assert.notInclude(malformed.stdout + malformed.stderr, "41111111")
  })

  it("stores the card of a checkout session", async () => {
    const run = await newAccount()
    const session = json(await run("sessions", "create", "--json"))
    const fields = await run("sessions", "fields", session.id, "--card-number", "5555555555554444", "--expiry", "10/34")
    assert.strictEqual(fields.code, 0, fields.stderr)
    const stored = await run("payment-methods", "create", "--session", session.id)
    assert.strictEqual(stored.code, 0, stored.stderr)
    assert.include(stored.stdout, "mastercard")
    assert.include(stored.stdout, "····4444")
  })

  it("exits 2 on flags that do not go together, 1 when the server is unreachable", async () => {
    for (
      const [args, expected] of [
        [["payment-methods", "create", "--expiry", "12/35"], "give --card <number> --expiry MM/YY, or --session <id>"],
        [["payment-methods", "create", "--card", number], "--card needs --expiry MM/YY"],
        [["payment-methods", "create", "--session", "x", "--card", number], "--session stores the session's card"],
        [["payment-services", "create", "--definition", "stripe"], "--currency and --country are required"],
        [["buyers", "list", "--limit", "0"], "--limit takes 1 to 100"],
        // The number typed without its flag: the parser's message names the argument, but only its last four digits.
        [["payment-methods", "create", number, "--expiry", "12/35"], "Unexpected positional argument: \"····1111\""]
      ] as const
    ) {
      const result = await cli(...args)
      assertUsageError(result, args, expected)
      assert.notInclude(result.stderr, number)
    }
    const unreachable = await runBin(["buyers", "list"], {
      env: { ...env(), CHECKOUT_KIT_URL: "http://127.0.0.1:9" },
      cwd: dir
    })
    assertFailure(unreachable, "server unreachable at http://127.0.0.1:9")
    assert.lengthOf(unreachable.stderr.trimEnd().split("\n"), 2)
  })
})
