/**
 * Pages of stored documents as the payments API answers lists: the store's
 * keyset pages, optionally narrowed by a predicate (a buyer `search`, a
 * payment method's `status`) without breaking the cursor guarantee — a page
 * holds up to `limit` matching documents and its cursors name positions, so
 * paging through neither repeats nor skips a match; and every document of a
 * query, for the calls that need all of them.
 *
 * @since 0.3.0
 */
import { errorDetailTypes } from "@checkout-kit/domain/Errors"
import { Effect } from "effect"
import { ApiError } from "../ApiError.ts"
import {
  decodeCursor,
  type DocumentPage,
  DocumentStore,
  encodeCursor,
  type ListQuery,
  type StoredDocument
} from "./DocumentStore.ts"

// How many documents a narrowed page reads from the store at a time.
const defaultScanSize = 100

/**
 * The 400 for a `cursor` no page gave.
 *
 * @category errors
 * @since 0.3.0
 */
export const invalidCursor = (): ApiError =>
  ApiError.invalid([{ location: "query", pointer: "/cursor", message: "The cursor is not valid", type: errorDetailTypes.value }])

/**
 * A page of `query`, of the documents `keep` accepts (all without it),
 * reading the store `scanSize` documents at a time.
 *
 * @category pages
 * @since 0.3.0
 */
export const page = (
  query: ListQuery,
  keep?: (document: StoredDocument) => boolean,
  scanSize = defaultScanSize
): Effect.Effect<DocumentPage, ApiError, DocumentStore> =>
  Effect.flatMap(DocumentStore, (store) => {
    if (keep === undefined) return Effect.mapError(store.list(query), invalidCursor)
    const start = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
    if (query.cursor !== undefined && start === undefined) return Effect.fail(invalidCursor())
    const newer = start?.direction === "newer"
    return Effect.gen(function*() {
      // Matches in list order (newest first); reading towards newer documents, the closest are the last.
      let matches: Array<StoredDocument> = []
      let cursor = query.cursor
      let more = false
      while (true) {
        const scanned: DocumentPage = yield* Effect.mapError(store.list({ ...query, limit: scanSize, cursor }), invalidCursor)
        const found = scanned.items.filter(keep)
        matches = newer ? [...found, ...matches] : [...matches, ...found]
        if (matches.length > query.limit) {
          more = true
          break
        }
        cursor = newer ? scanned.previousCursor : scanned.nextCursor
        if (cursor === undefined) break
      }
      const items = newer ? matches.slice(-query.limit) : matches.slice(0, query.limit)
      if (items.length === 0) return { items, nextCursor: undefined, previousCursor: undefined }
      const first = items[0]
      const last = items[items.length - 1]
      // Beyond the far end there are more matches when the scan found them; behind the start, when it had one.
      const older = newer ? start !== undefined : more
      const newerSide = newer ? more : start !== undefined
      return {
        items,
        nextCursor: older ? encodeCursor("older", last) : undefined,
        previousCursor: newerSide ? encodeCursor("newer", first) : undefined
      }
    })
  })

/**
 * Every document of `query` (its `limit` and `cursor` ignored), newest first.
 *
 * @category pages
 * @since 0.3.0
 */
export const all = (query: Omit<ListQuery, "limit" | "cursor">): Effect.Effect<Array<StoredDocument>, never, DocumentStore> =>
  Effect.flatMap(DocumentStore, (store) =>
    Effect.gen(function*() {
      const documents: Array<StoredDocument> = []
      let cursor: string | undefined
      do {
        const scanned = yield* Effect.orDie(store.list({ ...query, limit: defaultScanSize, cursor }))
        documents.push(...scanned.items)
        cursor = scanned.nextCursor
      } while (cursor !== undefined)
      return documents
    }))

/**
 * A page as the API answers it: `{ items, limit, next_cursor, previous_cursor }`
 * with the items' JSON as given.
 *
 * @category pages
 * @since 0.3.0
 */
export const collectionJson = (documents: DocumentPage, limit: number, items: ReadonlyArray<string>): string =>
  `{"items":[${items.join(",")}],"limit":${limit},"next_cursor":${
    JSON.stringify(documents.nextCursor ?? null)
  },"previous_cursor":${JSON.stringify(documents.previousCursor ?? null)}}`
