/**
 * A bounded journal of recent requests, for tests that want to see what
 * reached the mock: method, path, status, merchant account and time. Never
 * bodies, headers, tokens or card data.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"

/**
 * @category models
 * @since 0.1.0
 */
export interface JournalEntry {
  readonly method: string
  readonly path: string
  readonly status: number
  readonly merchant_account_id: string
  readonly time: string
  readonly duration_ms: number
}

/**
 * @category services
 * @since 0.1.0
 */
export class Journal extends Context.Service<Journal, {
  readonly record: (entry: JournalEntry) => void
  /** Oldest first. */
  readonly entries: Effect.Effect<ReadonlyArray<JournalEntry>>
  readonly clear: Effect.Effect<void>
}>()("@checkout-kit/mock-server/Journal") {
  static readonly capacity = 1000

  static readonly layer = Layer.sync(Journal, () => {
    const ring: Array<JournalEntry | undefined> = Array.from({ length: Journal.capacity })
    let next = 0
    let count = 0
    return Journal.of({
      record: (entry) => {
        ring[next] = entry
        next = (next + 1) % Journal.capacity
        count = Math.min(count + 1, Journal.capacity)
      },
      entries: Effect.sync(() => {
        const start = (next - count + Journal.capacity) % Journal.capacity
        return Array.from({ length: count }, (_, i) => ring[(start + i) % Journal.capacity]!)
      }),
      clear: Effect.sync(() => {
        ring.fill(undefined)
        next = 0
        count = 0
      })
    })
  })
}
