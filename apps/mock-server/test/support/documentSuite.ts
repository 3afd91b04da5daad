import { assert, layer } from "@effect/vitest"
import { Context, Effect, Exit, type Layer } from "effect"
import fc from "fast-check"
import {
  type DocumentChange,
  type DocumentPage,
  DocumentStore,
  newestFirst,
  type NewDocument,
  scanOrder,
  type StoredDocument
} from "../../src/store/DocumentStore.ts"

class Caller extends Context.Service<Caller, { readonly name: string }>()("test/Caller") {}

// Every test works in merchant accounts of its own: the suite shares one store per backend.
let accounts = 0
const freshAccount = () => `account-${++accounts}`

const doc = (merchantAccountId: string, id: string, options: Partial<NewDocument> = {}): NewDocument => ({
  merchantAccountId,
  kind: "buyer",
  id,
  createdAt: 1_000,
  body: JSON.stringify({ type: "buyer", id }),
  ...options
})

const bodyAs = (change: string) => (current: StoredDocument): Effect.Effect<DocumentChange> =>
  Effect.succeed({ ...current, body: change, updatedAt: current.updatedAt + 1 })

const ids = (items: ReadonlyArray<StoredDocument>) => items.map((item) => item.id)
const keyOf = (d: StoredDocument) => JSON.stringify([d.merchantAccountId, d.kind, d.id])

// A walk through pages: every document there when it began is read once, in order; none is read twice.
const checkWalk = (items: ReadonlyArray<StoredDocument>, there: ReadonlySet<string>) => {
  const seenIds = ids(items)
  assert.strictEqual(new Set(seenIds).size, seenIds.length, `repeated: ${JSON.stringify(seenIds)}`)
  for (const id of there) assert.include(seenIds, id)
  for (let i = 1; i < items.length; i++) assert.isBelow(newestFirst(items[i - 1], items[i]), 0)
}

/**
 * The behaviour every `DocumentStore` backend shares, in-process on the
 * backend's layer (under the TestClock: the documents' times are given, never
 * read from a clock). `liveClock`: the layer and tests run on the real clock
 * (PostgreSQL's connection pool times its idle connections).
 */
