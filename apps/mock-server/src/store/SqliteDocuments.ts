/**
 * The SQLite `DocumentStore`, on Node's built-in `node:sqlite`: one
 * `documents` table for every kind. Documents survive restarts and a
 * `kill -9`: every write is committed before its effect succeeds, in a WAL
 * journal (`synchronous = NORMAL`, as the session store: a committed
 * transaction survives a crash of the process; a power loss may take the
 * last ones). The schema is versioned in its own table
 * (`document_schema_version`), so the table may live in the session store's
 * file — but give it a file of its own: a `transact` holds SQLite's write lock
 * across its effects, and another connection writing the same file meanwhile
 * would wait for it.
 *
 * @since 0.2.0
 */
import { Effect, Layer } from "effect"
import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite"
import * as SqliteStore from "../SqliteStore.ts"
import { StartupError } from "../StartupError.ts"
import { documentsSource as healthSource, StoreHealth } from "../StoreHealth.ts"
import {
  checkCurrent,
  type Direction,
  DocumentConflict,
  DocumentStore,
  type Fetch,
  type ListQuery,
  lockKey,
  makeWriteGate,
  nextVersion,
  paginate,
  type ScanFetch,
  scanPage,
  type StoredDocument,
  storedOf
} from "./DocumentStore.ts"

/**
 * The migrations, in order; `document_schema_version` records how many ran.
 *
 * @category migrations
 * @since 0.2.0
 */
export const migrations: ReadonlyArray<string> = [
  `CREATE TABLE documents (
    merchant_account_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    parent_id TEXT,
    external_identifier TEXT,
    unique_key TEXT,
    body TEXT NOT NULL,
    PRIMARY KEY (merchant_account_id, kind, id)
  ) WITHOUT ROWID;
  CREATE INDEX documents_by_id ON documents (kind, id, merchant_account_id);
  CREATE INDEX documents_newest ON documents (merchant_account_id, kind, created_at, id);
  CREATE INDEX documents_by_parent ON documents (merchant_account_id, kind, parent_id, created_at, id)
    WHERE parent_id IS NOT NULL;
  CREATE INDEX documents_by_external_identifier
    ON documents (merchant_account_id, kind, external_identifier, created_at, id)
    WHERE external_identifier IS NOT NULL;
  CREATE UNIQUE INDEX documents_unique_key ON documents (merchant_account_id, kind, unique_key)
    WHERE unique_key IS NOT NULL`
]

const migrate = (db: DatabaseSync, path: string) => {
  db.exec("CREATE TABLE IF NOT EXISTS document_schema_version (version INTEGER NOT NULL)")
  const row = db.prepare("SELECT version FROM document_schema_version").get() as { version: number } | undefined
  let version = row?.version ?? 0
  if (row === undefined) db.prepare("INSERT INTO document_schema_version (version) VALUES (0)").run()
  if (version > migrations.length) {
    throw new StartupError(
      `the database ${path} has document schema version ${version}, newer than this server's (${migrations.length})\n` +
        `upgrade @checkout-kit/mock-server, or choose another database with --store`
    )
  }
  for (; version < migrations.length; version++) {
    db.exec("BEGIN IMMEDIATE")
    try {
      db.exec(migrations[version])
      db.prepare("UPDATE document_schema_version SET version = ?").run(version + 1)
      db.exec("COMMIT")
    } catch (e) {
      db.exec("ROLLBACK")
      throw e
    }
  }
}

/**
 * Opens (creating if needed) the database at `path` as `SqliteStore.open`
 * does (owner-only files, WAL, integrity check) and brings its documents
 * table up to date.
 *
 * @category constructors
 * @since 0.2.0
 */
export const open = (path: string): DatabaseSync => {
  const { db } = SqliteStore.open(path)
  try {
    migrate(db, path)
  } catch (e) {
    db.close()
    throw e
  }
  return db
}

/**
 * A stored document from a `documents` row.
 *
 * @category models
 * @since 0.2.0
 */
export const documentOfRow = (row: Record<string, unknown>): StoredDocument => ({
  merchantAccountId: row.merchant_account_id as string,
  kind: row.kind as string,
  id: row.id as string,
  version: Number(row.version),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
  parentId: (row.parent_id ?? undefined) as string | undefined,
  externalIdentifier: (row.external_identifier ?? undefined) as string | undefined,
  uniqueKey: (row.unique_key ?? undefined) as string | undefined,
  body: row.body as string
})

const found = (row: unknown) => (row === undefined ? undefined : documentOfRow(row as Record<string, unknown>))

const columns = "merchant_account_id, kind, id, version, created_at, updated_at, parent_id, external_identifier, unique_key, body"

/**
 * The documents in the SQLite file at `path` (`":memory:"`: in memory). Fails
 * with a `StartupError` when the file cannot be opened or is corrupt; at run
 * time a storage error dies (a 500) and is reported to `StoreHealth`, when
 * there is one, until an operation succeeds again.
 *
 * @category layers
 * @since 0.2.0
 */
