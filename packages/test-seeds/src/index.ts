/**
 * The JSON examples of the API's reference pages (`seeds/`), parsed, for the
 * tests of every package.
 *
 * @since 0.1.0
 */
import { readdirSync, readFileSync } from "node:fs"

/** A JSON example found in one of the API's reference pages. */
export interface SeedExample {
  readonly file: string
  readonly index: number
  /** `request` (a curl `--data` body), `response`, or `metadata` (a field's "Example:"). */
  readonly role: "request" | "response" | "metadata"
  readonly json: Record<string, unknown>
}

const seedsDir = new URL("../seeds/", import.meta.url)

// The end of the balanced JSON object that starts at `start`, or -1.
const objectEnd = (text: string, start: number): number => {
  let depth = 0
  let inString = false
  let escaped = false
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (escaped) escaped = false
      else if (c === "\\") escaped = true
      else if (c === "\"") inString = false
    } else if (c === "\"") inString = true
    else if (c === "{") depth++
    else if (c === "}" && --depth === 0) return i
  }
  return -1
}

/** Every JSON object example of every seed page, in page order. */
export const seedExamples = (): Array<SeedExample> => {
  const examples: Array<SeedExample> = []
  for (const file of readdirSync(seedsDir).filter((f) => f.endsWith(".txt")).toSorted()) {
    const text = readFileSync(new URL(file, seedsDir), "utf8")
    let from = 0
    let index = 0
    while (true) {
      const start = text.indexOf("{", from)
      if (start < 0) break
      const end = objectEnd(text, start)
      let json: unknown
      try {
        json = end < 0 ? undefined : JSON.parse(text.slice(start, end + 1))
      } catch {
        json = undefined
      }
      if (json === undefined) {
        from = start + 1
        continue
      }
      const before = text.slice(Math.max(0, start - 20), start)
      const role = before.includes("--data") ? "request" : before.includes("Example:") ? "metadata" : "response"
      examples.push({ file, index: index++, role, json: json as Record<string, unknown> })
      from = end + 1
    }
  }
  return examples
}

/** The full CheckoutSession response of the C# reference page (buyer, airline, payment method). */
export const fullSeedSession = (): Record<string, unknown> => {
  const full = seedExamples().find((e) => e.file.startsWith("03-") && e.role === "response")
  if (full === undefined) throw new Error("the full seed session is missing")
  return full.json
}

/**
 * The full seed session as a create body: its fields among `updateKeys` (a `CheckoutSessionUpdate`'s wire keys;
 * the response-only ones — id, expires_at, type, payment_method — dropped, as the schemas say).
 */
export const fullSeedBody = (updateKeys: Iterable<string>): Record<string, unknown> => {
  const keys = new Set(updateKeys)
  return Object.fromEntries(Object.entries(fullSeedSession()).filter(([key]) => keys.has(key)))
}
