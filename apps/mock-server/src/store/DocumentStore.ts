/**
 * One store for every payment resource the mock keeps (merchant accounts,
 * payment services, buyers, shipping details, payment methods, transactions,
 * refunds, idempotency keys, webhook deliveries, …): a document is a
 * resource's wire JSON under (merchant account, kind, id), with a version for
 * optimistic concurrency, its creation and update times (epoch milliseconds
 * of the mock clock, given by the caller) and the secondary keys lookups
 * need (`parentId`, `externalIdentifier`, `uniqueKey`). A new kind of
 * resource is a new string, not a new table.
 *
 * - Another merchant account's document does not exist: every read and write
 *   names the account, except `getById` (the calls that find a resource by its
 *   id alone).
 * - `uniqueKey` is unique per (merchant account, kind): an idempotency key, a
 *   merchant account's own id.
 * - `list` pages newest first (creation time, then id in code-point order)
 *   with keyset cursors: a cursor names a position, not an offset, so
 *   documents inserted or removed between two page reads never make a page
 *   repeat or skip a document that was there throughout.
 * - `update` runs its function on the current document and stores the result
 *   as the next version, with no other write to that document in between.
 * - `transact` runs several writes all-or-nothing.
 * - `scan` pages through documents of every kind and account (optionally of
 *   one kind, of one account), newest first, with keyset cursors too (the
 *   test controls' `/_mock/resources`).
 *
 * `layerMemory` keeps documents in Maps; `SqliteDocuments` and `PgDocuments`
 * keep them in one `documents` table.
 *
 * @since 0.2.0
 */
import { Context, Data, Effect, Layer, Semaphore } from "effect"
import { makeKeyedLock } from "../SessionStore.ts"

/**
 * A stored document.
 *
 * @category models
 * @since 0.2.0
 */
export interface StoredDocument {
  readonly merchantAccountId: string
  /** The resource's kind: `"buyer"`, `"payment-method"`, … */
  readonly kind: string
  readonly id: string
  /** 1 when inserted, one more on each update. */
  readonly version: number
  /** Epoch milliseconds, by the mock's clock. */
  readonly createdAt: number
  /** Epoch milliseconds, by the mock's clock. */
  readonly updatedAt: number
  /** The document this one belongs to (a buyer's payment method, a transaction's refund). */
  readonly parentId: string | undefined
  /** The merchant's own identifier (a buyer's `external_identifier`). */
  readonly externalIdentifier: string | undefined
  /** Unique among the documents of its merchant account and kind (an idempotency key). */
  readonly uniqueKey: string | undefined
  /** The resource's wire JSON. */
  readonly body: string
}

/**
 * What `insert` takes: a document's version is 1 and its `updatedAt` its
 * `createdAt`.
 *
 * @category models
 * @since 0.2.0
 */
export interface NewDocument {
  readonly merchantAccountId: string
  readonly kind: string
  readonly id: string
  readonly createdAt: number
  readonly body: string
  readonly parentId?: string | undefined
  readonly externalIdentifier?: string | undefined
  readonly uniqueKey?: string | undefined
}

/**
 * What an `update` function answers: the next body, update time and
 * secondary keys (all of them: spread the current document to keep them).
 *
 * @category models
 * @since 0.2.0
 */
export interface DocumentChange {
  readonly body: string
  readonly updatedAt: number
  readonly parentId: string | undefined
  readonly externalIdentifier: string | undefined
  readonly uniqueKey: string | undefined
}

/**
 * What `list` reads: the documents of one merchant account and kind,
 * optionally of one parent or one external identifier.
 *
 * @category models
 * @since 0.2.0
 */
export interface ListQuery {
  readonly merchantAccountId: string
  readonly kind: string
  readonly parentId?: string | undefined
  readonly externalIdentifier?: string | undefined
  /** Documents per page, at least 1 (the caller bounds it). */
  readonly limit: number
  /** A `nextCursor` or `previousCursor` of an earlier page; none: the first page. */
  readonly cursor?: string | undefined
}

/**
 * What `scan` reads: documents of every kind and merchant account, or of one
 * kind, or of one account.
 *
 * @category models
 * @since 0.3.0
 */
export interface ScanQuery {
  readonly kind?: string | undefined
  readonly merchantAccountId?: string | undefined
  /** Documents per page, at least 1 (the caller bounds it). */
  readonly limit: number
  /** The `nextCursor` of an earlier page; none: the first page. */
  readonly cursor?: string | undefined
}

