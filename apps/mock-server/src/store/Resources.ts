/**
 * What the payment resources' services share about a resource's content: a
 * resource kept as its wire JSON (encoded by its contract schema on write,
 * decoded on read), partial updates, and secrets kept masked. Lists and pages
 * of documents are `Pages.ts`'s.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import type { StoredDocument } from "./DocumentStore.ts"

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
