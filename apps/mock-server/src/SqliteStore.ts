/**
 * The SQLite `SessionStore`, on Node's built-in `node:sqlite`: sessions
 * survive restarts and a `kill -9` (every write is committed before the
 * response is sent; WAL journal). The schema is versioned: migrations run on
 * start, each once, in order.
 *
 * @since 0.1.0
 */
import { Effect, Layer } from "effect"
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs"
import { dirname } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { cursorOf, makeKeyedLock, sessionOfRow, SessionStore } from "./SessionStore.ts"
import { reasonOf, StartupError } from "./StartupError.ts"
import { StoreHealth } from "./StoreHealth.ts"

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
  `CREATE INDEX sessions_id ON sessions (id)`,
  // `/_mock/sessions` lists sessions newest first; rows of earlier versions read as created at 0 (listed last).
  `ALTER TABLE sessions ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0`,
  `CREATE INDEX sessions_created_at ON sessions (created_at, id)`
]

// The database and its WAL and shared-memory files hold buyer data: readable by their owner only. SQLite gives
// the -wal and -shm files the database file's mode, so the database file is created 0600 before SQLite opens it;
// files of an earlier version are narrowed to 0600.
const prepareFiles = (path: string) => {
  const dir = dirname(path)
  try {
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      chmodSync(dir, 0o700)
    }
    if (existsSync(path)) {
      for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600)
    } else {
      closeSync(openSync(path, "wx", 0o600))
      chmodSync(path, 0o600)
    }
  } catch (e) {
    throw new StartupError(
      `cannot create the database ${path}: ${reasonOf(e)}\n` +
        `make its directory writable, or choose another with --data-dir or --store (memory needs no files)`
    )
  }
}

// SQLite's answer to an integrity check: "ok", or the problems it found.
const integrityProblem = (db: DatabaseSync): string | undefined => {
  const rows = db.prepare("PRAGMA quick_check(3)").all() as Array<Record<string, unknown>>
  const found = rows.map((row) => String(Object.values(row)[0]))
  return found.length === 1 && found[0] === "ok" ? undefined : found.join("; ")
}

/**
 * Opens (creating if needed) the database at `path`, checks its integrity
 * (`PRAGMA quick_check`) and brings its schema up to date. Answers the schema
 * version. A file that cannot be opened or is corrupt throws a `StartupError`
 * naming it and what to do.
 *
 * @category constructors
 * @since 0.1.0
 */
export const open = (path: string): { readonly db: DatabaseSync; readonly version: number } => {
  if (path !== ":memory:") prepareFiles(path)
  let db: DatabaseSync | undefined
  try {
    db = new DatabaseSync(path)
    db.exec("PRAGMA journal_mode = WAL")
    // NORMAL in WAL mode: a committed transaction survives a crash of the process.
    db.exec("PRAGMA synchronous = NORMAL")
    db.exec("PRAGMA busy_timeout = 5000")
    const problem = integrityProblem(db)
    if (problem !== undefined) throw new Error(problem)
  } catch (e) {
    db?.close()
    const problem = (e as Error).message.replace(/\s+/g, " ").replace(/\*\*\* in database main \*\*\* /, "")
    throw new StartupError(
      `the database ${path} is corrupt or not a database (${problem.length > 160 ? `${problem.slice(0, 160)}…` : problem})\n` +
        `restore it from a backup, or move it (with its -wal and -shm files) away to start with an empty store`
    )
  }
  return migrate(db, path)
}