/**
 * A page of `scan`, newest first; `nextCursor` reads the older documents
 * after it (`undefined` on the last page).
 *
 * @category models
 * @since 0.3.0
 */
export interface ScanPage {
  readonly items: ReadonlyArray<StoredDocument>
  readonly nextCursor: string | undefined
}

/**
 * A page of `list`, newest first. `nextCursor` reads the older documents
 * after it, `previousCursor` the newer ones before it; each is `undefined`
 * when there is none (and both on an empty page).
 *
 * @category models
 * @since 0.2.0
 */
export interface DocumentPage {
  readonly items: ReadonlyArray<StoredDocument>
  readonly nextCursor: string | undefined
  readonly previousCursor: string | undefined
}

/**
 * `insert` (or an `update` that changes `uniqueKey`): the id, or the unique
 * key, is taken in that merchant account and kind.
 *
 * @category errors
 * @since 0.2.0
 */
export class DocumentConflict extends Data.TaggedError("DocumentConflict")<{
  readonly kind: string
  readonly id: string
  readonly on: "id" | "uniqueKey"
}> {}

/**
 * `update` with an expected version that is not the document's.
 *
 * @category errors
 * @since 0.2.0
 */
export class VersionConflict extends Data.TaggedError("VersionConflict")<{
  readonly kind: string
  readonly id: string
  readonly expected: number
  readonly actual: number
}> {}

/**
 * `update` of a document that does not exist (in that merchant account).
 *
 * @category errors
 * @since 0.2.0
 */
export class DocumentNotFound extends Data.TaggedError("DocumentNotFound")<{
  readonly kind: string
  readonly id: string
}> {}

/**
 * `list` with a cursor no page of this store gave.
 *
 * @category errors
 * @since 0.2.0
 */
export class InvalidCursor extends Data.TaggedError("InvalidCursor")<{
  readonly cursor: string
}> {}

/**
 * @category services
 * @since 0.2.0
 */
export class DocumentStore extends Context.Service<DocumentStore, {
  /** Stores a new document (version 1); fails when its id or unique key is taken. */
  readonly insert: (document: NewDocument) => Effect.Effect<StoredDocument, DocumentConflict>
  readonly get: (merchantAccountId: string, kind: string, id: string) => Effect.Effect<StoredDocument | undefined>
  /**
   * The document of that kind and id, whatever its merchant account (of two, the one whose account id sorts
   * first).
   */
  readonly getById: (kind: string, id: string) => Effect.Effect<StoredDocument | undefined>
  readonly getByUniqueKey: (
    merchantAccountId: string,
    kind: string,
    uniqueKey: string
  ) => Effect.Effect<StoredDocument | undefined>
  readonly list: (query: ListQuery) => Effect.Effect<DocumentPage, InvalidCursor>
  /**
   * A page of documents across kinds and merchant accounts, newest first (ties by id, kind, then account, each in
   * code-point order), a cursor naming a position as `list`'s do.
   */
  readonly scan: (query: ScanQuery) => Effect.Effect<ScanPage, InvalidCursor>
  /**
   * Replaces a document with `f(current)` as its next version, atomically: no other write to it comes between
   * the read and the write. With `expectedVersion`, fails with `VersionConflict` unless the document is at that
   * version. When `f` fails nothing is written. `f` must not write through the store: several writes belong in a
   * `transact`.
   */
  readonly update: <E>(
    merchantAccountId: string,
    kind: string,
    id: string,
    expectedVersion: number | undefined,
    f: (current: StoredDocument) => Effect.Effect<DocumentChange, E>
  ) => Effect.Effect<StoredDocument, E | DocumentNotFound | VersionConflict | DocumentConflict>
  /** Deletes a document; `false` when there was none. */
  readonly remove: (merchantAccountId: string, kind: string, id: string) => Effect.Effect<boolean>
  /**
   * Runs `effect`, whose writes through this store are all kept or, when it fails, all undone. A `transact`
   * inside another is a savepoint: its failure undoes its own writes only. Writes to the documents it wrote wait
   * for its end (on the memory and SQLite stores every other write does); on those two, reads do not wait, and may
   * see its writes before it ends.
   */
  readonly transact: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** Deletes every document (`/_mock/reset`). */
  readonly clear: Effect.Effect<void>
  /** How many documents of each kind there are, of one merchant account or of all. */
  readonly countByKind: (merchantAccountId?: string) => Effect.Effect<Record<string, number>>
}>()("@checkout-kit/mock-server/DocumentStore") {
  /**
   * The documents in memory, gone with the process.
   *
   * @since 0.2.0
   */
  static readonly layerMemory: Layer.Layer<DocumentStore> = Layer.sync(DocumentStore, () => makeMemory())
}

