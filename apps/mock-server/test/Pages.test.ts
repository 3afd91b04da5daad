/**
 * Narrowed pages (a buyer `search`, a payment method `status`) in-process on
 * the memory document store: walked forwards and back, with scans smaller
 * than a page so every page spans several reads of the store, they hold
 * exactly the matching documents, newest first, none twice, none skipped.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { DocumentStore, type StoredDocument } from "../src/store/DocumentStore.ts"
import * as Pages from "../src/store/Pages.ts"

const query = { merchantAccountId: "m", kind: "thing" } as const

// 40 documents, one per millisecond; every third matches.
const seed = Effect.gen(function*() {
  const store = yield* DocumentStore
  for (let i = 0; i < 40; i++) {
    yield* store.insert({ ...query, id: `doc-${String(i).padStart(2, "0")}`, createdAt: 1_000 + i, body: JSON.stringify({ i }) })
  }
})
const keep = (document: StoredDocument) => (JSON.parse(document.body) as { i: number }).i % 3 === 0
const expected = Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 3 === 0).toReversed().map((i) => `doc-${String(i).padStart(2, "0")}`)

const ids = (page: { items: ReadonlyArray<StoredDocument> }) => page.items.map((d) => d.id)

describe("narrowed pages", () => {
  for (const [limit, scanSize] of [[2, 3], [3, 5], [5, 2], [20, 100]] as const) {
    it.effect(`limit ${limit}, scans of ${scanSize}: forwards then back, every match once, in order`, () =>
      Effect.gen(function*() {
        yield* seed
        let page = yield* Pages.page({ ...query, limit }, keep, scanSize)
        assert.isUndefined(page.previousCursor)
        const forwards = ids(page)
        while (page.nextCursor !== undefined) {
          page = yield* Pages.page({ ...query, limit, cursor: page.nextCursor }, keep, scanSize)
          assert.isAtMost(page.items.length, limit)
          forwards.push(...ids(page))
        }
        assert.deepStrictEqual(forwards, expected)
        const backwards = ids(page)
        while (page.previousCursor !== undefined) {
          page = yield* Pages.page({ ...query, limit, cursor: page.previousCursor }, keep, scanSize)
          assert.strictEqual(page.items.length, limit)
          backwards.unshift(...ids(page))
        }
        assert.deepStrictEqual(backwards, expected)
      }).pipe(Effect.provide(DocumentStore.layerMemory)))
  }

  it.effect("a cursor no page gave is a 400 at /cursor", () =>
    Effect.gen(function*() {
      const refused = yield* Effect.flip(Pages.page({ ...query, limit: 2, cursor: "nonsense" }, keep))
      assert.strictEqual(refused.status, 400)
      assert.deepStrictEqual(refused.details?.map((d) => d.pointer), ["/cursor"])
    }).pipe(Effect.provide(DocumentStore.layerMemory)))
})