export const layerSqlite = (path: string): Layer.Layer<DocumentStore, StartupError> =>
  Layer.effect(
    DocumentStore,
    Effect.gen(function*() {
      const db = yield* Effect.acquireRelease(
        Effect.try({ try: () => open(path), catch: (e) => e instanceof StartupError ? e : new StartupError(String(e)) }),
        (opened) => Effect.sync(() => opened.close())
      )
      const health = yield* Effect.serviceOption(StoreHealth)
      // Every statement reports its outcome: a storage error marks the store unhealthy until one succeeds.
      const guarded = <A>(run: () => A): A => {
        try {
          const result = run()
          if (health._tag === "Some") health.value.succeeded(healthSource)
          return result
        } catch (e) {
          const error = new Error(`${path}: ${(e as Error).message}`, { cause: e })
          if (health._tag === "Some") health.value.failed(error.message, healthSource)
          throw error
        }
      }
      const sync = <A>(run: () => A) => Effect.sync(() => guarded(run))

      const insert = db.prepare(
        `INSERT INTO documents (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
      )
      const select = db.prepare(`SELECT ${columns} FROM documents WHERE merchant_account_id = ? AND kind = ? AND id = ?`)
      const selectById = db.prepare(
        `SELECT ${columns} FROM documents WHERE kind = ? AND id = ? ORDER BY merchant_account_id LIMIT 1`
      )
      const selectByUniqueKey = db.prepare(
        `SELECT ${columns} FROM documents WHERE merchant_account_id = ? AND kind = ? AND unique_key = ?`
      )
      const update = db.prepare(
        `UPDATE documents SET version = ?, updated_at = ?, parent_id = ?, external_identifier = ?, unique_key = ?,
          body = ? WHERE merchant_account_id = ? AND kind = ? AND id = ? AND version = ?`
      )
      const remove = db.prepare("DELETE FROM documents WHERE merchant_account_id = ? AND kind = ? AND id = ?")
      const countAll = db.prepare("SELECT kind, count(*) AS n FROM documents GROUP BY kind")
      const countAccount = db.prepare("SELECT kind, count(*) AS n FROM documents WHERE merchant_account_id = ? GROUP BY kind")
      const probe = db.prepare("SELECT count(*) FROM documents WHERE kind = ''")
      if (health._tag === "Some") health.value.useProbe(() => guarded(() => probe.get()), healthSource)

      // One statement per shape of a page read (filters × direction × from a position or the newest), prepared once.
      const pageStatements = new Map<string, StatementSync>()
      const pageStatement = (parent: boolean, external: boolean, direction: Direction, from: boolean) => {
        const key = `${parent} ${external} ${direction} ${from}`
        let statement = pageStatements.get(key)
        if (statement === undefined) {
          const [cmp, order] = direction === "older" ? ["<", "DESC"] : [">", "ASC"]
          statement = db.prepare(
            `SELECT ${columns} FROM documents WHERE merchant_account_id = $account AND kind = $kind` +
              (parent ? " AND parent_id = $parent" : "") +
              (external ? " AND external_identifier = $external" : "") +
              (from ? ` AND (created_at ${cmp} $createdAt OR (created_at = $createdAt AND id ${cmp} $id))` : "") +
              ` ORDER BY created_at ${order}, id ${order} LIMIT $limit`
          )
          pageStatements.set(key, statement)
        }
        return statement
      }
      const fetchOf = (query: ListQuery): Fetch => (direction, position, n) =>
        sync(() => {
          const params: Record<string, SQLInputValue> = { account: query.merchantAccountId, kind: query.kind, limit: n }
          if (query.parentId !== undefined) params.parent = query.parentId
          if (query.externalIdentifier !== undefined) params.external = query.externalIdentifier
          if (position !== undefined) {
            params.createdAt = position.createdAt
            params.id = position.id
          }
          const statement = pageStatement("parent" in params, "external" in params, direction, position !== undefined)
          return (statement.all(params) as Array<Record<string, unknown>>).map(documentOfRow)
        })
      // `scan`: one statement per shape (kind filter × account filter × from a position), prepared once.
      const scanStatements = new Map<string, StatementSync>()
      const scanFetch = (kind: string | undefined, account: string | undefined): ScanFetch => (after, n) =>
        sync(() => {
          const key = `${kind !== undefined} ${account !== undefined} ${after !== undefined}`
          let statement = scanStatements.get(key)
          if (statement === undefined) {
            const where = [
              ...(kind !== undefined ? ["kind = $onlyKind"] : []),
              ...(account !== undefined ? ["merchant_account_id = $onlyAccount"] : []),
              ...(after !== undefined ? ["(created_at, id, kind, merchant_account_id) < ($createdAt, $id, $kind, $account)"] : [])
            ]
            statement = db.prepare(
              `SELECT ${columns} FROM documents${where.length > 0 ? ` WHERE ${where.join(" AND ")}` : ""}` +
                " ORDER BY created_at DESC, id DESC, kind DESC, merchant_account_id DESC LIMIT $limit"
            )
            scanStatements.set(key, statement)
          }
          const params: Record<string, SQLInputValue> = { limit: n }
          if (kind !== undefined) params.onlyKind = kind
          if (account !== undefined) params.onlyAccount = account
          if (after !== undefined) {
            params.createdAt = after.createdAt
            params.id = after.id
            params.kind = after.kind
            params.account = after.merchantAccountId
          }
          return (statement.all(params) as Array<Record<string, unknown>>).map(documentOfRow)
        })
      const uniqueKeyTaken = (merchantAccountId: string, kind: string, key: string | undefined, id: string) => {
        if (key === undefined) return false
        const row = selectByUniqueKey.get(merchantAccountId, kind, key) as Record<string, unknown> | undefined
        return row !== undefined && row.id !== id
      }
      // A failed COMMIT, or an error that ended the transaction (SQLite rolls back on some, a full disk), leaves no
      // transaction open for the next writes to fall into.
      const rollback = (depth: number) => {
        if (!db.isTransaction) return
        db.exec(depth === 0 ? "ROLLBACK" : `ROLLBACK TO level${depth}; RELEASE level${depth}`)
      }
      const gate = makeWriteGate({
        begin: (depth) => guarded(() => db.exec(depth === 0 ? "BEGIN IMMEDIATE" : `SAVEPOINT level${depth}`)),
        commit: (depth) =>
          guarded(() => {
            try {
              db.exec(depth === 0 ? "COMMIT" : `RELEASE level${depth}`)
            } catch (e) {
              rollback(depth)
              throw e
            }
          }),
        rollback: (depth) => guarded(() => rollback(depth))
      })

      return DocumentStore.of({
        insert: (document) =>
          gate.write(
            lockKey(document.merchantAccountId, document.kind, document.id),
            Effect.suspend(() => {
              const stored = storedOf(document)
              const inserted = guarded(() =>
                insert.run(
                  stored.merchantAccountId,
                  stored.kind,
                  stored.id,
                  stored.version,
                  stored.createdAt,
                  stored.updatedAt,
                  stored.parentId ?? null,
                  stored.externalIdentifier ?? null,
                  stored.uniqueKey ?? null,
                  stored.body
                )
              )
              if (Number(inserted.changes) === 1) return Effect.succeed(stored)
              const taken = guarded(() => select.get(stored.merchantAccountId, stored.kind, stored.id)) !== undefined
              return Effect.fail(new DocumentConflict({ kind: stored.kind, id: stored.id, on: taken ? "id" : "uniqueKey" }))
            })
          ),
        get: (merchantAccountId, kind, id) => sync(() => found(select.get(merchantAccountId, kind, id))),
        getById: (kind, id) => sync(() => found(selectById.get(kind, id))),
        getByUniqueKey: (merchantAccountId, kind, key) =>
          sync(() => found(selectByUniqueKey.get(merchantAccountId, kind, key))),
        list: (query) => paginate(fetchOf(query), query.limit, query.cursor),
        scan: (query) => scanPage(scanFetch(query.kind, query.merchantAccountId), query.limit, query.cursor),
        update: (merchantAccountId, kind, id, expectedVersion, f) =>
          gate.write(
            lockKey(merchantAccountId, kind, id),
            sync(() => found(select.get(merchantAccountId, kind, id))).pipe(
              Effect.flatMap((current) => checkCurrent(kind, id, current, expectedVersion)),
              Effect.flatMap((current) =>
                Effect.flatMap(f(current), (change) => {
                  if (
                    change.uniqueKey !== current.uniqueKey &&
                    guarded(() => uniqueKeyTaken(merchantAccountId, kind, change.uniqueKey, id))
                  ) {
                    return Effect.fail(new DocumentConflict({ kind, id, on: "uniqueKey" }))
                  }
                  const next = nextVersion(current, change)
                  // Under the document's lock its version cannot have moved: the condition is a safeguard.
                  const changed = guarded(() =>
                    update.run(
                      next.version,
                      next.updatedAt,
                      next.parentId ?? null,
                      next.externalIdentifier ?? null,
                      next.uniqueKey ?? null,
                      next.body,
                      merchantAccountId,
                      kind,
                      id,
                      current.version
                    )
                  )
                  if (Number(changed.changes) !== 1) return Effect.die(new Error(`${path}: ${kind} ${id} changed under its lock`))
                  return Effect.succeed(next)
                })
              )
            )
          ),
        remove: (merchantAccountId, kind, id) =>
          gate.write(
            lockKey(merchantAccountId, kind, id),
            sync(() => Number(remove.run(merchantAccountId, kind, id).changes) === 1)
          ),
        transact: gate.transact,
        clear: gate.transact(sync(() => void db.exec("DELETE FROM documents"))),
        countByKind: (merchantAccountId) =>
          sync(() => {
            const rows = (merchantAccountId === undefined ? countAll.all() : countAccount.all(merchantAccountId)) as Array<
              Record<string, unknown>
            >
            return Object.fromEntries(rows.map((row) => [row.kind as string, Number(row.n)]))
          })
      })
    })
  )