// ---------------------------------------------------------------------------------------------------------------
// Order and cursors
// ---------------------------------------------------------------------------------------------------------------

// A UTF-16 code unit moved so that comparing moved units compares code points (surrogates above U+FFFF's units).
const fixUp = (unit: number) => (unit >= 0xd800 ? (unit >= 0xe000 ? unit - 0x800 : unit + 0x2000) : unit)

/**
 * Compares two strings by code point, as SQLite's `BINARY` and PostgreSQL's
 * `"C"` collations compare their UTF-8 bytes.
 *
 * @category utils
 * @since 0.2.0
 */
export const compareCodePoints = (a: string, b: string): number => {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return fixUp(x) - fixUp(y)
  }
  return a.length - b.length
}

/**
 * A position in the order of `list`: a creation time and an id.
 *
 * @category models
 * @since 0.2.0
 */
export interface Position {
  readonly createdAt: number
  readonly id: string
}

/**
 * The order of `list`: negative when `a` comes first (newer, or as new with
 * the greater id).
 *
 * @category utils
 * @since 0.2.0
 */
export const newestFirst = (a: Position, b: Position): number =>
  b.createdAt - a.createdAt || compareCodePoints(b.id, a.id)

/**
 * Which side of a position a cursor reads: `older` (a next page) or `newer`
 * (a previous page).
 *
 * @category models
 * @since 0.2.0
 */
export type Direction = "older" | "newer"

/**
 * A cursor: opaque to callers, base64url of the direction and the position.
 *
 * @category utils
 * @since 0.2.0
 */
export const encodeCursor = (direction: Direction, position: Position): string =>
  Buffer.from(JSON.stringify([direction === "older" ? "n" : "p", position.createdAt, position.id])).toString("base64url")

/**
 * What a cursor names, or `undefined` when it is not one of ours.
 *
 * @category utils
 * @since 0.2.0
 */
export const decodeCursor = (cursor: string): { readonly direction: Direction; readonly position: Position } | undefined => {
  if (cursor.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))
    if (!Array.isArray(value) || value.length !== 3) return undefined
    const [d, createdAt, id] = value
    if ((d !== "n" && d !== "p") || typeof createdAt !== "number" || !Number.isFinite(createdAt) || typeof id !== "string") {
      return undefined
    }
    return { direction: d === "n" ? "older" : "newer", position: { createdAt, id } }
  } catch {
    return undefined
  }
}

/**
 * Reads documents beside a position: at most `n`, the closest first (for
 * `older`, newest first; for `newer`, oldest first); with no position, from
 * the newest.
 *
 * @category models
 * @since 0.2.0
 */
export type Fetch = (
  direction: Direction,
  position: Position | undefined,
  n: number
) => Effect.Effect<ReadonlyArray<StoredDocument>>

/**
 * A page of `list` from a backend's `Fetch`: the page itself (one more
 * document than the limit tells whether a cursor goes on) and, for the
 * cursor on the other side, whether any document is there.
 *
 * @category utils
 * @since 0.2.0
 */