const migrate = (db: DatabaseSync, path: string): { readonly db: DatabaseSync; readonly version: number } => {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
  const row = db.prepare("SELECT version FROM schema_version").get() as { version: number } | undefined
  let version = row?.version ?? 0
  if (row === undefined) db.prepare("INSERT INTO schema_version (version) VALUES (0)").run()
  if (version > migrations.length) {
    db.close()
    throw new StartupError(
      `the database ${path} has schema version ${version}, newer than this server's (${migrations.length})\n` +
        `upgrade @checkout-kit/mock-server, or choose another database with --store`
    )
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


/**
 * The store in the SQLite file at `path`. Fails with a `StartupError` when
 * the file cannot be opened or is corrupt; at run time a storage error fails
 * the request (a 500) and is reported to `StoreHealth` until an operation
 * succeeds again.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (path: string) =>
  Layer.effect(
    SessionStore,
    Effect.acquireRelease(
      Effect.try({ try: () => open(path).db, catch: (e) => e instanceof StartupError ? e : new StartupError(String(e)) }),
      (db) => Effect.sync(() => db.close())
    ).pipe(
      Effect.flatMap((db) => Effect.map(Effect.serviceOption(StoreHealth), (health) => ({ db, health }))),
      Effect.map(({ db, health }) => {
        // Every statement reports its outcome: a storage error marks the store unhealthy until one succeeds.
        const guarded = <A>(run: () => A): A => {
          try {
            const result = run()
            if (health._tag === "Some") health.value.succeeded()
            return result
          } catch (e) {
            // The file's path in the error: the log line names the database that failed.
            const error = new Error(`${path}: ${(e as Error).message}`, { cause: e })
            if (health._tag === "Some") health.value.failed(error.message)
            throw error
          }
        }
        const insert = db.prepare(
          "INSERT OR REPLACE INTO sessions (merchant_account_id, id, expires_at, body, created_at) VALUES (?, ?, ?, ?, ?)"
        )
        const page = db.prepare(
          "SELECT * FROM sessions WHERE expires_at > ? AND (? IS NULL OR merchant_account_id = ?) " +
            "AND (created_at < ? OR (created_at = ? AND id < ?)) ORDER BY created_at DESC, id DESC LIMIT ?"
        )
        const select = db.prepare("SELECT * FROM sessions WHERE merchant_account_id = ? AND id = ?")
        const selectById = db.prepare("SELECT * FROM sessions WHERE id = ? AND expires_at > ? LIMIT 1")
        const update = db.prepare(
          "UPDATE sessions SET expires_at = ?, body = ? WHERE merchant_account_id = ? AND id = ? AND expires_at > ?"
        )
        const remove = db.prepare("DELETE FROM sessions WHERE merchant_account_id = ? AND id = ? AND expires_at > ?")
        const purge = db.prepare("DELETE FROM sessions WHERE expires_at <= ?")
        const purgeAccount = db.prepare("DELETE FROM sessions WHERE expires_at <= ? AND merchant_account_id = ?")
        const count = db.prepare("SELECT count(*) AS n FROM sessions")
        const withLock = makeKeyedLock()
        // While the store fails, /health retries this: a read of every session's row.
        if (health._tag === "Some") health.value.useProbe(() => guarded(() => count.get()))

        const live = (merchantAccountId: string, id: string, now: number) => {
          const row = select.get(merchantAccountId, normalise(id)) as Record<string, unknown> | undefined
          if (row === undefined) return undefined
          if (Number(row.expires_at) <= now) {
            remove.run(merchantAccountId, normalise(id), Number.MIN_SAFE_INTEGER)
            return undefined
          }
          return sessionOfRow(row)
        }

        return SessionStore.of({
          insert: (session) =>
            Effect.sync(() =>
              guarded(() =>
                void insert.run(
                  session.merchantAccountId,
                  normalise(session.id),
                  session.expiresAt,
                  session.body,
                  session.createdAt ?? 0
                )
              )
            ),
          get: (merchantAccountId, id, now) => Effect.sync(() => guarded(() => live(merchantAccountId, id, now))),
          find: (id, now) =>
            Effect.sync(() => {
              const row = guarded(() => selectById.get(normalise(id), now)) as Record<string, unknown> | undefined
              return row === undefined ? undefined : sessionOfRow(row)
            }),
          modify: (merchantAccountId, id, now, f) =>
            withLock(
              `${merchantAccountId}\u0000${normalise(id)}`,
              Effect.suspend(() => {
                const current = guarded(() => live(merchantAccountId, id, now))
                if (current === undefined) return Effect.succeed(undefined)
                return Effect.map(f(current), (next) => {
                  const changed = guarded(() => update.run(next.expiresAt, next.body, merchantAccountId, normalise(id), now))
                  return Number(changed.changes) === 1 ? next : undefined
                })
              })
            ),
          remove: (merchantAccountId, id, now) =>
            Effect.sync(() => guarded(() => Number(remove.run(merchantAccountId, normalise(id), now).changes) === 1)),
          purgeExpired: (now, merchantAccountId) =>
            Effect.sync(() =>
              guarded(() =>
                Number((merchantAccountId === undefined ? purge.run(now) : purgeAccount.run(now, merchantAccountId)).changes)
              )
            ),
          clear: Effect.sync(() => guarded(() => void db.exec("DELETE FROM sessions"))),
          size: Effect.sync(() => guarded(() => Number((count.get() as { n: number }).n))),
          list: ({ after, limit, merchantAccountId, now }) =>
            Effect.sync(() => {
              const account = merchantAccountId ?? null
              const createdAt = after === undefined ? Number.MAX_SAFE_INTEGER : (after.createdAt ?? 0)
              const id = after === undefined ? "" : normalise(after.id)
              const rows = guarded(() =>
                page.all(now, account, account, createdAt, createdAt, id, limit + 1)
              ) as Array<Record<string, unknown>>
              const items = rows.slice(0, limit).map(sessionOfRow)
              return { items, nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]) : undefined }
            })
        })
      })
    )
  )
