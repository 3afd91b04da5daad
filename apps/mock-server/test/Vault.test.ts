/**
 * Buyers and the payment-method vault over real HTTP, on the memory store and
 * on SQLite files: the 400s and their pointers, 404s, merchant-account
 * isolation, pages that neither repeat nor skip, cards stored from a checkout
 * session, and card data that is never answered, journaled or stored.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { readdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { StoreOption } from "../src/ServerOptions.ts"
import { makeKeyPair, signToken } from "./support/keys.ts"
import { call, startServer, type TestServer } from "./support/server.ts"

// Standard test cards (never real ones) and a security code. Searched for as a JSON string (`"9071"`): four bare
// digits could occur by chance in a stored id or timestamp.
const visa = "4111111111111111"
const amex = "378282246310005"
const code = "9071"
const unknownId = "00000000-0000-4000-8000-000000000000"
const other = { "x-gr4vy-merchant-account-id": "other-merchant" }

const pointers = (body: { details: ReadonlyArray<{ pointer: string }> }) => body.details.map((d) => d.pointer)

const stores: ReadonlyArray<readonly [string, (dir: string) => StoreOption]> = [
  ["memory", () => ({ kind: "memory" })],
  ["SQLite", (dir) => ({ kind: "sqlite", path: join(dir, "sessions.db") })]
]

for (const [storeName, storeOf] of stores) {
  describe(`buyers and the vault on the ${storeName} store`, () => {
    let server: TestServer
    let dir: string
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "vault-"))
      server = await startServer({ store: storeOf(dir) })
    })
    afterAll(async () => {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    })

    const api = (method: string, path: string, options?: Parameters<typeof call>[3]) => call(server.url, method, path, options)
    const storeCard = (body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
      api("POST", "/payment-methods", {
        body: { method: "card", number: visa, expiration_date: "10/38", security_code: code, ...body },
        headers
      })
    const newBuyer = async (body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
      (await api("POST", "/buyers", { body: { display_name: "Ada", ...body }, headers })).body

    it("a card failing Luhn, an expired card and a malformed expiry are 400s naming each field", async () => {
      const refused = await storeCard({ number: "4111111111111112", expiration_date: "01/20" })
      assert.strictEqual(refused.status, 400)
      assert.strictEqual(refused.body.code, "bad_request")
      assert.sameMembers(pointers(refused.body), ["/number", "/expiration_date"])
      const malformed = await storeCard({ expiration_date: "2038-10" })
      assert.strictEqual(malformed.status, 400)
      assert.deepStrictEqual(pointers(malformed.body), ["/expiration_date"])
      const missing = await api("POST", "/payment-methods", { body: { method: "card", expiration_date: "10/38" } })
      assert.strictEqual(missing.status, 400)
      assert.isNotEmpty(missing.body.details)
    })

    it("a card is judged expired by the mock's clock", async () => {
      const now = new Date(Date.parse((await api("GET", "/_mock/clock")).body.now))
      // The current month's card is valid through its last day; moved past it, the same card has expired.
      const expiry = `${String(now.getUTCMonth() + 1).padStart(2, "0")}/${String(now.getUTCFullYear() % 100).padStart(2, "0")}`
      assert.strictEqual((await storeCard({ expiration_date: expiry })).status, 201)
      const startOfNextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)
      await api("POST", "/_mock/clock", { body: { advance_seconds: Math.ceil((startOfNextMonth - now.getTime()) / 1000) + 1 } })
      try {
        const refused = await storeCard({ expiration_date: expiry })
        assert.strictEqual(refused.status, 400)
        assert.deepStrictEqual(pointers(refused.body), ["/expiration_date"])
      } finally {
        await api("POST", "/_mock/clock", { body: { offset_seconds: 0 } })
      }
    })

    it("a buyer the account does not have is a 400 naming buyer_id or buyer_external_identifier", async () => {
      const theirs = await newBuyer({ external_identifier: "theirs-only" }, other)
      for (const [body, pointer] of [
        [{ buyer_id: unknownId }, "/buyer_id"],
        [{ buyer_id: theirs.id }, "/buyer_id"],
        [{ buyer_external_identifier: "theirs-only" }, "/buyer_external_identifier"]
      ] as const) {
        const refused = await storeCard(body)
        assert.strictEqual(refused.status, 400, pointer)
        assert.deepStrictEqual(pointers(refused.body), [pointer])
      }
      const mine = await newBuyer({ external_identifier: "mine-only" })
      const stored = (await storeCard({ buyer_external_identifier: "mine-only" })).body
      assert.strictEqual(stored.buyer.id, mine.id)
      assert.deepStrictEqual(stored.buyer, (await api("GET", `/buyers/${mine.id}`)).body)
    })

    it("every answer has the fields the spec requires, with dates that carry an offset", async () => {
      const stored = (await storeCard({ card_type: "debit", external_identifier: "card-1" })).body
      for (const key of ["cit_usage_count", "usage_count", "has_replacement", "status", "scheme_transaction_id", "scheme_transaction_id_scheme"]) {
        assert.property(stored, key)
      }
      assert.strictEqual(stored.status, "succeeded")
      assert.isNull(stored.scheme_transaction_id)
      assert.deepStrictEqual(stored.details, { bin: "411111", card_type: "debit", card_issuer_name: null })
      assert.match(stored.created_at, /(Z|[+-]\d{2}:\d{2})$/)
      const buyer = await newBuyer()
      assert.match(buyer.reconciliation_id, /^[0-9A-Za-z]{22}$/)
      assert.match(buyer.updated_at, /(Z|[+-]\d{2}:\d{2})$/)
    })

    it("an update of a stored card changes only what it names", async () => {
      const stored = (await storeCard()).body
      const updated = await api("PUT", `/payment-methods/${stored.id}`, {
        body: { expiration_date: "12/30", scheme_transaction_id: "abc123", scheme_transaction_id_scheme: "visa" }
      })
      assert.strictEqual(updated.status, 200)
      assert.strictEqual(updated.body.expiration_date, "12/30")
      assert.strictEqual(updated.body.scheme_transaction_id, "abc123")
      assert.deepStrictEqual(
        { ...updated.body, expiration_date: stored.expiration_date, scheme_transaction_id: null, scheme_transaction_id_scheme: null, updated_at: stored.updated_at },
        stored
      )
      const again = await api("PUT", `/payment-methods/${stored.id}`, { body: { transaction_link_id: "link" } })
      assert.strictEqual(again.body.expiration_date, "12/30")
      assert.strictEqual(again.body.transaction_link_id, "link")
      assert.strictEqual((await api("PUT", `/payment-methods/${unknownId}`, { body: {} })).status, 404)
    })

    it("another merchant account's buyers, shipping details and cards do not exist for it", async () => {
      const buyer = await newBuyer()
      const shipping = (await api("POST", `/buyers/${buyer.id}/shipping-details`, { body: { first_name: "A" } })).body
      const card = (await storeCard({ buyer_id: buyer.id })).body
      for (const path of [
        `/buyers/${buyer.id}`,
        `/buyers/${buyer.id}/shipping-details`,
        `/buyers/${buyer.id}/shipping-details/${shipping.id}`,
        `/payment-methods/${card.id}`,
        `/payment-methods/${card.id}/network-tokens`
      ]) {
        assert.strictEqual((await api("GET", path, { headers: other })).status, 404, path)
      }
      assert.strictEqual((await api("DELETE", `/payment-methods/${card.id}`, { headers: other })).status, 404)
      assert.strictEqual((await api("PUT", `/buyers/${buyer.id}`, { body: {}, headers: other })).status, 404)
      const theirList = (await api("GET", "/payment-methods?limit=100", { headers: other })).body.items
      assert.notInclude(theirList.map((m: { id: string }) => m.id), card.id)
      assert.deepStrictEqual((await api("GET", `/buyers/payment-methods?buyer_id=${buyer.id}`, { headers: other })).body, { items: [] })
      // Shipping details are found under their own buyer only.
      const another = await newBuyer()
      assert.strictEqual((await api("GET", `/buyers/${another.id}/shipping-details/${shipping.id}`)).status, 404)
      // Still all there for the owner.
      assert.strictEqual((await api("GET", `/payment-methods/${card.id}`)).status, 200)
    })

    it("external identifiers are unique per merchant account: a clash is a 409 naming the holder", async () => {
      const first = await newBuyer({ external_identifier: "shared-ref" })
      const clash = await api("POST", "/buyers", { body: { external_identifier: "shared-ref" } })
      assert.strictEqual(clash.status, 409)
      assert.strictEqual(clash.body.code, "duplicate_record")
      assert.strictEqual(clash.body.resource_id, first.id)
      // Another account may use it; an update onto a taken one clashes too; clearing it frees it.
      assert.strictEqual((await api("POST", "/buyers", { body: { external_identifier: "shared-ref" }, headers: other })).status, 201)
      const second = await newBuyer({ external_identifier: "second-ref" })
      assert.strictEqual((await api("PUT", `/buyers/${second.id}`, { body: { external_identifier: "shared-ref" } })).status, 409)
      const cleared = await api("PUT", `/buyers/${first.id}`, { body: { external_identifier: null } })
      assert.notProperty(cleared.body, "external_identifier")
      assert.strictEqual((await api("PUT", `/buyers/${second.id}`, { body: { external_identifier: "shared-ref" } })).status, 200)
    })

    it("pages of buyers, plain and searched, neither repeat nor skip, forwards and back", async () => {
      const merchant = { "x-gr4vy-merchant-account-id": `pages-${storeName}` }
      const created: Array<string> = []
      for (let i = 0; i < 7; i++) {
        created.push((await newBuyer({ display_name: i % 2 === 0 ? `Even ${i}` : `Odd ${i}` }, merchant)).id)
      }
      const walk = async (query: string) => {
        const forwards: Array<string> = []
        let page = (await api("GET", `/buyers?limit=2${query}`, { headers: merchant })).body
        assert.isNull(page.previous_cursor)
        forwards.push(...page.items.map((b: { id: string }) => b.id))
        while (page.next_cursor !== null) {
          const last = page
          page = (await api("GET", `/buyers?limit=2${query}&cursor=${last.next_cursor}`, { headers: merchant })).body
          assert.strictEqual(page.limit, 2)
          forwards.push(...page.items.map((b: { id: string }) => b.id))
        }
        const backwards: Array<string> = page.items.map((b: { id: string }) => b.id)
        while (page.previous_cursor !== null) {
          page = (await api("GET", `/buyers?limit=2${query}&cursor=${page.previous_cursor}`, { headers: merchant })).body
          backwards.unshift(...page.items.map((b: { id: string }) => b.id))
        }
        return { forwards, backwards }
      }
      const all = await walk("")
      assert.deepStrictEqual(all.forwards, created.toReversed())
      assert.deepStrictEqual(all.backwards, all.forwards)
      const evens = await walk("&search=even")
      assert.deepStrictEqual(evens.forwards, created.filter((_, i) => i % 2 === 0).toReversed())
      assert.deepStrictEqual(evens.backwards, evens.forwards)

      // A buyer added between two page reads does not shift the pages already handed out.
      const first = (await api("GET", "/buyers?limit=3", { headers: merchant })).body
      await newBuyer({}, merchant)
      const second = (await api("GET", `/buyers?limit=3&cursor=${first.next_cursor}`, { headers: merchant })).body
      assert.deepStrictEqual(
        [...first.items, ...second.items].map((b: { id: string }) => b.id),
        created.toReversed().slice(0, 6)
      )
      const garbage = await api("GET", "/buyers?cursor=not-a-cursor", { headers: merchant })
      assert.strictEqual(garbage.status, 400)
      assert.deepStrictEqual(pointers(garbage.body), ["/cursor"])
    })

    it("stored cards are listed by buyer, external identifier and status", async () => {
      const merchant = { "x-gr4vy-merchant-account-id": `cards-${storeName}` }
      const buyer = await newBuyer({ external_identifier: "holder" }, merchant)
      const mine = (await storeCard({ buyer_id: buyer.id }, merchant)).body
      const loose = (await storeCard({ external_identifier: "loose-card", number: amex, security_code: "1234" }, merchant)).body
      const ids = async (query: string) =>
        (await api("GET", `/payment-methods?${query}`, { headers: merchant })).body.items.map((m: { id: string }) => m.id)
      assert.deepStrictEqual(await ids(""), [loose.id, mine.id])
      assert.deepStrictEqual(await ids(`buyer_id=${buyer.id}`), [mine.id])
      assert.deepStrictEqual(await ids("buyer_external_identifier=holder"), [mine.id])
      assert.deepStrictEqual(await ids("buyer_external_identifier=nobody"), [])
      assert.deepStrictEqual(await ids("external_identifier=loose-card"), [loose.id])
      assert.deepStrictEqual(await ids("status=succeeded"), [loose.id, mine.id])
      assert.deepStrictEqual(await ids("status=failed&status=processing"), [])
      assert.strictEqual(loose.scheme, "amex")
      const summaries = (await api("GET", "/buyers/payment-methods?buyer_external_identifier=holder", { headers: merchant })).body
      assert.deepStrictEqual(summaries.items.map((m: { id: string }) => m.id), [mine.id])
      assert.notProperty(summaries.items[0], "buyer")
      const unnamed = await api("GET", "/buyers/payment-methods", { headers: merchant })
      assert.strictEqual(unnamed.status, 400)
    })

    it("a buyer's gift cards are an empty list (no gift card service), never the buyer lookup of /buyers/:buyer_id", async () => {
      const merchant = { "x-gr4vy-merchant-account-id": `gift-cards-${storeName}` }
      const buyer = await newBuyer({ external_identifier: "gift-holder" }, merchant)
      for (
        const query of [`buyer_id=${buyer.id}`, "buyer_external_identifier=gift-holder", `buyer_id=${unknownId}`, ""]
      ) {
        const listed = await api("GET", `/buyers/gift-cards?${query}&order_by=asc`, { headers: merchant })
        assert.strictEqual(listed.status, 200, query)
        assert.deepStrictEqual(listed.body, { items: [] }, query)
      }
      const malformed = await api("GET", "/buyers/gift-cards?buyer_id=x", { headers: merchant })
      assert.strictEqual(malformed.status, 400)
      assert.deepStrictEqual(pointers(malformed.body), ["/buyer_id"])
    })

    it("a checkout session's card becomes a stored card; a session without one, unknown or another's is a 400 at /id", async () => {
      const session = (await api("POST", "/checkout/sessions", { body: {} })).body.id
      const fromEmpty = await api("POST", "/payment-methods", { body: { method: "checkout-session", id: session } })
      assert.strictEqual(fromEmpty.status, 400)
      assert.strictEqual(fromEmpty.body.message, "Request failed validation")
      assert.deepStrictEqual(pointers(fromEmpty.body), ["/id"])

      await api("PUT", `/checkout/sessions/${session}/fields`, {
        body: { payment_method: { method: "card", number: amex, expiration_date: "09/37", security_code: code } }
      })
      const sessionCard = (await api("GET", `/checkout/sessions/${session}`)).body.payment_method
      const stored = await api("POST", "/payment-methods", { body: { method: "checkout-session", id: session } })
      assert.strictEqual(stored.status, 201)
      assert.strictEqual(stored.body.scheme, "amex")
      assert.strictEqual(stored.body.label, "0005")
      assert.strictEqual(stored.body.fingerprint, sessionCard.fingerprint)
      assert.strictEqual(stored.body.details.bin, "378282")

      for (const [id, headers] of [[unknownId, {}], [session, other]] as const) {
        const refused = await api("POST", "/payment-methods", { body: { method: "checkout-session", id }, headers })
        assert.strictEqual(refused.status, 400)
        assert.deepStrictEqual(pointers(refused.body), ["/id"])
      }
      const redirect = await api("POST", "/payment-methods", {
        body: { method: "paypal", country: "GB", currency: "GBP", redirect_url: "https://example.com" }
      })
      assert.strictEqual(redirect.status, 400)
      assert.deepStrictEqual(pointers(redirect.body), ["/method"])
    })

    it("deleting a buyer deletes its shipping details and its cards; other cards stay", async () => {
      const buyer = await newBuyer()
      const shipping = (await api("POST", `/buyers/${buyer.id}/shipping-details`, { body: { last_name: "B" } })).body
      const card = (await storeCard({ buyer_id: buyer.id })).body
      const kept = (await storeCard()).body
      assert.strictEqual((await api("DELETE", `/buyers/${buyer.id}`)).status, 204)
      assert.strictEqual((await api("GET", `/buyers/${buyer.id}`)).status, 404)
      assert.strictEqual((await api("GET", `/buyers/${buyer.id}/shipping-details/${shipping.id}`)).status, 404)
      assert.strictEqual((await api("GET", `/payment-methods/${card.id}`)).status, 404)
      assert.strictEqual((await api("GET", `/payment-methods/${kept.id}`)).status, 200)
      assert.strictEqual((await api("DELETE", `/buyers/${buyer.id}`)).status, 404)
    })

    it("a card's number and security code are in no answer, no journal entry and no stored byte", async () => {
      const stored = await storeCard()
      const listed = await api("GET", "/payment-methods?limit=100")
      const session = (await api("POST", "/checkout/sessions", { body: {} })).body.id
      await api("PUT", `/checkout/sessions/${session}/fields`, {
        body: { payment_method: { method: "id", id: stored.body.id, security_code: code } }
      })
      const read = await api("GET", `/checkout/sessions/${session}`)
      const journal = await api("GET", "/_mock/requests")
      const entries = await Promise.all(
        journal.body.items.map((e: { id: string }) => api("GET", `/_mock/requests/${e.id}`))
      )
      for (const text of [stored, listed, read, journal, ...entries].map((r) => JSON.stringify(r.body))) {
        assert.notInclude(text, visa)
        assert.notInclude(text, amex)
        assert.notInclude(text, `"${code}"`)
      }
      if (storeName === "SQLite") {
        // Every byte the store wrote (the databases and their journals) is free of both.
        const files = readdirSync(dir).map((file) => [file, readFileSync(join(dir, file)).toString("latin1")] as const)
        // The files read hold what the vault stored (in the database or its write-ahead log).
        assert.isTrue(files.some(([, bytes]) => bytes.includes(stored.body.fingerprint)), files.map(([f]) => f).join(", "))
        for (const [file, bytes] of files) {
          assert.notInclude(bytes, visa, file)
          assert.notInclude(bytes, amex, file)
          assert.notInclude(bytes, `"${code}"`, file)
        }
      }
    })
  })
}

describe("buyers and the vault behind the token's scopes", () => {
  const merchant = makeKeyPair()
  const bound = makeKeyPair()
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({
      auth: { kind: "jwt", publicKeys: [merchant.publicKeyPem, { pem: bound.publicKeyPem, merchantAccountId: "globex" }] }
    })
  })
  afterAll(() => server.close())

  const as = async (scopes: ReadonlyArray<string>, method: string, path: string, body?: unknown) =>
    (await call(server.url, method, path, {
      ...(body === undefined ? {} : { body }),
      headers: { authorization: `Bearer ${await signToken(merchant.privateKey, merchant.publicKey, { scopes })}` }
    })).status

  it("each call needs its resource's scope (or the wildcard); a buyer's cards may be read with embed", async () => {
    const card = { method: "card", number: visa, expiration_date: "10/38" }
    assert.strictEqual(await as(["checkout-sessions.write"], "POST", "/buyers", {}), 403)
    assert.strictEqual(await as(["buyers.read"], "POST", "/buyers", {}), 403)
    assert.strictEqual(await as(["buyers.write"], "POST", "/buyers", {}), 201)
    assert.strictEqual(await as(["buyers.write"], "POST", "/payment-methods", card), 403)
    assert.strictEqual(await as(["payment-methods.write"], "POST", "/payment-methods", card), 201)
    assert.strictEqual(await as(["*.read"], "GET", "/payment-methods"), 200)
    assert.strictEqual(await as(["embed"], "GET", `/buyers/payment-methods?buyer_id=${unknownId}`), 200)
    assert.strictEqual(await as(["embed"], "GET", "/buyers"), 403)
    assert.strictEqual(await as(["buyers.read"], "GET", `/buyers/gift-cards?buyer_id=${unknownId}`), 403)
    assert.strictEqual(await as(["gift-cards.read"], "GET", `/buyers/gift-cards?buyer_id=${unknownId}`), 200)
  })

  it("a key bound to a merchant account acts on it without the header, and the journal names it", async () => {
    await call(server.url, "POST", "/_mock/reset")
    const token = await signToken(bound.privateKey, bound.publicKey)
    const created = await call(server.url, "POST", "/buyers", { body: {}, headers: { authorization: `Bearer ${token}` } })
    assert.strictEqual(created.body.merchant_account_id, "globex")
    const items = (await call(server.url, "GET", "/_mock/requests")).body.items as Array<Record<string, unknown>>
    assert.deepStrictEqual(items.map((e) => [e.operation, e.merchant_account_id]), [["addBuyer", "globex"]])
  })
})
