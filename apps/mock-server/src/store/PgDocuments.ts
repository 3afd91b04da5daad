/**
 * The PostgreSQL `DocumentStore`, through an `effect/sql` `SqlClient` (the
 * one the PostgreSQL session store makes, so both share its pool): one
 * `documents` table for every kind, shared by every replica.
 *
 * - The table is created on start by Effect's `Migrator`, with its own
 *   migrations table (`document_store_migrations`), whose lock lets every
 *   replica start at once.
 * - `update` reads the document with `SELECT … FOR UPDATE` in a transaction:
 *   two replicas never interleave their writes to one document. `transact` is
 *   a transaction; a `transact` or an `update` inside it is a savepoint.
 * - PostgreSQL's text holds no NUL character: every string is stored with NUL
 *   and U+0001 escaped (`\u0001\u0001` and `\u0001\u0002`, which keeps their
 *   order), so an id or key with NUL is stored, and found, like any other.
 * - A database error or an operation past `PgStore.operationTimeout` dies (a
 *   500) and is reported to `StoreHealth`, when there is one, until an
 *   operation succeeds again.
 *
 * @since 0.2.0
 */
import { Cause, Duration, Effect, Layer } from "effect"
import * as Migrator from "effect/sql/Migrator"
import { SqlClient } from "effect/sql/SqlClient"
import { isSqlError, type SqlError } from "effect/sql/SqlError"
import { operationTimeout, unwindingApart } from "../PgStore.ts"
import { StartupError } from "../StartupError.ts"
import { documentsSource as healthSource, StoreHealth } from "../StoreHealth.ts"
import {
  checkCurrent,
  DocumentConflict,
  DocumentStore,
  type Fetch,
  type ListQuery,
  nextVersion,
  paginate,
  type ScanFetch,
  scanPage,
  type StoredDocument,
  storedOf
} from "./DocumentStore.ts"

/**
 * The table of Effect's `Migrator` for the documents table.
 *
 * @category migrations
 * @since 0.2.0
 */
export const migrationsTable = "document_store_migrations"

/**
 * The migrations, in order.
 *
 * @category migrations
 * @since 0.2.0
 */
export const migrations: Record<string, Effect.Effect<void, SqlError, SqlClient>> = {
  "1_documents": Effect.gen(function*() {
    const sql = yield* SqlClient
    // Times are epoch milliseconds. Lists order ids by code point: COLLATE "C".
    yield* sql`CREATE TABLE documents (
      merchant_account_id text NOT NULL,
      kind text NOT NULL,
      id text NOT NULL,
      version integer NOT NULL,
      created_at double precision NOT NULL,
      updated_at double precision NOT NULL,
      parent_id text,
      external_identifier text,
      unique_key text,
      body text NOT NULL,
      PRIMARY KEY (merchant_account_id, kind, id)
    )`
    yield* sql`CREATE INDEX documents_by_id ON documents (kind, id, merchant_account_id COLLATE "C")`
    yield* sql`CREATE INDEX documents_newest ON documents (merchant_account_id, kind, created_at, id COLLATE "C")`
    yield* sql`CREATE INDEX documents_by_parent ON documents (merchant_account_id, kind, parent_id, created_at, id COLLATE "C")
      WHERE parent_id IS NOT NULL`
    yield* sql`CREATE INDEX documents_by_external_identifier
      ON documents (merchant_account_id, kind, external_identifier, created_at, id COLLATE "C")
      WHERE external_identifier IS NOT NULL`
    yield* sql`CREATE UNIQUE INDEX documents_unique_key ON documents (merchant_account_id, kind, unique_key)
      WHERE unique_key IS NOT NULL`
  })
}

/**
 * A string as PostgreSQL's text can hold it: NUL becomes `\u0001\u0001` and
 * U+0001 `\u0001\u0002` (an order-keeping escape: strings compare as before).
 *
 * @category utils
 * @since 0.2.0
 */
export const escapeText = (s: string): string => {
  if (!s.includes("\u0000") && !s.includes("\u0001")) return s
  let escaped = ""
  for (const c of s) escaped += c === "\u0000" ? "\u0001\u0001" : c === "\u0001" ? "\u0001\u0002" : c
  return escaped
}

/**
 * The string `escapeText` made `s` of.
 *
 * @category utils
 * @since 0.2.0
 */
export const unescapeText = (s: string): string => {
  if (!s.includes("\u0001")) return s
  let text = ""
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c !== "\u0001") {
      text += c
      continue
    }
    text += s[++i] === "\u0001" ? "\u0000" : "\u0001"
  }
  return text
}

const optional = (s: string | undefined) => (s === undefined ? null : escapeText(s))
const fromOptional = (value: unknown) => (value === null || value === undefined ? undefined : unescapeText(value as string))