export const documentSuite = (name: string, store: Layer.Layer<DocumentStore, unknown>, options?: { readonly liveClock: boolean }) =>
  layer(store, { excludeTestServices: options?.liveClock ?? false })(`DocumentStore (${name})`, (it) => {
    it.effect("insert answers version 1 and get reads it back; another account's document does not exist", () =>
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        const [mine, theirs] = [freshAccount(), freshAccount()]
        const inserted = yield* documents.insert(doc(mine, "b-1", { externalIdentifier: "ext", parentId: "p" }))
        assert.deepStrictEqual(inserted, {
          merchantAccountId: mine,
          kind: "buyer",
          id: "b-1",
          version: 1,
          createdAt: 1_000,
          updatedAt: 1_000,
          parentId: "p",
          externalIdentifier: "ext",
          uniqueKey: undefined,
          body: JSON.stringify({ type: "buyer", id: "b-1" })
        })
        assert.deepStrictEqual(yield* documents.get(mine, "buyer", "b-1"), inserted)
        assert.isUndefined(yield* documents.get(theirs, "buyer", "b-1"))
        // Another kind with the same id: another document.
        assert.isUndefined(yield* documents.get(mine, "payment-method", "b-1"))
        assert.isFalse(yield* documents.remove(theirs, "buyer", "b-1"))
        const notFound = yield* Effect.flip(documents.update(theirs, "buyer", "b-1", undefined, bodyAs("{}")))
        assert.strictEqual(notFound._tag, "DocumentNotFound")
        const page = yield* documents.list({ merchantAccountId: theirs, kind: "buyer", limit: 10 })
        assert.deepStrictEqual(page.items, [])
        assert.deepStrictEqual(yield* documents.get(mine, "buyer", "b-1"), inserted)
      }))

    it.effect("getById finds a document whatever its account; of two, the account that sorts first", () =>
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        const id = `shared-${freshAccount()}`
        assert.isUndefined(yield* documents.getById("buyer", id))
        yield* documents.insert(doc("zz-account", id))
        assert.strictEqual((yield* documents.getById("buyer", id))?.merchantAccountId, "zz-account")
        yield* documents.insert(doc("aa-account", id))
        assert.strictEqual((yield* documents.getById("buyer", id))?.merchantAccountId, "aa-account")
        assert.isUndefined(yield* documents.getById("refund", id))
      }))

    it.effect("a second insert of an id conflicts and changes nothing", () =>
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        const account = freshAccount()
        const first = yield* documents.insert(doc(account, "dup"))
        const conflict = yield* Effect.flip(documents.insert(doc(account, "dup", { body: "{\"other\":true}", createdAt: 5 })))
        assert.strictEqual(conflict._tag, "DocumentConflict")
        assert.strictEqual(conflict.on, "id")
        assert.deepStrictEqual(yield* documents.get(account, "buyer", "dup"), first)
      }))

    it.effect("uniqueKey is unique per account and kind, found by getByUniqueKey, freed by remove and by update", () =>
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        const [account, other] = [freshAccount(), freshAccount()]
        const key = { kind: "idempotency-key", uniqueKey: "key-1" }
        const first = yield* documents.insert(doc(account, "k-1", key))
        const taken = yield* Effect.flip(documents.insert(doc(account, "k-2", key)))
        assert.deepStrictEqual([taken._tag, taken.on], ["DocumentConflict", "uniqueKey"])
        assert.isUndefined(yield* documents.get(account, "idempotency-key", "k-2"))
        // Another account, another kind: free.
        yield* documents.insert(doc(other, "k-2", key))
        yield* documents.insert(doc(account, "k-3", { ...key, kind: "transaction" }))
        assert.deepStrictEqual(yield* documents.getByUniqueKey(account, "idempotency-key", "key-1"), first)
        assert.strictEqual((yield* documents.getByUniqueKey(other, "idempotency-key", "key-1"))?.id, "k-2")
        assert.isUndefined(yield* documents.getByUniqueKey(account, "idempotency-key", "key-2"))

        // An update may not take a key another document holds; it may move its own.
        yield* documents.insert(doc(account, "k-4", { kind: "idempotency-key", uniqueKey: "key-4" }))
        const moved = yield* Effect.flip(
          documents.update(account, "idempotency-key", "k-4", undefined, (current) =>
            Effect.succeed({ ...current, uniqueKey: "key-1" }))
        )
        assert.deepStrictEqual([moved._tag, (moved as { on?: string }).on], ["DocumentConflict", "uniqueKey"])
        assert.strictEqual((yield* documents.get(account, "idempotency-key", "k-4"))?.version, 1)
        yield* documents.update(account, "idempotency-key", "k-4", 1, (current) => Effect.succeed({ ...current, uniqueKey: "key-5" }))
        yield* documents.insert(doc(account, "k-6", { kind: "idempotency-key", uniqueKey: "key-4" }))

        assert.isTrue(yield* documents.remove(account, "idempotency-key", "k-1"))
        assert.isUndefined(yield* documents.getByUniqueKey(account, "idempotency-key", "key-1"))
        yield* documents.insert(doc(account, "k-7", key))
      }))

    it.effect("list filters by parent and by external identifier, newest first, ties by id", () =>
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        const account = freshAccount()
        yield* documents.insert(doc(account, "pm-a", { kind: "payment-method", parentId: "buyer-1", createdAt: 10 }))
        yield* documents.insert(doc(account, "pm-c", { kind: "payment-method", parentId: "buyer-1", createdAt: 20 }))
        yield* documents.insert(doc(account, "pm-b", { kind: "payment-method", parentId: "buyer-1", createdAt: 20 }))
        yield* documents.insert(doc(account, "pm-d", { kind: "payment-method", parentId: "buyer-2", createdAt: 30 }))
        yield* documents.insert(doc(account, "pm-e", { kind: "payment-method", createdAt: 40 }))
        yield* documents.insert(doc(account, "b-1", { externalIdentifier: "shop-42", createdAt: 5 }))
        yield* documents.insert(doc(account, "b-2", { externalIdentifier: "shop-43", createdAt: 6 }))
        const list = (query: { parentId?: string; externalIdentifier?: string; kind?: string }) =>
          Effect.map(
            documents.list({ merchantAccountId: account, kind: "payment-method", limit: 50, ...query }),
            (page) => ids(page.items)
          )
        assert.deepStrictEqual(yield* list({}), ["pm-e", "pm-d", "pm-c", "pm-b", "pm-a"])
        assert.deepStrictEqual(yield* list({ parentId: "buyer-1" }), ["pm-c", "pm-b", "pm-a"])
        assert.deepStrictEqual(yield* list({ parentId: "buyer-3" }), [])
        assert.deepStrictEqual(yield* list({ kind: "buyer", externalIdentifier: "shop-42" }), ["b-1"])
        assert.deepStrictEqual(yield* list({ kind: "buyer" }), ["b-2", "b-1"])
        // Both filters, in pages of one: a page of the parent's documents that lack the identifier is not short.
        yield* documents.insert(doc(account, "pm-f", { kind: "payment-method", parentId: "buyer-1", externalIdentifier: "x", createdAt: 1 }))
        const both = { merchantAccountId: account, kind: "payment-method", parentId: "buyer-1", externalIdentifier: "x", limit: 1 }
        const only = yield* documents.list(both)
        assert.deepStrictEqual([ids(only.items), only.nextCursor, only.previousCursor], [["pm-f"], undefined, undefined])
        yield* documents.insert(doc(account, "pm-g", { kind: "payment-method", parentId: "buyer-1", externalIdentifier: "x", createdAt: 0 }))
        const firstOfTwo = yield* documents.list(both)
        assert.deepStrictEqual(ids(firstOfTwo.items), ["pm-f"])
        assert.deepStrictEqual(ids((yield* documents.list({ ...both, cursor: firstOfTwo.nextCursor })).items), ["pm-g"])
        // An update may move a document to another parent.
        yield* documents.update(account, "payment-method", "pm-e", undefined, (current) =>
          Effect.succeed({ ...current, parentId: "buyer-2" }))
        assert.deepStrictEqual(yield* list({ parentId: "buyer-2" }), ["pm-e", "pm-d"])
        // Ties by id in code-point order, on every backend (U+FFFF before U+10000, whose UTF-16 starts with 0xD800).
        yield* documents.insert(doc(account, "\uffff", { kind: "refund" }))
        yield* documents.insert(doc(account, "\u{10000}", { kind: "refund" }))
        yield* documents.insert(doc(account, "z", { kind: "refund" }))
        assert.deepStrictEqual(yield* list({ kind: "refund" }), ["\u{10000}", "\uffff", "z"])
      }))

    it.effect("pages and their cursors: forward and back, and a cursor that is not one fails", () =>
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        const account = freshAccount()
        for (let i = 0; i < 7; i++) yield* documents.insert(doc(account, `d-${i}`, { createdAt: 100 + i }))
        const page = (cursor?: string) => documents.list({ merchantAccountId: account, kind: "buyer", limit: 3, cursor })
        const first = yield* page()
        assert.deepStrictEqual(ids(first.items), ["d-6", "d-5", "d-4"])
        assert.isUndefined(first.previousCursor)
        const second = yield* page(first.nextCursor)
        assert.deepStrictEqual(ids(second.items), ["d-3", "d-2", "d-1"])
        const third = yield* page(second.nextCursor)
        assert.deepStrictEqual(ids(third.items), ["d-0"])
        assert.isUndefined(third.nextCursor)
        const back = yield* page(third.previousCursor)
        assert.deepStrictEqual(back, second)
        const front = yield* page(back.previousCursor)
        assert.deepStrictEqual(ids(front.items), ids(first.items))
        assert.isUndefined(front.previousCursor)
        assert.strictEqual(front.nextCursor, first.nextCursor)
        for (const cursor of ["nope", "", "%%%", Buffer.from("[\"x\",1,\"a\"]").toString("base64url")]) {
          const invalid = yield* Effect.flip(page(cursor))
          assert.deepStrictEqual([invalid._tag, invalid.cursor], ["InvalidCursor", cursor])
        }
      }))

    it.effect("pages neither repeat nor skip a document, whatever is inserted between two page reads", () =>
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        // Creation times from a small range: many ties, broken by id.
        const insertion = fc.record({ createdAt: fc.integer({ min: 0, max: 6 }), id: fc.string({ minLength: 1, maxLength: 4 }) })
        const scenario = fc.record({
          initial: fc.uniqueArray(insertion, { maxLength: 30, selector: (d) => d.id }),
          limit: fc.integer({ min: 1, max: 7 }),
          between: fc.array(fc.array(insertion, { maxLength: 4 }), { maxLength: 12 })
        })
        const run = ({ between, initial, limit }: typeof scenario extends fc.Arbitrary<infer T> ? T : never) =>
          Effect.gen(function*() {
            const account = freshAccount()
            const stored = new Set<string>()
            const insert = (d: { createdAt: number; id: string }) =>
              stored.has(d.id) ? Effect.void : Effect.asVoid(documents.insert(doc(account, d.id, { createdAt: d.createdAt }))).pipe(
                Effect.tap(() => Effect.sync(() => stored.add(d.id)))
              )
            yield* Effect.forEach(initial, insert, { discard: true })
            let read = 0
            // Pages from `first` on, following one cursor, with the next insertions between two page reads.
            const walk = (first: DocumentPage, towards: "nextCursor" | "previousCursor") =>
              Effect.gen(function*() {
                const pages = [first]
                for (let page = first; page[towards] !== undefined;) {
                  yield* Effect.forEach(between[read++] ?? [], insert, { discard: true })
                  page = yield* documents.list({ merchantAccountId: account, kind: "buyer", limit, cursor: page[towards] })
                  assert.isAtMost(page.items.length, limit)
                  pages.push(page)
                  // More pages than documents: a cursor that does not move on.
                  assert.isAtMost(pages.length, stored.size + 1, "the pages never end")
                }
                return pages
              })
            const atFirst = new Set(stored)
            const forward = yield* walk(yield* documents.list({ merchantAccountId: account, kind: "buyer", limit }), "nextCursor")
            checkWalk(forward.flatMap((page) => page.items), atFirst)
            // Back from the last page (read after the last insertions so far): every document there then.
            const atLast = new Set(stored)
            const backward = yield* walk(forward[forward.length - 1], "previousCursor")
            checkWalk(backward.toReversed().flatMap((page) => page.items), atLast)
          })
        yield* Effect.promise(() =>
          fc.assert(fc.asyncProperty(scenario, (value) => Effect.runPromise(Effect.provideService(run(value), DocumentStore, documents))), {
            numRuns: 60
          })
        )
      }))

    it.effect("scan pages across kinds and accounts, filtered by kind or account, never repeating or skipping", () =>
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        const [one, two] = [freshAccount(), freshAccount()]
        // A kind of this test's own, so the scan by kind sees no other test's documents.
        const kind = `scanned-${one}`
        const there = new Set<string>()
        // Ties everywhere: one creation time for several, one id in several kinds and accounts.
        for (const [i, [account, k, id]] of ([
          [one, kind, "x"],
          [one, "buyer", "x"],
          [two, kind, "x"],
          [two, "buyer", "y"],
          [one, "payment-method", "x"],
          [one, kind, "z"],
          [two, kind, "a"]
        ] as const).entries()) {
          there.add(keyOf(yield* documents.insert(doc(account, id, { kind: k, createdAt: 10 + (i % 3) }))))
        }
        // Every page of `query`, inserting a newer document of the same scope between two page reads.
        const walk = (query: { readonly kind?: string; readonly merchantAccountId?: string }, limit: number) =>
          Effect.gen(function*() {
            const read: Array<StoredDocument> = []
            let cursor: string | undefined
            let inserted = 0
            do {
              const page = yield* documents.scan({ ...query, limit, cursor })
              assert.isAtMost(page.items.length, limit)
              read.push(...page.items)
              cursor = page.nextCursor
              yield* documents.insert(
                doc(query.merchantAccountId ?? one, `new-${limit}-${inserted++}`, { kind: query.kind ?? "buyer", createdAt: 99 })
              )
            } while (cursor !== undefined)
            const keys = read.map(keyOf)
            assert.strictEqual(new Set(keys).size, keys.length, `repeated: ${JSON.stringify(keys)}`)
            for (let i = 1; i < read.length; i++) {
              assert.isBelow(scanOrder(read[i - 1], read[i]), 0)
            }
            return read
          })
        for (const limit of [1, 2, 3, 100]) {
          const byKind = yield* walk({ kind }, limit)
          assert.deepStrictEqual(
            byKind.filter((d) => d.createdAt < 99).map((d) => [d.merchantAccountId, d.id]),
            [[one, "z"], [two, "x"], [one, "x"], [two, "a"]]
          )
          assert.isTrue(byKind.every((d) => d.kind === kind))
          const ofTwo = yield* walk({ merchantAccountId: two }, limit)
          assert.deepStrictEqual(
            ofTwo.filter((d) => d.createdAt < 99).map((d) => [d.kind, d.id]),
            [[kind, "x"], ["buyer", "y"], [kind, "a"]]
          )
          const ofOne = yield* walk({ merchantAccountId: one }, limit)
          for (const k of there) {
            if (JSON.parse(k)[0] === one) assert.include(ofOne.map(keyOf), k)
          }
          assert.isTrue(ofOne.every((d) => d.merchantAccountId === one))
        }
        // Unfiltered: every document of both accounts is there, in order.
        const every: Array<StoredDocument> = []
        let next: string | undefined
        do {
          const page = yield* documents.scan({ limit: 5, cursor: next })
          every.push(...page.items)
          next = page.nextCursor
        } while (next !== undefined)
        for (const k of there) assert.include(every.map(keyOf), k)
        for (const cursor of ["nope", "", Buffer.from("[\"n\",1,\"a\"]").toString("base64url")]) {
          const invalid = yield* Effect.flip(documents.scan({ limit: 2, cursor }))
          assert.deepStrictEqual([invalid._tag, invalid.cursor], ["InvalidCursor", cursor])
        }
      }))

    it.effect("concurrent updates of one document are serialised: N increments give N, versions 2 to N + 1", () =>
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        const account = freshAccount()
        yield* documents.insert(doc(account, "counter", { kind: "transaction", body: "0" }))
        const n = 25
        const versions = yield* Effect.forEach(
          Array.from({ length: n }),
          () =>
            Effect.map(
              documents.update(account, "transaction", "counter", undefined, (current) =>
                // A yield between the read and the write: without the lock, another update would read the same value.
                Effect.as(Effect.yieldNow, { ...current, body: String(Number(current.body) + 1) })),
              (next) => next.version
            ),
          { concurrency: "unbounded" }
        )
        const final = yield* documents.get(account, "transaction", "counter")
        assert.strictEqual(final?.body, String(n))
        assert.strictEqual(final?.version, n + 1)
        assert.deepStrictEqual(versions.toSorted((a, b) => a - b), Array.from({ length: n }, (_, i) => i + 2))
      }))

    it.effect("an update at another version fails with VersionConflict and writes nothing; a failing f writes nothing", () =>
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        const account = freshAccount()
        yield* documents.insert(doc(account, "t-1", { kind: "transaction", body: "a" }))
        const second = yield* documents.update(account, "transaction", "t-1", 1, bodyAs("b"))
        assert.deepStrictEqual([second.version, second.body, second.createdAt, second.updatedAt], [2, "b", 1_000, 1_001])
        const stale = yield* Effect.flip(documents.update(account, "transaction", "t-1", 1, bodyAs("c")))
        assert.strictEqual(stale._tag, "VersionConflict")
        assert.deepInclude(stale, { kind: "transaction", id: "t-1", expected: 1, actual: 2 })
        const failed = yield* Effect.flip(documents.update(account, "transaction", "t-1", 2, () => Effect.fail("declined" as const)))
        assert.strictEqual(failed, "declined")
        assert.deepStrictEqual(yield* documents.get(account, "transaction", "t-1"), second)
      }))

    it.effect("transact keeps all its writes, or on a failure in the middle none of them", () =>
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        const account = freshAccount()
        const transaction = yield* documents.insert(doc(account, "t-1", { kind: "transaction", body: "{\"refunded\":0}" }))
        const refund = (id: string, amount: number) =>
          Effect.gen(function*() {
            yield* documents.insert(doc(account, id, { kind: "refund", parentId: "t-1", body: String(amount) }))
            yield* documents.update(account, "transaction", "t-1", undefined, (current) => {
              const refunded = JSON.parse(current.body).refunded + amount
              return refunded > 100 ? Effect.fail("over-refund" as const) : bodyAs(JSON.stringify({ refunded }))(current)
            })
          })
        yield* documents.transact(refund("r-1", 60))
        // The refund is inserted, then the update fails: the insert is undone.
        const failed = yield* Effect.exit(documents.transact(refund("r-2", 60)))
        assert.deepStrictEqual(failed, Exit.fail("over-refund"))
        // A defect in the middle: the same.
        const died = yield* Effect.exit(
          documents.transact(Effect.andThen(documents.insert(doc(account, "r-3", { kind: "refund" })), Effect.die("boom")))
        )
        assert.isTrue(Exit.hasDies(died))
        // Removal and clear-free writes are undone too.
        yield* Effect.exit(documents.transact(Effect.andThen(documents.remove(account, "refund", "r-1"), Effect.fail("no"))))

        const refunds = yield* documents.list({ merchantAccountId: account, kind: "refund", parentId: "t-1", limit: 10 })
        assert.deepStrictEqual(ids(refunds.items), ["r-1"])
        const after = yield* documents.get(account, "transaction", "t-1")
        assert.deepStrictEqual([after?.body, after?.version], ["{\"refunded\":60}", transaction.version + 1])
        assert.deepStrictEqual(yield* documents.countByKind(account), { transaction: 1, refund: 1 })
      }))

    it.effect("a transact inside a transact is a savepoint: its failure undoes its own writes only", () =>
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        const account = freshAccount()
        yield* documents.transact(
          Effect.gen(function*() {
            yield* documents.insert(doc(account, "outer"))
            const inner = yield* Effect.exit(
              documents.transact(Effect.andThen(documents.insert(doc(account, "inner")), Effect.fail("inner failed")))
            )
            assert.deepStrictEqual(inner, Exit.fail("inner failed"))
            // A conflict inside a transaction leaves it usable.
            const conflict = yield* Effect.flip(documents.insert(doc(account, "outer")))
            assert.strictEqual(conflict._tag, "DocumentConflict")
            yield* documents.insert(doc(account, "after"))
          })
        )
        const page = yield* documents.list({ merchantAccountId: account, kind: "buyer", limit: 10 })
        assert.deepStrictEqual(ids(page.items).toSorted(), ["after", "outer"])
        // The transaction's effect runs with the caller's services.
        const seen = yield* documents.transact(Effect.map(Caller, (caller) => caller.name)).pipe(
          Effect.provideService(Caller, { name: "refunds" })
        )
        assert.strictEqual(seen, "refunds")
      }))

    it.effect("writes made while a transaction runs wait for it, and are not undone by its failure", () =>
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        const account = freshAccount()
        yield* documents.insert(doc(account, "c", { body: "0" }))
        // An increment yields between its read and its write: a transaction may begin meanwhile, and must wait.
        const increment = documents.update(account, "buyer", "c", undefined, (current) =>
          Effect.as(Effect.yieldNow, { ...current, body: String(Number(current.body) + 1) }))
        // Each transaction increments, yields (the concurrent increments come in if they can) and fails.
        const failing = documents.transact(Effect.andThen(increment, Effect.andThen(Effect.yieldNow, Effect.fail("no"))))
        yield* Effect.forEach(Array.from({ length: 10 }), (_, i) => (i % 2 === 0 ? Effect.ignore(failing) : increment), {
          concurrency: "unbounded",
          discard: true
        })
        assert.strictEqual((yield* documents.get(account, "buyer", "c"))?.body, "5")
      }))

    it.effect("remove deletes one document; clear deletes all; countByKind counts by kind", () =>
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        const account = freshAccount()
        yield* documents.insert(doc(account, "a"))
        yield* documents.insert(doc(account, "b"))
        yield* documents.insert(doc(account, "r", { kind: "refund" }))
        yield* documents.insert(doc(account, "__proto__", { kind: "__proto__" }))
        assert.deepStrictEqual(yield* documents.countByKind(account), { buyer: 2, refund: 1, ["__proto__"]: 1 })
        assert.isTrue(yield* documents.remove(account, "buyer", "a"))
        assert.isFalse(yield* documents.remove(account, "buyer", "a"))
        assert.isUndefined(yield* documents.get(account, "buyer", "a"))
        assert.deepStrictEqual(yield* documents.countByKind(account), { buyer: 1, refund: 1, ["__proto__"]: 1 })
        assert.isAbove((yield* documents.countByKind()).buyer, 1)
        yield* documents.clear
        assert.deepStrictEqual(yield* documents.countByKind(), {})
        assert.isUndefined(yield* documents.get(account, "buyer", "b"))
        // The store works on after a clear.
        yield* documents.insert(doc(account, "b"))
        assert.deepStrictEqual(yield* documents.countByKind(), { buyer: 1 })
      }))

    it.effect("ids and keys with NUL: looked up, they are not found; stored, they read back exactly", () =>
      Effect.gen(function*() {
        const documents = yield* DocumentStore
        const account = freshAccount()
        yield* documents.insert(doc(account, "a"))
        yield* documents.insert(doc(account, "a\u0001", { createdAt: 1_000 }))
        assert.isUndefined(yield* documents.get(account, "buyer", "a\u0000"))
        assert.isUndefined(yield* documents.get(`${account}\u0000`, "buyer", "a"))
        assert.isUndefined(yield* documents.get(account, "buyer\u0000", "a"))
        assert.isUndefined(yield* documents.getById("buyer", "\u0000"))
        assert.isUndefined(yield* documents.getByUniqueKey(account, "buyer", "k\u0000"))
        assert.isFalse(yield* documents.remove(account, "buyer", "a\u0000"))
        const missing = yield* Effect.flip(documents.update(account, "buyer", "\u0000", undefined, bodyAs("x")))
        assert.strictEqual(missing._tag, "DocumentNotFound")
        const none = yield* documents.list({ merchantAccountId: account, kind: "buyer", parentId: "\u0000", limit: 5 })
        assert.deepStrictEqual(none.items, [])

        const nul = yield* documents.insert(
          doc(account, "a\u0000", {
            parentId: "p\u0000",
            externalIdentifier: "e\u0000\u0001",
            uniqueKey: "\u0000",
            body: "{\"name\":\"a\u0000b\"}"
          })
        )
        assert.deepStrictEqual(yield* documents.get(account, "buyer", "a\u0000"), nul)
        assert.deepStrictEqual(yield* documents.getByUniqueKey(account, "buyer", "\u0000"), nul)
        assert.isUndefined(yield* documents.getByUniqueKey(account, "buyer", "\u0001"))
        assert.deepStrictEqual(yield* documents.getById("buyer", "a\u0000"), nul)
        const byParent = yield* documents.list({ merchantAccountId: account, kind: "buyer", parentId: "p\u0000", limit: 5 })
        assert.deepStrictEqual(byParent.items, [nul])
        // Code-point order: "a\u0001" > "a\u0000" > "a", newest first (equal times) is the reverse.
        const all = yield* documents.list({ merchantAccountId: account, kind: "buyer", limit: 1 })
        const rest = yield* documents.list({ merchantAccountId: account, kind: "buyer", limit: 5, cursor: all.nextCursor })
        assert.deepStrictEqual(ids([...all.items, ...rest.items]), ["a\u0001", "a\u0000", "a"])
      }))
  })
