/**
 * The list shapes of the payments API: a cursor-paginated collection
 * (`{ items, limit, next_cursor, previous_cursor }`, as `GET /buyers` answers),
 * a plain list (`{ items }`, as `GET /buyers/{id}/shipping-details` answers),
 * and the `cursor` / `limit` query parameters of a paginated list.
 *
 * @since 0.2.0
 */
import { Schema, SchemaTransformation } from "effect"
import { BoundedString, optionalNullable, WireStruct } from "./Primitives.ts"

/**
 * How many items a page holds: 1 to 100, 20 when not asked.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Limit = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100 }))

/**
 * The default page size.
 *
 * @category constants
 * @since 0.2.0
 */
export const defaultLimit = 20

/**
 * An opaque pointer to a page: 1 to 1000 characters.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Cursor = BoundedString(1, 1000)

/**
 * A page of a cursor-paginated list: its items, the page size asked for, and
 * the cursors of the next and previous pages (`null` at either end).
 * `identifier` is the spec's name of the list (`Buyers`, `PaymentMethods`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const Collection = <Item extends Schema.Top>(identifier: string, item: Item) =>
  WireStruct(identifier, {
    items: Schema.Array(item),
    limit: Schema.optionalKey(Limit).annotateKey({ default: defaultLimit }),
    nextCursor: optionalNullable(Cursor),
    previousCursor: optionalNullable(Cursor)
  })

/**
 * A list answered whole, without pages (`{ items }`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const ItemList = <Item extends Schema.Top>(identifier: string, item: Item) =>
  WireStruct(identifier, { items: Schema.Array(item) })

/**
 * A query parameter's integer, as a query string carries it (`"20"`).
 *
 * @category schemas
 * @since 0.2.0
 */
export const LimitParam = Schema.String.check(Schema.isPattern(/^[0-9]+$/u))
  .annotate({ description: "The maximum number of items that are returned, 1 to 100 (default 20)." })
  .pipe(Schema.decodeTo(Limit, SchemaTransformation.numberFromString))

/**
 * The query of a paginated list: `cursor` (the `next_cursor` or
 * `previous_cursor` of a page) and `limit`.
 *
 * @category schemas
 * @since 0.2.0
 */
export const PageQuery = {
  cursor: Schema.optionalKey(Schema.String.annotate({ description: "A pointer to the page of results to return." })),
  limit: Schema.optionalKey(LimitParam)
}
