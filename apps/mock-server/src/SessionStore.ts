/**
 * Where sessions live. A session is kept as its wire JSON (the bytes a GET
 * answers with), its merchant account and its expiry; the store never sees
 * card numbers or security codes.
 *
 * Session ids are server-made UUIDs, unique across merchant accounts: a
 * session is found under its merchant account, or by its id alone (`find`,
 * for the browser-facing calls, API-SEMANTICS.md § Browser-facing calls).
 *
 * `layerMemory` keeps them in a Map. Writes to one session are atomic: a
 * `modify` runs its function and stores the result with no other write to
 * that session in between.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Semaphore } from "effect"

/**
 * A stored session.
 *
 * @category models
 * @since 0.1.0
 */
export interface StoredSession {
  readonly merchantAccountId: string
  readonly id: string
  /** Epoch milliseconds. */
  readonly expiresAt: number
  /**
   * The session's wire JSON, as GET answers it. Kept as a string: V8 stores
   * it one byte per character, so 100,000 sessions cost about their JSON
   * size (separate small `Uint8Array`s cost more, in allocator overhead).
   */
  readonly body: string
  /** Epoch milliseconds of its creation, by the mock's clock (0: unknown, a session stored by an older version). */
  readonly createdAt?: number | undefined
}

/**
 * A stored session from a database row (the SQL stores' columns:
 * `merchant_account_id`, `id`, `expires_at`, `body`, `created_at`).
 *
 * @category models
 * @since 0.2.0
 */
export const sessionOfRow = (row: Record<string, unknown>): StoredSession => ({
  merchantAccountId: row.merchant_account_id as string,
  id: row.id as string,
  expiresAt: Number(row.expires_at),
  body: row.body as string,
  createdAt: Number(row.created_at ?? 0)
})

/**
 * A page of `SessionStore.list`: live sessions, newest first, and the cursor
 * of the next page (`undefined` on the last).
 *
 * @category models
 * @since 0.2.0
 */
export interface SessionPage {
  readonly items: ReadonlyArray<StoredSession>
  readonly nextCursor: string | undefined
}

/**
 * The order of `list`: newest first (by creation), ties broken by id.
 *
 * @category utils
 * @since 0.2.0
 */
export const newestFirst = (a: StoredSession, b: StoredSession) =>
  (b.createdAt ?? 0) - (a.createdAt ?? 0) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)

/**
 * A page cursor: the position of the last session of a page (its creation time and id).
 *
 * @category utils
 * @since 0.2.0
 */
export const cursorOf = (session: StoredSession) => `${session.createdAt ?? 0}_${key(session.id)}`

/**
 * The position a cursor names, or `undefined` for a malformed cursor.
 *
 * @category utils
 * @since 0.2.0
 */
export const parseCursor = (cursor: string): StoredSession | undefined => {
  const match = /^(\d{1,16})_([0-9a-f-]{1,64})$/.exec(cursor)
  return match === null ? undefined : { merchantAccountId: "", id: match[2], expiresAt: 0, body: "", createdAt: Number(match[1]) }
}

// UUIDs compare case-insensitively.
const key = (id: string) => id.toLowerCase()

/**
 * A lock per key: effects under the same key run one at a time, effects
 * under different keys run freely. Entries are dropped when unused.
 *
 * @category utils
 * @since 0.1.0
 */
export const makeKeyedLock = () => {
  const locks = new Map<string, { readonly semaphore: Semaphore.Semaphore; users: number }>()
  return <A, E>(k: string, effect: Effect.Effect<A, E>): Effect.Effect<A, E> =>
    Effect.suspend(() => {
      let lock = locks.get(k)
      if (lock === undefined) {
        lock = { semaphore: Semaphore.makeUnsafe(1), users: 0 }
        locks.set(k, lock)
      }
      const held = lock
      held.users++
      return Effect.ensuring(
        held.semaphore.withPermit(effect),
        Effect.sync(() => {
          if (--held.users === 0) locks.delete(k)
        })
      )
    })
}


/**
 * @category services
 * @since 0.1.0
 */
