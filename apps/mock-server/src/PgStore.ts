/**
 * The PostgreSQL `SessionStore` and `MockClock`, on `@effect/sql-pg`: several
 * replicas of the server share one database, so they agree on every session
 * and on the mock clock.
 *
 * - Sessions live in `checkout_sessions`, their wire JSON as the memory and
 *   SQLite stores keep it (never a card number or security code: the store
 *   never sees them). Every write is committed before the response is sent.
 * - Expiry needs no timer: reads compare `expires_at` with the clock's time,
 *   and purging deletes expired rows in bounded batches (any replica may run
 *   it; `FOR UPDATE SKIP LOCKED` lets two run at once).
 * - Updates of one session are serialised by a row lock (`SELECT … FOR
 *   UPDATE` in a transaction): two replicas never interleave their writes.
 * - The mock clocks' offsets live in `mock_clock`, one row per merchant
 *   account (its `scope` column): a move through one replica is seen by every
 *   replica's next request.
 * - The schema is migrated on start by Effect's `Migrator`, whose table lock
 *   lets every replica start (and migrate) at once.
 *
 * @since 0.2.0
 */
import { Cause, Clock, Context, Duration, Effect, Fiber, Layer, Redacted } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as Migrator from "effect/sql/Migrator"
import { SqlClient } from "effect/sql/SqlClient"
import { isSqlError, type SqlError } from "effect/sql/SqlError"
import { PgClient } from "@effect/sql-pg"
import * as PgSockets from "./PgSockets.ts"
import { ClockAdvanceTooFar, ClockBeforeRealTime, maxAdvanceSeconds, MockClock } from "./MockClock.ts"
import { cursorOf, sessionOfRow, SessionStore } from "./SessionStore.ts"
import { StartupError } from "./StartupError.ts"
import { StoreHealth } from "./StoreHealth.ts"

/**
 * Connections each replica keeps to the database, by default.
 *
 * @category constants
 * @since 0.2.0
 */
export const defaultPoolSize = 10

/**
 * How long one store operation may take before it fails (a 500, and `/health`
 * answers 503): the database's `statement_timeout` and, for an unreachable
 * database, the connect timeout.
 *
 * @category constants
 * @since 0.2.0
 */
export const operationTimeout = Duration.seconds(5)

/**
 * Rows one purge statement deletes at most; a purge runs batches until none
 * is left.
 *
 * @category constants
 * @since 0.2.0
 */
export const purgeBatch = 1000

/**
 * @category models
 * @since 0.2.0
 */
export interface PgStoreOptions {
  /** `postgres://user[:password]@host[:port]/database` */
  readonly url: string
  /** Connections in the pool (default `defaultPoolSize`). */
  readonly poolSize?: number | undefined
}

/**
 * The migrations, in order: Effect's `Migrator` records them in
 * `effect_sql_migrations`.
 *
 * @category migrations
 * @since 0.2.0
 */
export const migrations: Record<string, Effect.Effect<void, SqlError, SqlClient>> = {
  "1_sessions": Effect.gen(function*() {
    const sql = yield* SqlClient
    // Session ids are server-made UUIDs, unique across merchant accounts. Times are epoch milliseconds.
    yield* sql`CREATE TABLE checkout_sessions (
      id text PRIMARY KEY,
      merchant_account_id text NOT NULL,
      expires_at double precision NOT NULL,
      body text NOT NULL,
      created_at double precision NOT NULL DEFAULT 0
    )`
    yield* sql`CREATE INDEX checkout_sessions_expires_at ON checkout_sessions (expires_at)`
    // `/_mock/sessions` lists newest first, ties broken by id in byte order (as the other stores do).
    yield* sql`CREATE INDEX checkout_sessions_created_at ON checkout_sessions (created_at, id COLLATE "C")`
    yield* sql`CREATE TABLE mock_clock (scope text PRIMARY KEY, offset_ms double precision NOT NULL)`
  })
}

