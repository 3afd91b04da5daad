/**
 * The mock server: its state, its authorization, the contract's routes
 * (Routing.ts) with the behaviour around every request (Middleware.ts), on a
 * Node HTTP server (NodeServer.ts); the options are in ServerOptions.ts.
 *
 * @since 0.1.0
 */
import { Duration, Effect, Layer, Schedule } from "effect"
import { HttpRouter } from "effect/http"
import * as Authorization from "./Authorization.ts"
import { Buyers } from "./Buyers/Buyers.ts"
import { CheckoutSessions, FingerprintSecret } from "./CheckoutSessions.ts"
import { aroundEveryRequest } from "./Middleware.ts"
import { MockClock } from "./MockClock.ts"
import { PaymentMethods } from "./PaymentMethods/PaymentMethods.ts"
import { PaymentServices } from "./PaymentServices/PaymentServices.ts"
import { Transactions } from "./Transactions/Transactions.ts"
import * as NodeServer from "./NodeServer.ts"
import { routes } from "./Routing.ts"
import type { AuthOption, ServerOptions, StoreOption } from "./ServerOptions.ts"
import { SessionStore } from "./SessionStore.ts"
import * as PgStore from "./PgStore.ts"
import * as SqliteStore from "./SqliteStore.ts"
import { DocumentStore } from "./store/DocumentStore.ts"
import * as PgDocuments from "./store/PgDocuments.ts"
import * as SqliteDocuments from "./store/SqliteDocuments.ts"
import { StoreHealth } from "./StoreHealth.ts"
import * as TokenVerifier from "./TokenVerifier.ts"
import { Journal } from "./Journal.ts"
import * as Preload from "./Preload.ts"
import { observedStore, Webhooks } from "./Webhooks/Webhooks.ts"

export { maxBodyBytes } from "./Limits.ts"
export { maxDelayMs, parsePrefer } from "./Middleware.ts"
export { routes } from "./Routing.ts"
export {
  type AuthOption,
  defaultShutdownGraceSeconds,
  type ServerOptions,
  type StoreOption
} from "./ServerOptions.ts"

// Purges expired sessions every minute, so memory is given back without a read: those expired at real time (expired
// for every merchant account), then those expired on the clocks of the accounts that moved theirs. A purge that
// fails (the database unreachable for a while: the store reports it to StoreHealth) does not end the loop.
const purgeLoop = Layer.effectDiscard(
  Effect.gen(function*() {
    const store = yield* SessionStore
    const clock = yield* MockClock
    const purge = Effect.gen(function*() {
      yield* store.purgeExpired(yield* clock.realNow)
      for (const { merchantAccountId, now } of yield* clock.moved) yield* store.purgeExpired(now, merchantAccountId)
    })
    yield* Effect.forkScoped(Effect.repeat(Effect.ignoreCause(purge), Schedule.spaced(Duration.seconds(60))))
  })
)

/**
 * The state of a server: sessions (in the chosen store), clock and journal.
 * On PostgreSQL the clock lives in the database too, shared by every replica;
 * the journal is the replica's own.
 *
 * @category layers
 * @since 0.1.0
 */
export const stateLayer = (store: StoreOption = { kind: "memory" }, journalSize?: number) =>
  Layer.mergeAll(
    store.kind === "memory"
      ? Layer.mergeAll(SessionStore.layerMemory, DocumentStore.layerMemory, MockClock.layer)
      : store.kind === "sqlite"
      ? Layer.mergeAll(
        SqliteStore.layer(store.path),
        SqliteDocuments.layerSqlite(documentsPath(store.path)),
        MockClock.layer
      ).pipe(Layer.provideMerge(StoreHealth.layer))
      : PgDocuments.layerPg.pipe(Layer.provideMerge(PgStore.layer(store)), Layer.provideMerge(StoreHealth.layer)),
    Journal.layerWith(journalSize)
  )

/**
 * Where the SQLite store keeps the payment resources' documents: a file of
 * their own beside the sessions' (`sessions.db` → `sessions.documents.db`), so
 * a transaction of one never waits on the other's write lock.
 *
 * @category layers
 * @since 0.2.0
 */
export const documentsPath = (sessionsPath: string): string => sessionsPath.replace(/(\.db)?$/, ".documents.db")

// On shutdown, the live streams of the journal (`/_mock/events`) end, so they do not hold the server open.
const endStreams = Layer.effectDiscard(
  Effect.flatMap(Journal, (journal) => Effect.addFinalizer(() => Effect.sync(() => journal.publish({ _tag: "close" }))))
)

/**
 * The contract's `Authorization` middleware, as configured.
 *
 * @category layers
 * @since 0.1.0
 */
export const authorizationLayer = (auth: AuthOption) =>
  auth.kind === "off"
    ? Authorization.layerOff
    : Layer.unwrap(Effect.map(Effect.promise(() => TokenVerifier.make(auth.publicKeys)), Authorization.layerJwt))

/**
 * The HTTP app on a given HTTP server, without its state (tests provide one).
 *
 * @category layers
 * @since 0.1.0
 */
export const layerNoDeps = (options: ServerOptions) =>
  // The streams end before the app stops (it waits for the requests in flight): built after it, released before.
  endStreams.pipe(Layer.provideMerge(
    HttpRouter.serve(Layer.merge(routes(options), aroundEveryRequest(options)), {
      disableLogger: true,
      disableListenLog: true
    }).pipe(
      // The vault reads the sessions (a card stored from a session) and the buyers (a card's owner).
      // Transactions read the vault (a stored card, `store: true`), the buyers, the sessions and the services.
      // They write through the store that sends webhook events (Webhooks.ts).
      Layer.provide(
        Transactions.layerNoDeps.pipe(
          Layer.provide(PaymentServices.layer),
          Layer.provideMerge(PaymentMethods.layerNoDeps),
          Layer.provideMerge(Buyers.layerNoDeps),
          Layer.provide(observedStore)
        )
      ),
      Layer.provide(CheckoutSessions.layerNoDeps),
      Layer.provide(Layer.succeed(FingerprintSecret, options.fingerprintSecret)),
      Layer.provideMerge(purgeLoop),
      Layer.provideMerge(Webhooks.layer(options.webhooks))
    )
  ))

/**
 * The whole server listening on `options.host:options.port`.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (options: ServerOptions) =>
  NodeServer.layer(options, layerNoDeps(options)).pipe(
    Layer.provide([
      // Preloaded sessions are in the store before the server listens.
      Preload.layer(options.preload).pipe(
        Layer.provide(CheckoutSessions.layerNoDeps),
        Layer.provide(Layer.succeed(FingerprintSecret, options.fingerprintSecret)),
        Layer.provideMerge(stateLayer(options.store, options.journalSize))
      ),
      authorizationLayer(options.auth)
    ])
  )