export class SessionStore extends Context.Service<SessionStore, {
  readonly insert: (session: StoredSession) => Effect.Effect<void>
  /** The session, if it exists under that merchant account and has not expired at `now`. */
  readonly get: (merchantAccountId: string, id: string, now: number) => Effect.Effect<StoredSession | undefined>
  /**
   * For a store that keeps the merchant accounts' clocks itself (PostgreSQL, where every replica reads them):
   * `get` at the account's own time, from real time `realNow` and the account's offset, in the statement that
   * reads the session — one round trip for a read instead of two. Absent: `get` at `MockClock.now`.
   */
  readonly getOnOwnClock?: ((merchantAccountId: string, id: string, realNow: number) => Effect.Effect<StoredSession | undefined>) | undefined
  /** The session with that id, whatever its merchant account, if it has not expired at `now`. */
  readonly find: (id: string, now: number) => Effect.Effect<StoredSession | undefined>
  /**
   * Replaces a live session with `f(current)`, atomically; `undefined` when
   * there is no live session. `f` may fail: nothing is written then.
   */
  readonly modify: <E>(
    merchantAccountId: string,
    id: string,
    now: number,
    f: (current: StoredSession) => Effect.Effect<StoredSession, E>
  ) => Effect.Effect<StoredSession | undefined, E>
  /** Deletes a live session; `false` when there was none. */
  readonly remove: (merchantAccountId: string, id: string, now: number) => Effect.Effect<boolean>
  /**
   * Deletes every session expired at `now` (of `merchantAccountId` only, when
   * given: each merchant account has its own clock); returns how many.
   */
  readonly purgeExpired: (now: number, merchantAccountId?: string) => Effect.Effect<number>
  readonly clear: Effect.Effect<void>
  readonly size: Effect.Effect<number>
  /**
   * Live sessions at `now`, newest first: of one merchant account or of all,
   * at most `limit`, after the position `cursor` names (`cursorOf`).
   */
  readonly list: (options: {
    readonly merchantAccountId: string | undefined
    readonly now: number
    readonly limit: number
    readonly after: StoredSession | undefined
  }) => Effect.Effect<SessionPage>
}>()("@checkout-kit/mock-server/SessionStore") {
  static readonly layerMemory = Layer.sync(SessionStore, () => {
    const sessions = new Map<string, StoredSession>()
    const live = (k: string, now: number) => {
      const session = sessions.get(k)
      if (session === undefined) return undefined
      if (session.expiresAt <= now) {
        // Gone at expiry: purged on first sight.
        sessions.delete(k)
        return undefined
      }
      return session
    }
    // Under another merchant account a session does not exist.
    const liveIn = (merchantAccountId: string, k: string, now: number) => {
      const session = live(k, now)
      return session?.merchantAccountId === merchantAccountId ? session : undefined
    }
    const withLock = makeKeyedLock()

    return SessionStore.of({
      insert: (session) => Effect.sync(() => void sessions.set(key(session.id), session)),
      get: (merchantAccountId, id, now) => Effect.sync(() => liveIn(merchantAccountId, key(id), now)),
      find: (id, now) => Effect.sync(() => live(key(id), now)),
      modify: (merchantAccountId, id, now, f) => {
        const k = key(id)
        return withLock(
          k,
          Effect.suspend(() => {
            const current = liveIn(merchantAccountId, k, now)
            if (current === undefined) return Effect.succeed(undefined)
            return Effect.map(f(current), (next) => {
              // Deleted while `f` ran: do not bring it back.
              if (sessions.get(k) !== current) return undefined
              sessions.set(k, next)
              return next
            })
          })
        )
      },
      remove: (merchantAccountId, id, now) =>
        Effect.sync(() => {
          const k = key(id)
          return liveIn(merchantAccountId, k, now) !== undefined && sessions.delete(k)
        }),
      purgeExpired: (now, merchantAccountId) =>
        Effect.sync(() => {
          let purged = 0
          for (const [k, session] of sessions) {
            if (session.expiresAt <= now && (merchantAccountId === undefined || session.merchantAccountId === merchantAccountId)) {
              sessions.delete(k)
              purged++
            }
          }
          return purged
        }),
      clear: Effect.sync(() => sessions.clear()),
      size: Effect.sync(() => sessions.size),
      // A scan: the controls list for people and tests, not for the hot path.
      list: ({ after, limit, merchantAccountId, now }) =>
        Effect.sync(() => {
          const matching: Array<StoredSession> = []
          for (const session of sessions.values()) {
            if (session.expiresAt <= now) continue
            if (merchantAccountId !== undefined && session.merchantAccountId !== merchantAccountId) continue
            if (after !== undefined && newestFirst(after, session) >= 0) continue
            matching.push(session)
          }
          matching.sort(newestFirst)
          const items = matching.slice(0, limit)
          return { items, nextCursor: matching.length > limit ? cursorOf(items[items.length - 1]) : undefined }
        })
    })
  })
}
