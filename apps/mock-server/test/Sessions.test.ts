import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type * as Server from "../src/Server.ts"
import { startPostgres, type TestPostgres } from "@checkout-kit/test-postgres"
import { call, startServer, type TestServer } from "./support/server.ts"
import { specErrors } from "./support/spec.ts"

const dir = mkdtempSync(join(tmpdir(), "mock-sessions-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// PostgreSQL: a fresh database in a throwaway cluster (@checkout-kit/test-postgres), started by the first test that needs it.
let postgres: TestPostgres | undefined
afterAll(() => postgres?.dispose())

const stores: ReadonlyArray<readonly [string, () => Promise<Server.StoreOption>]> = [
  ["memory", async () => ({ kind: "memory" })],
  ["sqlite", async () => ({ kind: "sqlite", path: join(dir, "sessions.db") })],
  ["postgres", async () => {
    postgres = await startPostgres()
    return { kind: "postgres", url: await postgres.createDatabase("sessions") }
  }]
]

for (const [storeName, store] of stores) {
  describe(`GET /_mock/sessions (${storeName} store)`, () => {
    let server: TestServer
    beforeAll(async () => {
      server = await startServer({ store: await store() })
    })
    afterAll(() => server.close())

    const create = async (account: string, order: number) => {
      const response = await call(server.url, "POST", "/checkout/sessions", {
        body: { metadata: { order: String(order) } },
        headers: { "x-gr4vy-merchant-account-id": account }
      })
      assert.strictEqual(response.status, 201)
      return response.body.id as string
    }
    const list = (query = "") => call(server.url, "GET", `/_mock/sessions${query}`)

    it("lists live sessions newest first, each with its merchant account, creation time and current JSON", async () => {
      await call(server.url, "POST", "/_mock/reset")
      const ids: Array<string> = []
      // One at a time: each is created after the previous one answered.
      for (let i = 0; i < 5; i++) ids.push(await create(i % 2 === 0 ? "acme" : "globex", i))
      const response = await list()
      assert.strictEqual(response.status, 200)
      assert.deepStrictEqual(response.body.items.map((item: any) => item.session.id), ids.toReversed())
      assert.isNull(response.body.next_cursor)
      const [newest] = response.body.items
      assert.strictEqual(newest.merchant_account_id, "acme")
      assert.deepStrictEqual(newest.session.metadata, { order: "4" })
      assert.deepStrictEqual(specErrors("CheckoutSession", newest.session), [])
      assert.isAtMost(Date.parse(response.body.items[1].created_at), Date.parse(newest.created_at))
    })

    it("filters by merchant account", async () => {
      await call(server.url, "POST", "/_mock/reset")
      const acme = [await create("acme", 1), await create("acme", 2)]
      await create("globex", 3)
      const response = await list("?merchant_account_id=acme")
      assert.deepStrictEqual(response.body.items.map((item: any) => item.session.id), acme.toReversed())
      assert.deepStrictEqual((await list("?merchant_account_id=nobody")).body.items, [])
    })

    it("pages with limit and next_cursor, each session once, also when sessions are created in between", async () => {
      await call(server.url, "POST", "/_mock/reset")
      const ids: Array<string> = []
      for (let i = 0; i < 7; i++) ids.push(await create("default", i))
      const seen: Array<string> = []
      let cursor: string | null = null
      let pages = 0
      do {
        const page: any = (await list(`?limit=3${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`)).body
        assert.isAtMost(page.items.length, 3)
        seen.push(...page.items.map((item: any) => item.session.id))
        cursor = page.next_cursor
        // A session created while paging is newer than the first page: it does not shift the pages after it.
        if (pages++ === 0) await create("default", 99)
      } while (cursor !== null)
      assert.deepStrictEqual(seen, ids.toReversed())
      assert.strictEqual(pages, 3)
    })

    it("leaves out expired sessions", async () => {
      await call(server.url, "POST", "/_mock/reset")
      const short = await create("default", 1)
      const long = (await call(server.url, "POST", "/checkout/sessions", { body: { expires_in: 7200 } })).body.id
      await call(server.url, "POST", "/_mock/clock", { body: { advance_seconds: 3601 } })
      try {
        const ids = (await list()).body.items.map((item: any) => item.session.id)
        assert.deepStrictEqual(ids, [long])
        assert.notInclude(ids, short)
      } finally {
        await call(server.url, "POST", "/_mock/reset")
      }
    })

    it("a bad limit or cursor answers 400 naming the query parameter", async () => {
      for (const query of ["?limit=0", "?limit=101", "?limit=ten", "?limit=1.5", "?cursor=garbage", "?limit=1&limit=2"]) {
        const response = await list(query)
        assert.strictEqual(response.status, 400, query)
        assert.deepStrictEqual(specErrors("Error400", response.body), [])
        assert.strictEqual(response.body.details[0].location, "query", query)
      }
      assert.strictEqual((await list("?limit=ten")).body.details[0].pointer, "/limit")
      assert.strictEqual((await list("?cursor=garbage")).body.details[0].pointer, "/cursor")
    })
  })
}

describe("the listing in the contract", () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())

  it("/openapi.json documents /_mock/sessions with its query and answer", async () => {
    const { paths } = (await call(server.url, "GET", "/openapi.json")).body
    const operation = paths["/_mock/sessions"].get
    assert.deepStrictEqual(
      operation.parameters.filter((p: any) => p.in === "query").map((p: any) => p.name).toSorted(),
      ["cursor", "limit", "merchant_account_id"]
    )
    const schema = operation.responses["200"].content["application/json"].schema
    assert.isDefined(schema)
    for (const path of ["/_mock/requests/{request_id}", "/_mock/events", "/_mock/ui"]) assert.property(paths, path)
  })
})