const documentOfRow = (row: Record<string, unknown>): StoredDocument => ({
  merchantAccountId: unescapeText(row.merchant_account_id as string),
  kind: unescapeText(row.kind as string),
  id: unescapeText(row.id as string),
  version: Number(row.version),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
  parentId: fromOptional(row.parent_id),
  externalIdentifier: fromOptional(row.external_identifier),
  uniqueKey: fromOptional(row.unique_key),
  body: unescapeText(row.body as string)
})

/**
 * The documents in the database of the `SqlClient`. Fails with a
 * `StartupError` when the table cannot be migrated.
 *
 * @category layers
 * @since 0.2.0
 */
export const layerPg: Layer.Layer<DocumentStore, StartupError, SqlClient> = Layer.effect(
  DocumentStore,
  Effect.gen(function*() {
    const sql = yield* SqlClient
    yield* Migrator.make({})({ loader: Migrator.fromRecord(migrations), table: migrationsTable }).pipe(
      Effect.mapError((e) => new StartupError(`cannot create the PostgreSQL documents table: ${e.message}`))
    )
    const health = yield* Effect.serviceOption(StoreHealth)
    // A database error or a timeout dies (a 500) and marks the store unhealthy; a success marks it healthy.
    // A transaction unwinds apart (`PgStore.unwindingApart`), so a stalled BEGIN or COMMIT does not hold its
    // caller past the timeout.
    const guard = <A, E>(effect: Effect.Effect<A, E>): Effect.Effect<A, Exclude<E, SqlError>> =>
      Effect.flatMap(Effect.result(Effect.timeout(effect, operationTimeout)), (result) => {
        if (result._tag === "Success") {
          if (health._tag === "Some") health.value.succeeded(healthSource)
          return Effect.succeed(result.success)
        }
        const e = result.failure
        if (!isSqlError(e) && !Cause.isTimeoutError(e)) return Effect.fail(e as Exclude<E, SqlError>)
        const reason = `PostgreSQL documents: ${isSqlError(e) ? e.message : `no answer within ${Duration.format(operationTimeout)}`}`
        if (health._tag === "Some") health.value.failed(reason, healthSource)
        return Effect.die(new Error(reason, { cause: e }))
      })
    // /health asks the documents table too: a failure of the documents (a webhook worker's read while the database
    // did not answer) clears as soon as the table answers again.
    if (health._tag === "Some") health.value.useLiveProbe(Effect.asVoid(guard(sql`SELECT 1 FROM documents LIMIT 1`)), healthSource)
    const rows = (statement: Effect.Effect<ReadonlyArray<Record<string, unknown>>, SqlError>) =>
      Effect.map(guard(statement), (found) => found.map(documentOfRow))
    const first = (statement: Effect.Effect<ReadonlyArray<Record<string, unknown>>, SqlError>) =>
      Effect.map(rows(statement), (found) => found[0])

    const columns = sql`merchant_account_id, kind, id, version, created_at, updated_at, parent_id, external_identifier,
      unique_key, body`
    const select = (merchantAccountId: string, kind: string, id: string, lock: boolean) =>
      sql`SELECT ${columns} FROM documents WHERE merchant_account_id = ${escapeText(merchantAccountId)}
        AND kind = ${escapeText(kind)} AND id = ${escapeText(id)} ${lock ? sql`FOR UPDATE` : sql``}`
    // Another document of the account and kind holds the key.
    const uniqueKeyTaken = (merchantAccountId: string, kind: string, key: string, id: string) =>
      Effect.map(
        sql`SELECT 1 FROM documents WHERE merchant_account_id = ${escapeText(merchantAccountId)}
          AND kind = ${escapeText(kind)} AND unique_key = ${escapeText(key)} AND id <> ${escapeText(id)}`,
        (found) => found.length > 0
      )

    const fetchOf = (query: ListQuery): Fetch => (direction, position, n) => {
      const [cmp, order] = direction === "older" ? [sql.literal("<"), sql.literal("DESC")] : [sql.literal(">"), sql.literal("ASC")]
      return rows(
        sql`SELECT ${columns} FROM documents
          WHERE merchant_account_id = ${escapeText(query.merchantAccountId)} AND kind = ${escapeText(query.kind)}
            ${query.parentId === undefined ? sql`` : sql`AND parent_id = ${escapeText(query.parentId)}`}
            ${
          query.externalIdentifier === undefined ? sql`` : sql`AND external_identifier = ${escapeText(query.externalIdentifier)}`
        }
            ${
          position === undefined ? sql`` : sql`AND (created_at ${cmp} ${position.createdAt}
              OR (created_at = ${position.createdAt} AND id COLLATE "C" ${cmp} ${escapeText(position.id)}))`
        }
          ORDER BY created_at ${order}, id COLLATE "C" ${order} LIMIT ${n}`
      )
    }

    const scanFetch = (kind: string | undefined, account: string | undefined): ScanFetch => (after, n) =>
      rows(
        sql`SELECT ${columns} FROM documents WHERE true
          ${kind === undefined ? sql`` : sql`AND kind = ${escapeText(kind)}`}
          ${account === undefined ? sql`` : sql`AND merchant_account_id = ${escapeText(account)}`}
          ${
          after === undefined ? sql`` : sql`AND (created_at, id COLLATE "C", kind COLLATE "C", merchant_account_id COLLATE "C")
              < (${after.createdAt}, ${escapeText(after.id)}, ${escapeText(after.kind)}, ${escapeText(after.merchantAccountId)})`
        }
          ORDER BY created_at DESC, id COLLATE "C" DESC, kind COLLATE "C" DESC, merchant_account_id COLLATE "C" DESC
          LIMIT ${n}`
      )

    return DocumentStore.of({
      insert: (document) => {
        const stored = storedOf(document)
        return guard(
          sql`INSERT INTO documents (${columns}) VALUES (${escapeText(stored.merchantAccountId)}, ${escapeText(stored.kind)},
            ${escapeText(stored.id)}, ${stored.version}, ${stored.createdAt}, ${stored.updatedAt}, ${optional(stored.parentId)},
            ${optional(stored.externalIdentifier)}, ${optional(stored.uniqueKey)}, ${escapeText(stored.body)})
            ON CONFLICT DO NOTHING RETURNING id`.pipe(
            Effect.flatMap((inserted) =>
              inserted.length === 1
                ? Effect.succeed(stored)
                : Effect.flatMap(select(stored.merchantAccountId, stored.kind, stored.id, false), (taken) =>
                  Effect.fail(new DocumentConflict({ kind: stored.kind, id: stored.id, on: taken.length > 0 ? "id" : "uniqueKey" })))
            )
          )
        )
      },
      get: (merchantAccountId, kind, id) => first(select(merchantAccountId, kind, id, false)),
      getById: (kind, id) =>
        first(
          sql`SELECT ${columns} FROM documents WHERE kind = ${escapeText(kind)} AND id = ${escapeText(id)}
            ORDER BY merchant_account_id COLLATE "C" LIMIT 1`
        ),
      getByUniqueKey: (merchantAccountId, kind, key) =>
        first(
          sql`SELECT ${columns} FROM documents WHERE merchant_account_id = ${escapeText(merchantAccountId)}
            AND kind = ${escapeText(kind)} AND unique_key = ${escapeText(key)}`
        ),
      list: (query) => paginate(fetchOf(query), query.limit, query.cursor),
      scan: (query) => scanPage(scanFetch(query.kind, query.merchantAccountId), query.limit, query.cursor),
      update: (merchantAccountId, kind, id, expectedVersion, f) =>
        guard(unwindingApart(
          sql.withTransaction(
            Effect.gen(function*() {
              // The row lock: another update of this document, through any replica, waits for this one's end.
              const locked = yield* select(merchantAccountId, kind, id, true)
              const current = yield* checkCurrent(kind, id, locked.length === 0 ? undefined : documentOfRow(locked[0]), expectedVersion)
              const change = yield* f(current)
              const conflict = new DocumentConflict({ kind, id, on: "uniqueKey" })
              if (change.uniqueKey !== undefined && change.uniqueKey !== current.uniqueKey) {
                if (yield* uniqueKeyTaken(merchantAccountId, kind, change.uniqueKey, id)) return yield* conflict
              }
              const next = nextVersion(current, change)
              yield* sql`UPDATE documents SET version = ${next.version}, updated_at = ${next.updatedAt},
                parent_id = ${optional(next.parentId)}, external_identifier = ${optional(next.externalIdentifier)},
                unique_key = ${optional(next.uniqueKey)}, body = ${escapeText(next.body)}
                WHERE merchant_account_id = ${escapeText(merchantAccountId)} AND kind = ${escapeText(kind)}
                  AND id = ${escapeText(id)}`.pipe(
                  // Taken by an insert that committed after the check: the transaction (or savepoint) rolls back.
                  Effect.catchIf((e) => e.reason._tag === "UniqueViolation", () => Effect.fail(conflict))
                )
              return next
            })
          )
        )),
      remove: (merchantAccountId, kind, id) =>
        Effect.map(
          guard(
            sql`DELETE FROM documents WHERE merchant_account_id = ${escapeText(merchantAccountId)}
              AND kind = ${escapeText(kind)} AND id = ${escapeText(id)} RETURNING id`
          ),
          (deleted) => deleted.length === 1
        ),
      transact: (effect) =>
        Effect.flatMap(Effect.context(), (context) => guard(unwindingApart(Effect.provideContext(sql.withTransaction(effect), context)))),
      clear: guard(sql`DELETE FROM documents`).pipe(Effect.asVoid),
      countByKind: (merchantAccountId) =>
        Effect.map(
          guard(
            sql`SELECT kind, count(*)::float8 AS n FROM documents
              ${merchantAccountId === undefined ? sql`` : sql`WHERE merchant_account_id = ${escapeText(merchantAccountId)}`}
              GROUP BY kind`
          ),
          (counted) => Object.fromEntries(counted.map((row) => [unescapeText(row.kind as string), Number(row.n)]))
        )
    })
  })
)