export const paginate = (
  fetch: Fetch,
  limit: number,
  cursor: string | undefined
): Effect.Effect<DocumentPage, InvalidCursor> => {
  const size = Number.isNaN(limit) ? 1 : Math.max(1, Math.floor(limit))
  const at = cursor === undefined ? undefined : decodeCursor(cursor)
  if (cursor !== undefined && at === undefined) return Effect.fail(new InvalidCursor({ cursor }))
  const direction = at?.direction ?? "older"
  return Effect.flatMap(fetch(direction, at?.position, size + 1), (fetched) => {
    const closest = fetched.slice(0, size)
    if (closest.length === 0) return Effect.succeed({ items: [], nextCursor: undefined, previousCursor: undefined })
    const more = fetched.length > size
    const items = direction === "older" ? closest : closest.toReversed()
    const first = items[0]
    const last = items[items.length - 1]
    // The side the page was read towards: known from the extra document. The other side: asked (no cursor: the
    // first page, nothing newer).
    if (direction === "older") {
      const next = more ? encodeCursor("older", last) : undefined
      if (at === undefined) return Effect.succeed({ items, nextCursor: next, previousCursor: undefined })
      return Effect.map(fetch("newer", first, 1), (newer) => ({
        items,
        nextCursor: next,
        previousCursor: newer.length > 0 ? encodeCursor("newer", first) : undefined
      }))
    }
    const previous = more ? encodeCursor("newer", first) : undefined
    return Effect.map(fetch("older", last, 1), (older) => ({
      items,
      nextCursor: older.length > 0 ? encodeCursor("older", last) : undefined,
      previousCursor: previous
    }))
  })
}

/**
 * A position in the order of `scan`: a `Position` and, to tell documents of
 * one id apart, their kind and merchant account.
 *
 * @category models
 * @since 0.3.0
 */
export interface ScanPosition extends Position {
  readonly kind: string
  readonly merchantAccountId: string
}

/**
 * The order of `scan`: newest first, then by id, kind and merchant account,
 * each greater first.
 *
 * @category utils
 * @since 0.3.0
 */
export const scanOrder = (a: ScanPosition, b: ScanPosition): number =>
  newestFirst(a, b) || compareCodePoints(b.kind, a.kind) || compareCodePoints(b.merchantAccountId, a.merchantAccountId)

/**
 * Reads the documents after a position of `scan` (from the newest without
 * one), at most `n`, in `scanOrder`.
 *
 * @category models
 * @since 0.3.0
 */
export type ScanFetch = (after: ScanPosition | undefined, n: number) => Effect.Effect<ReadonlyArray<StoredDocument>>

const decodeScanCursor = (cursor: string): ScanPosition | undefined => {
  if (cursor.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))
    if (!Array.isArray(value) || value.length !== 5 || value[0] !== "s") return undefined
    const [, createdAt, id, kind, merchantAccountId] = value
    if (typeof createdAt !== "number" || !Number.isFinite(createdAt)) return undefined
    if (typeof id !== "string" || typeof kind !== "string" || typeof merchantAccountId !== "string") return undefined
    return { createdAt, id, kind, merchantAccountId }
  } catch {
    return undefined
  }
}

/**
 * A page of `scan` from a backend's `ScanFetch` (one more document than the
 * limit tells whether a next page exists).
 *
 * @category utils
 * @since 0.3.0
 */
