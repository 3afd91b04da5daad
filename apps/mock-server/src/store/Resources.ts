/**
 * What the payment resources' services share over the document store: a
 * resource kept as its wire JSON (encoded by its contract schema on write,
 * decoded on read), whole lists, pages of a filtered list with the store's
 * own cursors, and the store's failures as the API's errors.
 *
 * @since 0.3.0
 */
import { defaultLimit } from "@checkout-kit/domain/Collection"
import { errorDetailTypes } from "@checkout-kit/domain/Errors"
import { Effect, Schema } from "effect"
import { ApiError } from "../ApiError.ts"
import {
  type DocumentPage,
  type DocumentStore,
  type Fetch,
  newestFirst,
  paginate,
  type StoredDocument
} from "./DocumentStore.ts"

/**
 * A resource's codec between its Type and the wire JSON a document holds.
 *
 * @category codecs
 * @since 0.3.0
 */
export const documentCodec = <S extends Schema.Codec<any, any, never, never>>(schema: S) => {
  const encode = Schema.encodeSync(schema)
  const decode = Schema.decodeUnknownSync(schema)
  return {
    /** The wire JSON of a value. */
    toBody: (value: S["Type"]): string => JSON.stringify(encode(value)),
    /** The value a document holds. */
    fromDocument: (document: StoredDocument): S["Type"] => decode(JSON.parse(document.body))
  }
}

/**
 * A page as the API answers it: its items, the page size and both cursors
 * (`null` at either end).
 *
 * @category pages
 * @since 0.3.0
 */
export const toCollection = <A>(page: DocumentPage, limit: number, f: (document: StoredDocument) => A) => ({
  items: page.items.map(f),
  limit,
  nextCursor: page.nextCursor ?? null,
  previousCursor: page.previousCursor ?? null
})

/**
 * The 400 of a cursor no page gave.
 *
 * @category errors
 * @since 0.3.0
 */
export const invalidCursor = () =>
  ApiError.invalid([
    { location: "query", pointer: "/cursor", message: "Invalid cursor", type: errorDetailTypes.value }
  ])

/**
 * Every document of a merchant account and kind (of one parent), newest first.
 *
 * @category lists
 * @since 0.3.0
 */
export const listAll = (
  store: DocumentStore["Service"],
  merchantAccountId: string,
  kind: string,
  parentId?: string
): Effect.Effect<ReadonlyArray<StoredDocument>> => {
  const loop = (
      cursor: string | undefined,
      acc: ReadonlyArray<StoredDocument>
    ): Effect.Effect<ReadonlyArray<StoredDocument>> =>
      store.list({ merchantAccountId, kind, parentId, limit: 100, cursor }).pipe(
        Effect.orDie,
        Effect.flatMap((page) =>
          page.nextCursor === undefined ? Effect.succeed([...acc, ...page.items]) : loop(page.nextCursor, [...acc, ...page.items])
        )
      )
  return loop(undefined, [])
}

/**
 * A page of documents already read and filtered, with the store's cursors:
 * pages neither repeat nor skip a document, as the store's own do.
 *
 * @category pages
 * @since 0.3.0
 */
export const pageOf = (
  documents: ReadonlyArray<StoredDocument>,
  limit: number | undefined,
  cursor: string | undefined
): Effect.Effect<{ readonly page: DocumentPage; readonly limit: number }, ApiError> => {
  const sorted = documents.toSorted(newestFirst)
  const fetch: Fetch = (direction, position, n) =>
    Effect.sync(() => {
      const side = sorted.filter((d) =>
        position === undefined || (direction === "older" ? newestFirst(position, d) < 0 : newestFirst(d, position) < 0)
      )
      return (direction === "older" ? side : side.toReversed()).slice(0, n)
    })
  const size = limit ?? defaultLimit
  return paginate(fetch, size, cursor).pipe(
    Effect.map((page) => ({ page, limit: size })),
    Effect.mapError(invalidCursor)
  )
}

/**
 * A partial update: every key `patch` names replaces the current value, but
 * `null` on a key of `keep` (a field the resource always has) changes
 * nothing.
 *
 * @category updates
 * @since 0.3.0
 */
export const applyPatch = <A extends object>(current: A, patch: object, keep: ReadonlyArray<string> = []): A => {
  const next = { ...current } as Record<string, unknown>
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || (value === null && keep.includes(key))) continue
    next[key] = value
  }
  return next as A
}

/**
 * A secret as the mock keeps and answers it: its last four characters after
 * a mask, never whole.
 *
 * @category secrets
 * @since 0.3.0
 */
export const maskSecret = (value: string): string => `****${value.length > 8 ? value.slice(-4) : ""}`
