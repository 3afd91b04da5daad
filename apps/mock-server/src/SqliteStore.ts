/**
 * The SQLite `SessionStore`, on Node's built-in `node:sqlite`: sessions
 * survive restarts and a `kill -9` (every write is committed before the
 * response is sent; WAL journal). The schema is versioned: migrations run on
 * start, each once, in order.
 *
 * @since 0.1.0
 */
import { Effect, Layer } from "effect"
import { mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { makeKeyedLock, SessionStore, type StoredSession } from "./SessionStore.ts"

/**
 * The migrations, in order; `schema_version` records how many ran.
 *
 * @category migrations
 * @since 0.1.0
 */
export const migrations: ReadonlyArray<string> = [
  `CREATE TABLE sessions (
    merchant_account_id TEXT NOT NULL,
    id TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (merchant_account_id, id)
  ) WITHOUT ROWID`,
  `CREATE INDEX sessions_expires_at ON sessions (expires_at)`,
  // The browser-facing calls find a session by its id alone.
  `CREATE INDEX sessions_id ON sessions (id)`
]

/**
 * Opens (creating if needed) the database at `path` and brings its schema up
 * to date. Answers the schema version.
 *
 * @category constructors
 * @since 0.1.0
 */
export const open = (path: string): { readonly db: DatabaseSync; readonly version: number } => {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true })
  const db = new DatabaseSync(path)
  db.exec("PRAGMA journal_mode = WAL")
  // NORMAL in WAL mode: a committed transaction survives a crash of the process.
  db.exec("PRAGMA synchronous = NORMAL")
  db.exec("PRAGMA busy_timeout = 5000")
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
  const row = db.prepare("SELECT version FROM schema_version").get() as { version: number } | undefined
  let version = row?.version ?? 0
  if (row === undefined) db.prepare("INSERT INTO schema_version (version) VALUES (0)").run()
  if (version > migrations.length) {
    db.close()
    throw new Error(`${path}: schema version ${version} is newer than this server (${migrations.length})`)
  }
  for (; version < migrations.length; version++) {
    db.exec("BEGIN")
    try {
      db.exec(migrations[version])
      db.prepare("UPDATE schema_version SET version = ?").run(version + 1)
      db.exec("COMMIT")
    } catch (e) {
      db.exec("ROLLBACK")
      db.close()
      throw e
    }
  }
  return { db, version }
}

// UUIDs compare case-insensitively.
const normalise = (id: string) => id.toLowerCase()

const toSession = (row: Record<string, unknown>): StoredSession => ({
  merchantAccountId: row.merchant_account_id as string,
  id: row.id as string,
  expiresAt: Number(row.expires_at),
  body: row.body as string
})

/**
 * The store in the SQLite file at `path`.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (path: string) =>
  Layer.effect(
    SessionStore,
    Effect.acquireRelease(Effect.sync(() => open(path).db), (db) => Effect.sync(() => db.close())).pipe(
      Effect.map((db) => {
        const insert = db.prepare(
          "INSERT OR REPLACE INTO sessions (merchant_account_id, id, expires_at, body) VALUES (?, ?, ?, ?)"
        )
        const select = db.prepare("SELECT * FROM sessions WHERE merchant_account_id = ? AND id = ?")
        const selectById = db.prepare("SELECT * FROM sessions WHERE id = ? AND expires_at > ? LIMIT 1")
        const update = db.prepare(
          "UPDATE sessions SET expires_at = ?, body = ? WHERE merchant_account_id = ? AND id = ? AND expires_at > ?"
        )
        const remove = db.prepare("DELETE FROM sessions WHERE merchant_account_id = ? AND id = ? AND expires_at > ?")
        const purge = db.prepare("DELETE FROM sessions WHERE expires_at <= ?")
        const count = db.prepare("SELECT count(*) AS n FROM sessions")
        const withLock = makeKeyedLock()

        const live = (merchantAccountId: string, id: string, now: number) => {
          const row = select.get(merchantAccountId, normalise(id)) as Record<string, unknown> | undefined
          if (row === undefined) return undefined
          if (Number(row.expires_at) <= now) {
            remove.run(merchantAccountId, normalise(id), Number.MIN_SAFE_INTEGER)
            return undefined
          }
          return toSession(row)
        }

        return SessionStore.of({
          insert: (session) =>
            Effect.sync(() =>
              void insert.run(session.merchantAccountId, normalise(session.id), session.expiresAt, session.body)
            ),
          get: (merchantAccountId, id, now) => Effect.sync(() => live(merchantAccountId, id, now)),
          find: (id, now) =>
            Effect.sync(() => {
              const row = selectById.get(normalise(id), now) as Record<string, unknown> | undefined
              return row === undefined ? undefined : toSession(row)
            }),
          modify: (merchantAccountId, id, now, f) =>
            withLock(
              `${merchantAccountId}\u0000${normalise(id)}`,
              Effect.suspend(() => {
                const current = live(merchantAccountId, id, now)
                if (current === undefined) return Effect.succeed(undefined)
                return Effect.map(f(current), (next) => {
                  const changed = update.run(next.expiresAt, next.body, merchantAccountId, normalise(id), now)
                  return Number(changed.changes) === 1 ? next : undefined
                })
              })
            ),
          remove: (merchantAccountId, id, now) =>
            Effect.sync(() => Number(remove.run(merchantAccountId, normalise(id), now).changes) === 1),
          purgeExpired: (now) => Effect.sync(() => Number(purge.run(now).changes)),
          clear: Effect.sync(() => void db.exec("DELETE FROM sessions")),
          size: Effect.sync(() => Number((count.get() as { n: number }).n))
        })
      })
    )
  )