/**
 * `effect`, run in a fiber of its own: interrupting the result interrupts it
 * and answers at once, while it unwinds. `Effect.timeout` interrupts the
 * operation it bounds and waits for it to end, and a transaction's BEGIN,
 * COMMIT and ROLLBACK cannot be interrupted: to a database that stopped
 * answering they would hold the request past its timeout (until the
 * database answers again). Bounded through this, the request answers at the
 * timeout; the transaction ends by itself when its connection answers or
 * closes.
 *
 * @category utils
 * @since 0.2.0
 */
export const unwindingApart = <A, E>(effect: Effect.Effect<A, E>): Effect.Effect<A, E> =>
  Effect.flatMap(Effect.forkDetach(effect, { startImmediately: true }), (fiber) =>
    Effect.onInterrupt(Fiber.join(fiber), () => Effect.sync(() => fiber.interruptUnsafe())))

/**
 * Where a database URL points, for messages: `host:port/database`, never its
 * user or password.
 *
 * @category utils
 * @since 0.2.0
 */
export const describeUrl = (url: string): string => {
  try {
    const parsed = new URL(url)
    // `?host=` and `?port=` override the authority, as the driver reads them.
    const host = parsed.searchParams.get("host") ?? (parsed.hostname || "localhost")
    const port = parsed.searchParams.get("port") ?? (parsed.port || "5432")
    return `${host}:${port}${parsed.pathname === "/" ? "" : parsed.pathname}`
  } catch {
    return "an unparseable URL"
  }
}

// The reason of a database error, in words, from the deepest cause that names one.
const reasonOf = (error: unknown): string => {
  let reason: string | undefined
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 6; depth++) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === "ECONNREFUSED") return "connection refused"
    if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "no such host"
    if (code === "ETIMEDOUT" || code === "EHOSTUNREACH" || code === "ENETUNREACH") return "unreachable"
    const message = (e as Error).message
    if (typeof message === "string" && message !== "" && !/^PgConnection: (Failed to connect|The server reported an error)$/.test(message)) {
      reason = message.replace(/^PgConnection: /, "")
    }
    e = (e as { cause?: unknown }).cause
  }
  return (reason ?? String(error)).replace(/\s+/g, " ")
}


// UUIDs compare case-insensitively.
const normalise = (id: string) => id.toLowerCase()

// Every stored id is a UUID (`CheckoutSessions` creates and loads no other): any other id names no session, and is
// answered without asking the database — which could not even take one with a NUL byte (text cannot hold it).
const sessionIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const canBeStored = (id: string) => sessionIdPattern.test(id)
const none = Effect.succeed(undefined)

/**
 * The session store and the mock clock in the PostgreSQL database at
 * `options.url`. Fails with a `StartupError` naming the host and port when
 * the database cannot be reached or migrated; at run time a database error or
 * an operation past `operationTimeout` fails the request (a 500) and is
 * reported to `StoreHealth` until an operation succeeds again.
 *
 * @category layers
 * @since 0.2.0
 */
