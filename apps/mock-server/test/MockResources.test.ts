import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { StoreOption } from "../src/ServerOptions.ts"
import { call, startServer, type TestServer } from "./support/server.ts"

// `GET /_mock/resources` over real HTTP: the payment resources of every kind, as stored, a page at a time.

const visa = "4111111111111111"
const code = "9071"
const as = (account: string) => ({ "x-gr4vy-merchant-account-id": account })

const stores: ReadonlyArray<readonly [string, (dir: string) => StoreOption]> = [
  ["memory", () => ({ kind: "memory" })],
  ["SQLite", (dir) => ({ kind: "sqlite", path: join(dir, "sessions.db") })]
]

for (const [storeName, storeOf] of stores) {
  describe(`/_mock/resources on the ${storeName} store`, () => {
    let server: TestServer
    let dir: string
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "mock-resources-"))
      server = await startServer({ store: storeOf(dir) })
    })
    afterAll(async () => {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    })
    const api = (method: string, path: string, options?: Parameters<typeof call>[3]) => call(server.url, method, path, options)
    // An account's buyer with shipping details and a stored card.
    const populate = async (account: string) => {
      const buyer = (await api("POST", "/buyers", { body: { display_name: "Ada" }, headers: as(account) })).body
      const shipping = (await api("POST", `/buyers/${buyer.id}/shipping-details`, {
        body: { first_name: "A" },
        headers: as(account)
      })).body
      const card = await api("POST", "/payment-methods", {
        body: { method: "card", number: visa, expiration_date: "10/38", security_code: code, buyer_id: buyer.id },
        headers: as(account)
      })
      assert.strictEqual(card.status, 201, JSON.stringify(card.body))
      return { buyer, shipping, card: card.body }
    }
    // Every page of the query, creating a buyer in `account` between two page reads.
    const walk = async (query: string, limit: number, account: string) => {
      const items: Array<any> = []
      const texts: Array<string> = []
      let cursor: string | null = null
      do {
        const page = await api("GET", `/_mock/resources?${query}&limit=${limit}${cursor === null ? "" : `&cursor=${cursor}`}`)
        assert.strictEqual(page.status, 200, JSON.stringify(page.body))
        assert.isAtMost(page.body.items.length, limit)
        items.push(...page.body.items)
        texts.push(JSON.stringify(page.body))
        cursor = page.body.next_cursor
        await api("POST", "/buyers", { body: { display_name: "Later" }, headers: as(account) })
      } while (cursor !== null)
      const keys = items.map((item) => `${item.kind} ${item.id}`)
      assert.strictEqual(new Set(keys).size, keys.length, `repeated: ${JSON.stringify(keys)}`)
      return { items, text: texts.join("\n") }
    }

    it("pages through an account's buyers, shipping details and cards: none repeated or skipped, no card data", async () => {
      const account = `shop-${storeName}`
      const { buyer, card, shipping } = await populate(account)
      await populate(`elsewhere-${storeName}`)
      for (const limit of [1, 2, 100]) {
        const { items, text } = await walk(`merchant_account_id=${account}`, limit, account)
        assert.isTrue(items.every((item) => item.merchant_account_id === account), "only the account's resources")
        const byKey = new Map(items.map((item) => [`${item.kind} ${item.id}`, item]))
        // Each resource is its wire JSON as the API answers it.
        assert.deepStrictEqual(byKey.get(`buyer ${buyer.id}`)?.resource, buyer)
        assert.deepStrictEqual(byKey.get(`shipping-details ${shipping.id}`)?.resource, shipping)
        const storedCard = byKey.get(`payment-method ${card.id}`)
        assert.strictEqual(storedCard?.resource.id, card.id)
        assert.strictEqual(storedCard?.resource.method, "card")
        assert.strictEqual(storedCard?.created_at, card.created_at)
        assert.match(storedCard?.updated_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
        // The vault keeps no card number or security code: neither is anywhere in the pages.
        assert.notInclude(text, visa)
        assert.notInclude(text, `"${code}"`)
        assert.notInclude(text, "security_code")
        // Newest first.
        const times = items.map((item) => item.created_at)
        assert.deepStrictEqual(times, times.toSorted().toReversed())
      }
    })

    it("lists a transaction, its captures and refunds (the inspector's history), each naming its transaction", async () => {
      const account = `transactions-${storeName}`
      const headers = as(account)
      const created = await api("POST", "/transactions", {
        body: { amount: 1000, currency: "USD", payment_method: { method: "card", number: visa, expiration_date: "10/38", security_code: code } },
        headers
      })
      assert.strictEqual(created.status, 201, JSON.stringify(created.body))
      const id = created.body.id
      assert.strictEqual((await api("POST", `/transactions/${id}/capture`, { body: { amount: 400, final: false }, headers })).status, 200)
      const refund = await api("POST", `/transactions/${id}/refunds`, { body: { amount: 100, reason: "late" }, headers })
      assert.strictEqual(refund.status, 201, JSON.stringify(refund.body))
      const { items, text } = await walk(`merchant_account_id=${account}`, 2, account)
      const ofKind = (kind: string) => items.filter((item) => item.kind === kind).map((item) => item.resource)
      assert.deepStrictEqual(ofKind("transaction"), [(await api("GET", `/transactions/${id}`, { headers })).body])
      assert.deepStrictEqual(
        ofKind("transaction-capture").map((c) => [c.transaction_id, c.amount, c.status, c.final]),
        [[id, 400, "succeeded", false]]
      )
      assert.deepStrictEqual(ofKind("refund"), [refund.body])
      // Of the card only its scheme, BIN, last four and expiry are kept.
      assert.notInclude(text, visa)
      assert.notInclude(text, `"${code}"`)
      assert.notInclude(text, "security_code")
      const captures = await api("GET", `/_mock/resources?kind=transaction-capture&merchant_account_id=${account}`)
      assert.deepStrictEqual(captures.body.items.map((item: any) => item.resource.transaction_id), [id])
    })

    it("filters by kind across accounts, and by kind and account together", async () => {
      const [one, two] = [`kinds-1-${storeName}`, `kinds-2-${storeName}`]
      const first = await populate(one)
      const second = await populate(two)
      const cards = (await walk("kind=payment-method", 2, one)).items
      assert.isTrue(cards.every((item) => item.kind === "payment-method"))
      const ids = cards.map((item) => item.id)
      assert.include(ids, first.card.id)
      assert.include(ids, second.card.id)
      const theirs = (await walk(`kind=buyer&merchant_account_id=${two}`, 1, one)).items
      assert.deepStrictEqual(theirs.map((item) => [item.kind, item.merchant_account_id, item.id]), [["buyer", two, second.buyer.id]])
      const none = await api("GET", "/_mock/resources?kind=no-such-kind")
      assert.deepStrictEqual(none.body, { items: [], next_cursor: null })
    })

    it("refuses a limit out of range and a cursor no page gave, with a 400 naming the parameter", async () => {
      for (const [query, pointer] of [["limit=0", "/limit"], ["limit=101", "/limit"], ["limit=ten", "/limit"], [
        "cursor=garbage",
        "/cursor"
      ]] as const) {
        const refused = await api("GET", `/_mock/resources?${query}`)
        assert.strictEqual(refused.status, 400, query)
        assert.deepStrictEqual(refused.body.details.map((d: { pointer: string }) => d.pointer), [pointer], query)
      }
    })
  })
}
