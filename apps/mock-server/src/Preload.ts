/**
 * Sessions loaded at start (`--preload <file>`): a JSON array or NDJSON (one
 * JSON value a line) of records, each
 *
 * - a create body (`CheckoutSessionUpdate`, as `POST /checkout/sessions`
 *   takes it: e.g. `checkout-fixtures sample CheckoutSessionCreate --format
 *   ndjson`): created as that POST would, with a new id;
 * - a whole session (`CheckoutSession`, with its `id` and `expires_at`):
 *   stored as given;
 * - an item of `GET /_mock/sessions` (`{ "merchant_account_id", "session" }`):
 *   that session, under that merchant account — so a listing saved from one
 *   mock preloads another.
 *
 * Every record is validated by the same strict decoder as the API's bodies;
 * the first invalid one stops the server with one line naming the file, the
 * line (NDJSON) or the item (array), and the field's JSON pointer.
 *
 * @since 0.2.0
 */
import { Effect, Layer } from "effect"
import { readFileSync } from "node:fs"
import { CheckoutSessions } from "./CheckoutSessions.ts"
import { reasonOf, StartupError } from "./StartupError.ts"

/**
 * One record of a preload file, and where it is (`line 3`, `item 3`).
 *
 * @category models
 * @since 0.2.0
 */
export interface PreloadRecord {
  readonly where: string
  readonly value: unknown
}

/**
 * A preload file, read and split into records (not yet validated).
 *
 * @category models
 * @since 0.2.0
 */
export interface Preload {
  readonly file: string
  readonly records: ReadonlyArray<PreloadRecord>
}

/**
 * Reads and splits a preload file: a JSON array, or NDJSON. Throws a
 * `StartupError` naming the file, and the line of a line that is not JSON.
 *
 * @category loading
 * @since 0.2.0
 */
export const read = (file: string): Preload => {
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch (e) {
    throw new StartupError(`--preload ${file}: cannot read it: ${reasonOf(e)}`)
  }
  if (text.trimStart().startsWith("[")) {
    let document: unknown
    try {
      document = JSON.parse(text)
    } catch (e) {
      throw new StartupError(`--preload ${file}: not valid JSON: ${(e as Error).message}`)
    }
    if (!Array.isArray(document)) throw new StartupError(`--preload ${file}: expected a JSON array or NDJSON`)
    return { file, records: document.map((value, i) => ({ where: `item ${i}`, value })) }
  }
  const records: Array<PreloadRecord> = []
  const lines = text.split("\n")
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (line === "") continue
    try {
      records.push({ where: `line ${i + 1}`, value: JSON.parse(line) })
    } catch (e) {
      throw new StartupError(`--preload ${file} line ${i + 1}: not valid JSON: ${(e as Error).message}`)
    }
  }
  return { file, records }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

// An item of `/_mock/sessions`: exactly these two keys (a create body or a session has neither).
const isListItem = (value: unknown): value is { merchant_account_id: unknown; session: unknown; created_at?: unknown } =>
  isObject(value) && Object.hasOwn(value, "merchant_account_id") && Object.hasOwn(value, "session")

/**
 * Loads the records into the store, in order; fails with a `StartupError` at
 * the first invalid one. Answers how many sessions were loaded.
 *
 * @category loading
 * @since 0.2.0
 */
export const load = (preload: Preload) =>
  Effect.gen(function*() {
    const sessions = yield* CheckoutSessions
    for (const { value, where } of preload.records) {
      const item = isListItem(value)
      const account = item ? value.merchant_account_id : "default"
      const body = item ? value.session : value
      const prefix = item ? "/session" : ""
      if (typeof account !== "string" || account === "") {
        return yield* Effect.fail(
          new StartupError(`--preload ${preload.file} ${where}: /merchant_account_id: a merchant account id (a string) is required`)
        )
      }
      const stored = isObject(body) && Object.hasOwn(body, "id")
        ? sessions.load(account, body)
        : sessions.create(account, body)
      yield* Effect.mapError(stored, (error) => {
        const [first] = error.details ?? []
        const more = (error.details?.length ?? 0) > 1 ? ` (and ${error.details!.length - 1} more)` : ""
        const what = first === undefined
          ? error.message
          : `${prefix}${first.pointer === "" ? "" : first.pointer}${first.pointer === "" && prefix === "" ? "(the record)" : ""}: ${first.message} (${first.type})${more}`
        return new StartupError(`--preload ${preload.file} ${where}: ${what}`)
      })
    }
    return preload.records.length
  })

/**
 * A layer loading `preload` when it is built.
 *
 * @category layers
 * @since 0.2.0
 */
export const layer = (preload: Preload | undefined) =>
  preload === undefined ? Layer.empty : Layer.effectDiscard(load(preload))