export const layer = (
  options: PgStoreOptions
): Layer.Layer<SessionStore | MockClock | SqlClient, StartupError, StoreHealth> =>
  Layer.effectContext(
    Effect.gen(function*() {
      const where = describeUrl(options.url)
      const startupFailure = (e: unknown) =>
        new StartupError(
          `cannot use the PostgreSQL database at ${where}: ${reasonOf(e)}\n` +
            `check that it runs and accepts this user, or choose another store with --store`
        )
      // A plain TCP URL gets the store's own connections (`PgSockets`): the statements of one turn of the event
      // loop leave in one write. Other URLs keep the driver's.
      const address = PgSockets.tcpAddressOf(options.url)
      const sql = yield* PgClient.make({
        // The URL may carry a password: kept redacted.
        url: Redacted.make(options.url),
        maxConnections: options.poolSize ?? defaultPoolSize,
        multiplex: true,
        connectTimeout: operationTimeout,
        startupParameters: {
          statement_timeout: String(Duration.toMillis(operationTimeout)),
          lock_timeout: String(Duration.toMillis(operationTimeout))
        },
        applicationName: "checkout-mock-server",
        ...(address === undefined ? {} : { stream: () => PgSockets.connect(address) })
      }).pipe(Effect.mapError(startupFailure))
      yield* Migrator.make({})({ loader: Migrator.fromRecord(migrations) }).pipe(
        Effect.provideService(SqlClient, sql),
        Effect.mapError(startupFailure)
      )
      const health = yield* StoreHealth
      // Every operation has its timeout (`Effect.timeout`), wherever it waits: on a connection, or in the pool for
      // one to a database that does not answer; a transaction unwinds apart (`unwindingApart`), so its timeout too
      // answers at once. Every operation reports its outcome: a database error or a timeout marks the store
      // unhealthy (a 500 for the request) until one succeeds.
      const guard = <A, E>(effect: Effect.Effect<A, E>): Effect.Effect<A, Exclude<E, SqlError>> =>
        Effect.flatMap(Effect.result(Effect.timeout(effect, operationTimeout)), (result) => {
          if (result._tag === "Success") {
            health.succeeded()
            return Effect.succeed(result.success)
          }
          const e = result.failure
          if (!isSqlError(e) && !Cause.isTimeoutError(e)) return Effect.fail(e as Exclude<E, SqlError>)
          const reason = `PostgreSQL ${where}: ${
            isSqlError(e) ? reasonOf(e) : `no answer within ${Duration.format(operationTimeout)}`
          }`
          health.failed(reason)
          return Effect.die(new Error(reason))
        })

      // /health asks the database on every call: a load balancer sees it go down before a request fails.
      health.useLiveProbe(Effect.asVoid(guard(sql`SELECT 1`)))

      const store = SessionStore.of({
        insert: (session) =>
          guard(
            sql`INSERT INTO checkout_sessions (id, merchant_account_id, expires_at, body, created_at)
              VALUES (${normalise(session.id)}, ${session.merchantAccountId}, ${session.expiresAt}, ${session.body},
                ${session.createdAt ?? 0})
              ON CONFLICT (id) DO UPDATE SET merchant_account_id = excluded.merchant_account_id,
                expires_at = excluded.expires_at, body = excluded.body, created_at = excluded.created_at`
          ).pipe(Effect.asVoid),
        get: (merchantAccountId, id, now) =>
          !canBeStored(id) ? none : guard(
            sql`SELECT id, merchant_account_id, expires_at, body, created_at FROM checkout_sessions
              WHERE id = ${normalise(id)} AND merchant_account_id = ${merchantAccountId} AND expires_at > ${now}`
          ).pipe(Effect.map((rows) => (rows.length === 0 ? undefined : sessionOfRow(rows[0])))),
        // The account's clock is a row of this database (`makeClock`): read with the session, in one statement.
        getOnOwnClock: (merchantAccountId, id, realNow) =>
          !canBeStored(id) ? none : guard(
            sql`SELECT id, merchant_account_id, expires_at, body, created_at FROM checkout_sessions
              WHERE id = ${normalise(id)} AND merchant_account_id = ${merchantAccountId}
                AND expires_at > ${realNow} + COALESCE((SELECT offset_ms FROM mock_clock WHERE scope = ${merchantAccountId}), 0)`
          ).pipe(Effect.map((rows) => (rows.length === 0 ? undefined : sessionOfRow(rows[0])))),
        find: (id, now) =>
          !canBeStored(id) ? none : guard(
            sql`SELECT id, merchant_account_id, expires_at, body, created_at FROM checkout_sessions
              WHERE id = ${normalise(id)} AND expires_at > ${now}`
          ).pipe(Effect.map((rows) => (rows.length === 0 ? undefined : sessionOfRow(rows[0])))),
        modify: (merchantAccountId, id, now, f) =>
          !canBeStored(id) ? none : guard(unwindingApart(
            sql.withTransaction(
              Effect.gen(function*() {
                // The row lock: another update of this session, through any replica, waits for this one's commit.
                const rows = yield* sql`SELECT id, merchant_account_id, expires_at, body, created_at FROM checkout_sessions
                  WHERE id = ${normalise(id)} AND merchant_account_id = ${merchantAccountId} AND expires_at > ${now}
                  FOR UPDATE`
                if (rows.length === 0) return undefined
                const next = yield* f(sessionOfRow(rows[0]))
                yield* sql`UPDATE checkout_sessions SET expires_at = ${next.expiresAt}, body = ${next.body}
                  WHERE id = ${normalise(id)}`
                return next
              })
            )
          )),
        remove: (merchantAccountId, id, now) =>
          !canBeStored(id) ? Effect.succeed(false) : guard(
            sql`DELETE FROM checkout_sessions
              WHERE id = ${normalise(id)} AND merchant_account_id = ${merchantAccountId} AND expires_at > ${now}
              RETURNING id`
          ).pipe(Effect.map((rows) => rows.length === 1)),
        purgeExpired: (now, merchantAccountId) =>
          Effect.gen(function*() {
            let purged = 0
            while (true) {
              const rows = yield* guard(
                sql`DELETE FROM checkout_sessions WHERE id IN (
                  SELECT id FROM checkout_sessions WHERE expires_at <= ${now}
                    AND ${merchantAccountId === undefined ? sql`TRUE` : sql`merchant_account_id = ${merchantAccountId}`}
                  LIMIT ${purgeBatch} FOR UPDATE SKIP LOCKED
                ) RETURNING id`
              )
              purged += rows.length
              if (rows.length < purgeBatch) return purged
            }
          }),
        clear: guard(sql`DELETE FROM checkout_sessions`).pipe(Effect.asVoid),
        size: guard(sql`SELECT count(*)::float8 AS n FROM checkout_sessions`).pipe(
          Effect.map((rows) => Number(rows[0].n))
        ),
        list: ({ after, limit, merchantAccountId, now }) => {
          const createdAt = after === undefined ? Number.MAX_SAFE_INTEGER : (after.createdAt ?? 0)
          const id = after === undefined ? "" : normalise(after.id)
          return guard(
            sql`SELECT id, merchant_account_id, expires_at, body, created_at FROM checkout_sessions
              WHERE expires_at > ${now}
                AND ${merchantAccountId === undefined ? sql`TRUE` : sql`merchant_account_id = ${merchantAccountId}`}
                AND (created_at < ${createdAt} OR (created_at = ${createdAt} AND id COLLATE "C" < ${id}))
              ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT ${limit + 1}`
          ).pipe(Effect.map((rows) => {
            const items = rows.slice(0, limit).map(sessionOfRow)
            return { items, nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]) : undefined }
          }))
        }
      })

      const clock = makeClock(sql, guard)

      // The client too: the payment resources' documents (`store/PgDocuments.ts`) share its pool.
      return Context.make(SessionStore, store).pipe(Context.add(MockClock, clock), Context.add(SqlClient, sql))
    })
  ).pipe(Layer.provide(Reactivity.layer))