export const scanPage = (fetch: ScanFetch, limit: number, cursor: string | undefined): Effect.Effect<ScanPage, InvalidCursor> => {
  const size = Number.isNaN(limit) ? 1 : Math.max(1, Math.floor(limit))
  const after = cursor === undefined ? undefined : decodeScanCursor(cursor)
  if (cursor !== undefined && after === undefined) return Effect.fail(new InvalidCursor({ cursor }))
  return Effect.map(fetch(after, size + 1), (fetched) => {
    const items = fetched.slice(0, size)
    const last = items[items.length - 1]
    const nextCursor = fetched.length > size
      ? Buffer.from(JSON.stringify(["s", last.createdAt, last.id, last.kind, last.merchantAccountId])).toString("base64url")
      : undefined
    return { items, nextCursor }
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Write locks and transactions, for the stores in this process (memory, SQLite)
// ---------------------------------------------------------------------------------------------------------------

type WriteState =
  | { readonly _tag: "Shared" }
  | { readonly _tag: "Exclusive"; readonly undo: Array<() => void>; readonly marks: Array<number> }

/**
 * What a store in this process does at each level of `transact` (SQLite:
 * `BEGIN`/`COMMIT`/`ROLLBACK`, savepoints below level 0). Each runs
 * synchronously and may throw.
 *
 * @category models
 * @since 0.2.0
 */
export interface TransactionHooks {
  readonly begin: (depth: number) => void
  readonly commit: (depth: number) => void
  readonly rollback: (depth: number) => void
}

const allPermits = 1 << 30
let gates = 0

/**
 * The write locks of a store in this process. A write (`write`) holds a
 * shared permit of the store and the lock of its document: writes to one
 * document run one at a time, writes to different documents freely. A
 * transaction (`transact`) holds every permit: no other write runs from its
 * start to its end, and one that waits for it keeps later writes from
 * overtaking it. Inside a transaction writes take no lock, and record how to
 * undo themselves (`recordUndo`, for the memory store): a failure undoes them.
 *
 * Reads take no lock: they may see a running transaction's writes.
 *
 * @category constructors
 * @since 0.2.0
 */
export const makeWriteGate = (hooks: TransactionHooks) => {
  const state = Context.Reference<WriteState | undefined>(`@checkout-kit/mock-server/DocumentStore/write/${gates++}`, {
    defaultValue: () => undefined
  })
  const permits = Semaphore.makeUnsafe(allPermits)
  // Held by a transaction from its wait for the permits to its end: later writes queue behind it.
  const entry = Semaphore.makeUnsafe(1)
  const keyed = makeKeyedLock()
  const shared: WriteState = { _tag: "Shared" }

  const write = <A, E>(key: string, effect: Effect.Effect<A, E>): Effect.Effect<A, E> =>
    Effect.flatMap(state, (current) => {
      if (current?._tag === "Exclusive") return effect
      // A write in an update's function: this fiber already holds a shared permit.
      if (current?._tag === "Shared") return keyed(key, effect)
      // Through the entry: behind a transaction waiting for the permits.
      return Effect.andThen(
        entry.withPermit(Effect.void),
        permits.withPermits(1)(Effect.provideService(keyed(key, effect), state, shared))
      )
    })

  // One level of a transaction: `hooks` around `effect`, and the memory store's undo log.
  const level = <A, E, R>(tx: Extract<WriteState, { _tag: "Exclusive" }>, effect: Effect.Effect<A, E, R>) =>
    Effect.uninterruptibleMask((restore) =>
      Effect.suspend(() => {
        const depth = tx.marks.length
        hooks.begin(depth)
        tx.marks.push(tx.undo.length)
        return Effect.flatMap(Effect.exit(restore(Effect.provideService(effect, state, tx))), (exit) =>
          Effect.flatMap(
            Effect.sync(() => {
              const mark = tx.marks.pop()!
              if (exit._tag === "Success") return hooks.commit(depth)
              while (tx.undo.length > mark) tx.undo.pop()!()
              hooks.rollback(depth)
            }),
            () => exit
          ))
      })
    )

  const transact = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.flatMap(state, (current) => {
      if (current?._tag === "Exclusive") return level(current, effect)
      if (current?._tag === "Shared") {
        return Effect.die(new Error("DocumentStore.transact inside an update's function: transact the update instead"))
      }
      return entry.withPermit(permits.withPermits(allPermits)(level({ _tag: "Exclusive", undo: [], marks: [] }, effect)))
    })

  // Records how to undo a write made inside a transaction (a no-op outside one).
  const recordUndo = (undo: () => void): Effect.Effect<void> =>
    Effect.map(state, (current) => {
      if (current?._tag === "Exclusive") current.undo.push(undo)
    })

  return { write, transact, recordUndo } as const
}

/**
 * The lock key of a document.
 *
 * @category utils
 * @since 0.2.0
 */
export const lockKey = (merchantAccountId: string, kind: string, id: string) => JSON.stringify([merchantAccountId, kind, id])

/**
 * The stored form of a new document.
 *
 * @category utils
 * @since 0.2.0
 */
export const storedOf = (document: NewDocument): StoredDocument => ({
  merchantAccountId: document.merchantAccountId,
  kind: document.kind,
  id: document.id,
  version: 1,
  createdAt: document.createdAt,
  updatedAt: document.createdAt,
  parentId: document.parentId,
  externalIdentifier: document.externalIdentifier,
  uniqueKey: document.uniqueKey,
  body: document.body
})

/**
 * The next version of `current` after `change`.
 *
 * @category utils
 * @since 0.2.0
 */
export const nextVersion = (current: StoredDocument, change: DocumentChange): StoredDocument => ({
  merchantAccountId: current.merchantAccountId,
  kind: current.kind,
  id: current.id,
  version: current.version + 1,
  createdAt: current.createdAt,
  updatedAt: change.updatedAt,
  parentId: change.parentId,
  externalIdentifier: change.externalIdentifier,
  uniqueKey: change.uniqueKey,
  body: change.body
})

/**
 * `update`'s checks before `f` runs: the document exists and is at the
 * expected version.
 *
 * @category utils
 * @since 0.2.0
 */
export const checkCurrent = (
  kind: string,
  id: string,
  current: StoredDocument | undefined,
  expectedVersion: number | undefined
): Effect.Effect<StoredDocument, DocumentNotFound | VersionConflict> => {
  if (current === undefined) return Effect.fail(new DocumentNotFound({ kind, id }))
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    return Effect.fail(new VersionConflict({ kind, id, expected: expectedVersion, actual: current.version }))
  }
  return Effect.succeed(current)
}

// ---------------------------------------------------------------------------------------------------------------
// Memory
// ---------------------------------------------------------------------------------------------------------------

const scopeKey = (merchantAccountId: string, kind: string) => JSON.stringify([merchantAccountId, kind])
const kindIdKey = (kind: string, id: string) => JSON.stringify([kind, id])
const uniqueKeyOf = (merchantAccountId: string, kind: string, key: string) => JSON.stringify([merchantAccountId, kind, key])

const makeMemory = () => {
  // (account, kind) → id → document; (kind, id) → account → document; (account, kind, unique key) → id.
  const byScope = new Map<string, Map<string, StoredDocument>>()
  const byKindId = new Map<string, Map<string, StoredDocument>>()
  const byUniqueKey = new Map<string, string>()
  const gate = makeWriteGate({ begin: () => {}, commit: () => {}, rollback: () => {} })

  const find = (merchantAccountId: string, kind: string, id: string) =>
    byScope.get(scopeKey(merchantAccountId, kind))?.get(id)

  // Puts a document in every index (replacing its previous version, whose unique key is freed first).
  const put = (document: StoredDocument, previous: StoredDocument | undefined) => {
    if (previous !== undefined) drop(previous)
    const scope = scopeKey(document.merchantAccountId, document.kind)
    let ids = byScope.get(scope)
    if (ids === undefined) byScope.set(scope, ids = new Map())
    ids.set(document.id, document)
    const kindId = kindIdKey(document.kind, document.id)
    let accounts = byKindId.get(kindId)
    if (accounts === undefined) byKindId.set(kindId, accounts = new Map())
    accounts.set(document.merchantAccountId, document)
    if (document.uniqueKey !== undefined) {
      byUniqueKey.set(uniqueKeyOf(document.merchantAccountId, document.kind, document.uniqueKey), document.id)
    }
  }
  const drop = (document: StoredDocument) => {
    const scope = scopeKey(document.merchantAccountId, document.kind)
    const ids = byScope.get(scope)
    ids?.delete(document.id)
    if (ids?.size === 0) byScope.delete(scope)
    const kindId = kindIdKey(document.kind, document.id)
    const accounts = byKindId.get(kindId)
    accounts?.delete(document.merchantAccountId)
    if (accounts?.size === 0) byKindId.delete(kindId)
    if (document.uniqueKey !== undefined) {
      byUniqueKey.delete(uniqueKeyOf(document.merchantAccountId, document.kind, document.uniqueKey))
    }
  }
  // Writes `next` in place of `previous` (either may be absent), undone on a transaction's failure.
  const replace = (previous: StoredDocument | undefined, next: StoredDocument | undefined) =>
    Effect.flatMap(
      Effect.sync(() => {
        if (next === undefined) drop(previous!)
        else put(next, previous)
      }),
      () =>
        gate.recordUndo(() => {
          if (previous === undefined) drop(next!)
          else put(previous, next)
        })
    )
  const uniqueKeyTaken = (merchantAccountId: string, kind: string, key: string | undefined, id: string) => {
    if (key === undefined) return false
    const holder = byUniqueKey.get(uniqueKeyOf(merchantAccountId, kind, key))
    return holder !== undefined && holder !== id
  }

  const fetchOf = (query: ListQuery): Fetch => (direction, position, n) =>
    Effect.sync(() => {
      const ids = byScope.get(scopeKey(query.merchantAccountId, query.kind))
      if (ids === undefined) return []
      const matching: Array<StoredDocument> = []
      for (const document of ids.values()) {
        if (query.parentId !== undefined && document.parentId !== query.parentId) continue
        if (query.externalIdentifier !== undefined && document.externalIdentifier !== query.externalIdentifier) continue
        if (position !== undefined && (direction === "older" ? newestFirst(position, document) >= 0 : newestFirst(document, position) >= 0)) {
          continue
        }
        matching.push(document)
      }
      // A scan and a sort: the mock's lists are small.
      matching.sort(direction === "older" ? newestFirst : (a, b) => newestFirst(b, a))
      return matching.slice(0, n)
    })

  return DocumentStore.of({
    insert: (document) =>
      gate.write(
        lockKey(document.merchantAccountId, document.kind, document.id),
        Effect.suspend(() => {
          const { id, kind, merchantAccountId } = document
          if (find(merchantAccountId, kind, id) !== undefined) return Effect.fail(new DocumentConflict({ kind, id, on: "id" }))
          if (uniqueKeyTaken(merchantAccountId, kind, document.uniqueKey, id)) {
            return Effect.fail(new DocumentConflict({ kind, id, on: "uniqueKey" }))
          }
          const stored = storedOf(document)
          return Effect.as(replace(undefined, stored), stored)
        })
      ),
    get: (merchantAccountId, kind, id) => Effect.sync(() => find(merchantAccountId, kind, id)),
    getById: (kind, id) =>
      Effect.sync(() => {
        let first: StoredDocument | undefined
        for (const document of byKindId.get(kindIdKey(kind, id))?.values() ?? []) {
          if (first === undefined || compareCodePoints(document.merchantAccountId, first.merchantAccountId) < 0) first = document
        }
        return first
      }),
    getByUniqueKey: (merchantAccountId, kind, key) =>
      Effect.sync(() => {
        const id = byUniqueKey.get(uniqueKeyOf(merchantAccountId, kind, key))
        return id === undefined ? undefined : find(merchantAccountId, kind, id)
      }),
    list: (query) => paginate(fetchOf(query), query.limit, query.cursor),
    scan: (query) =>
      scanPage(
        (after, n) =>
          Effect.sync(() => {
            const matching: Array<StoredDocument> = []
            for (const ids of byScope.values()) {
              for (const document of ids.values()) {
                if (query.kind !== undefined && document.kind !== query.kind) continue
                if (query.merchantAccountId !== undefined && document.merchantAccountId !== query.merchantAccountId) continue
                if (after !== undefined && scanOrder(after, document) >= 0) continue
                matching.push(document)
              }
            }
            return matching.toSorted(scanOrder).slice(0, n)
          }),
        query.limit,
        query.cursor
      ),
    update: (merchantAccountId, kind, id, expectedVersion, f) =>
      gate.write(
        lockKey(merchantAccountId, kind, id),
        Effect.suspend(() => checkCurrent(kind, id, find(merchantAccountId, kind, id), expectedVersion)).pipe(
          Effect.flatMap((current) =>
            Effect.flatMap(f(current), (change) => {
              if (change.uniqueKey !== current.uniqueKey && uniqueKeyTaken(merchantAccountId, kind, change.uniqueKey, id)) {
                return Effect.fail(new DocumentConflict({ kind, id, on: "uniqueKey" }))
              }
              const next = nextVersion(current, change)
              return Effect.as(replace(current, next), next)
            })
          )
        )
      ),
    remove: (merchantAccountId, kind, id) =>
      gate.write(
        lockKey(merchantAccountId, kind, id),
        Effect.suspend(() => {
          const current = find(merchantAccountId, kind, id)
          return current === undefined ? Effect.succeed(false) : Effect.as(replace(current, undefined), true)
        })
      ),
    transact: gate.transact,
    clear: gate.transact(
      Effect.flatMap(
        Effect.sync(() => {
          const all = [...byScope.values()].flatMap((ids) => [...ids.values()])
          byScope.clear()
          byKindId.clear()
          byUniqueKey.clear()
          return all
        }),
        (all) => gate.recordUndo(() => all.forEach((document) => put(document, undefined)))
      )
    ),
    countByKind: (merchantAccountId) =>
      Effect.sync(() => {
        // Object.fromEntries: a kind named `__proto__` is a key like any other.
        const counts = new Map<string, number>()
        for (const ids of byScope.values()) {
          // The documents of one scope share their account and kind.
          const [first] = ids.values()
          if (merchantAccountId !== undefined && first.merchantAccountId !== merchantAccountId) continue
          counts.set(first.kind, (counts.get(first.kind) ?? 0) + ids.size)
        }
        return Object.fromEntries(counts)
      })
  })
}