/**
 * Runs a statement, reporting its outcome to `StoreHealth`: a database error or a timeout dies (a 500).
 *
 * @category models
 * @since 0.2.0
 */
export type Guard = <A, E>(effect: Effect.Effect<A, E>) => Effect.Effect<A, Exclude<E, SqlError>>

/**
 * The mock clocks, one per merchant account, whose offsets are the
 * `mock_clock` rows (`scope`: the account; no row: real time): every replica
 * reads its account's row per request, so a move through one is seen by all.
 * Each move is one statement, so moves through two replicas at once neither
 * lose one another nor pass the limits.
 *
 * @category constructors
 * @since 0.2.0
 */
export const makeClock = (sql: SqlClient, guard: Guard) => {
  const offsetOf = (merchantAccountId: string) =>
    guard(sql`SELECT offset_ms FROM mock_clock WHERE scope = ${merchantAccountId}`).pipe(
      Effect.map((rows) => (rows.length === 0 ? 0 : Number(rows[0].offset_ms)))
    )
  const now = (merchantAccountId: string) => Effect.zipWith(Clock.currentTimeMillis, offsetOf(merchantAccountId), (real, off) => real + off)
  const maxOffsetMs = maxAdvanceSeconds * 1000
  const tooFar = (merchantAccountId: string) =>
    Effect.flatMap(offsetOf(merchantAccountId), (current) =>
      Effect.fail(new ClockAdvanceTooFar({ remainingSeconds: Math.floor(maxAdvanceSeconds - current / 1000) })))
  // Sets the account's offset (0: its row goes); its new time.
  const setOffsetMs = (merchantAccountId: string, real: number, offsetMs: number) =>
    Effect.as(
      offsetMs === 0
        ? guard(sql`DELETE FROM mock_clock WHERE scope = ${merchantAccountId}`)
        : guard(
          sql`INSERT INTO mock_clock (scope, offset_ms) VALUES (${merchantAccountId}, ${offsetMs})
            ON CONFLICT (scope) DO UPDATE SET offset_ms = excluded.offset_ms`
        ),
      real + offsetMs
    )
  return MockClock.of({
    now,
    realNow: Clock.currentTimeMillis,
    advance: (merchantAccountId, seconds) =>
      Effect.gen(function*() {
        const by = Math.round(seconds * 1000)
        // One statement moves the offset, unless the move would take it past the limit.
        const moved = by > maxOffsetMs ? [] : yield* guard(
          sql`INSERT INTO mock_clock (scope, offset_ms) VALUES (${merchantAccountId}, ${by})
            ON CONFLICT (scope) DO UPDATE SET offset_ms = mock_clock.offset_ms + ${by}
            WHERE mock_clock.offset_ms + ${by} <= ${maxOffsetMs}
            RETURNING offset_ms`
        )
        if (moved.length === 0) return yield* tooFar(merchantAccountId)
        return (yield* Clock.currentTimeMillis) + Number(moved[0].offset_ms)
      }),
    setOffset: (merchantAccountId, offsetSeconds) =>
      Effect.flatMap(Clock.currentTimeMillis, (real) => {
        const offsetMs = Math.round(offsetSeconds * 1000)
        return offsetMs > maxOffsetMs ? tooFar(merchantAccountId) : setOffsetMs(merchantAccountId, real, offsetMs)
      }),
    setTime: (merchantAccountId, millis) =>
      Effect.flatMap(Clock.currentTimeMillis, (real): Effect.Effect<number, ClockAdvanceTooFar | ClockBeforeRealTime> => {
        const offsetMs = Math.round(millis - real)
        if (offsetMs < 0) return Effect.fail(new ClockBeforeRealTime({ realNow: real }))
        return offsetMs > maxOffsetMs ? tooFar(merchantAccountId) : setOffsetMs(merchantAccountId, real, offsetMs)
      }),
    reset: guard(sql`DELETE FROM mock_clock`).pipe(Effect.asVoid),
    read: (merchantAccountId) =>
      Effect.zipWith(Clock.currentTimeMillis, offsetOf(merchantAccountId), (real, off) => ({ now: real + off, offsetSeconds: off / 1000 })),
    moved: Effect.zipWith(
      Clock.currentTimeMillis,
      guard(sql`SELECT scope, offset_ms FROM mock_clock WHERE offset_ms > 0`),
      (real, rows) => rows.map((row) => ({ merchantAccountId: row.scope as string, now: real + Number(row.offset_ms) }))
    )
  })
}
