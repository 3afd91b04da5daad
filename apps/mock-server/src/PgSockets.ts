/**
 * The PostgreSQL store's connections, opened by the store instead of by the
 * driver, for two things the driver leaves to the socket:
 *
 * - **One write per turn.** The driver writes the statements that fibers
 *   submit in one microtask together, but a server answers many requests in
 *   one turn of the event loop, each in its own microtasks: every request's
 *   statement was a system call of its own (a fifth of a replica's CPU per
 *   GET). `batchWrites` corks a socket at its first write of a turn and
 *   uncorks it when the turn ends (`setImmediate`), so they leave as one.
 * - **A database that stops answering.** `SocketSet.destroyAll` ends every
 *   connection at once with an error; the driver then fails the statements
 *   waiting on them and opens new connections for the next ones. The store's
 *   `Stall` watch uses it instead of a timer per statement.
 *
 * Only plain TCP URLs (`postgres://user@host[:port]/db`, no `host`, `port`,
 * `hostaddr` or `sslmode` parameter) are handled: `tcpAddressOf` answers
 * `undefined` for the others, which keep the driver's own connections.
 *
 * @since 0.2.0
 */
import * as Net from "node:net"

/**
 * @category models
 * @since 0.2.0
 */
export interface TcpAddress {
  readonly host: string
  readonly port: number
}

// Parameters by which a URL chooses the address or encryption itself: those URLs are the driver's to open.
const addressParameters = new Set(["host", "port", "hostaddr", "sslmode"])

/**
 * The host and port of a plain TCP PostgreSQL URL, as the driver reads them
 * (brackets of an IPv6 host removed, percent-encoding decoded, port 5432 by
 * default); `undefined` for any other URL.
 *
 * @category constructors
 * @since 0.2.0
 */
export const tcpAddressOf = (url: string): TcpAddress | undefined => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") return undefined
  for (const key of parsed.searchParams.keys()) if (addressParameters.has(key)) return undefined
  if (parsed.hostname === "") return undefined
  let host: string
  if (parsed.hostname.startsWith("[") && parsed.hostname.endsWith("]")) {
    host = parsed.hostname.slice(1, -1)
  } else {
    try {
      host = decodeURIComponent(parsed.hostname)
    } catch {
      return undefined
    }
  }
  // A host that is a directory names a Unix socket.
  if (host.startsWith("/")) return undefined
  return { host, port: parsed.port === "" ? 5432 : Number(parsed.port) }
}

/**
 * Makes the writes of one turn of the event loop leave `socket` together at
 * the turn's end: its first write in a turn corks it, and a `setImmediate`
 * uncorks it. Everything else is Node's: the bytes and their order, each
 * write's return value and callback (called once the batch is written),
 * `end()` (which sends what is corked first), errors and `destroy()`.
 * Returns `socket`.
 *
 * Apply it after `connect()`: Node's `Socket.prototype.connect` puts the
 * prototype's `write` back on the socket.
 *
 * @category constructors
 * @since 0.2.0
 */
export const batchWrites = <S extends Net.Socket>(socket: S): S => {
  const write = socket.write
  let corked = false
  const flush = () => {
    corked = false
    socket.uncork()
  }
  socket.write = function(this: S, ...args: Parameters<S["write"]>): boolean {
    if (!corked) {
      corked = true
      socket.cork()
      setImmediate(flush)
    }
    return (write as (...args: Parameters<S["write"]>) => boolean).apply(this, args)
  } as S["write"]
  return socket
}

/**
 * The connections opened to one address, so that they can all be ended at
 * once.
 *
 * @category models
 * @since 0.2.0
 */
export interface SocketSet {
  /** Opens a connection (TCP no-delay, writes batched per turn) and keeps it in the set until it closes. */
  readonly open: () => Net.Socket
  /** Destroys every open connection with `error`; answers how many there were. */
  readonly destroyAll: (error: Error) => number
  /** The connections open now. */
  readonly size: () => number
}

/**
 * @category constructors
 * @since 0.2.0
 */
export const socketSet = (address: TcpAddress): SocketSet => {
  const sockets = new Set<Net.Socket>()
  return {
    open: () => {
      const socket = batchWrites(Net.connect({ host: address.host, port: address.port, noDelay: true }))
      sockets.add(socket)
      socket.once("close", () => sockets.delete(socket))
      return socket
    },
    destroyAll: (error) => {
      const all = [...sockets]
      for (const socket of all) socket.destroy(error)
      return all.length
    },
    size: () => sockets.size
  }
}

/**
 * Watches the store's operations for a database that stops answering: one
 * counter and one time for all of them instead of a timer per operation.
 * The database is stalled when operations are waiting and none has finished
 * for `timeoutMillis` (since the last one finished, or since the first of
 * them started after a quiet spell). `check` reports it once per stall.
 *
 * @category models
 * @since 0.2.0
 */
export class Stall {
  private waiting = 0
  private progressAt = 0
  readonly timeoutMillis: number
  constructor(timeoutMillis: number) {
    this.timeoutMillis = timeoutMillis
  }
  /** An operation starts, at `now` (milliseconds). */
  started(now: number): void {
    if (this.waiting++ === 0) this.progressAt = now
  }
  /** An operation ends (with any outcome, interruption included), at `now`. */
  ended(now: number): void {
    this.waiting--
    this.progressAt = now
  }
  /** The operations started and not ended. */
  get inFlight(): number {
    return this.waiting
  }
  /**
   * Whether the database is stalled at `now`; a stall is reported once, and
   * the waiting operations get another `timeoutMillis` before the next report.
   */
  check(now: number): boolean {
    if (this.waiting === 0 || now - this.progressAt < this.timeoutMillis) return false
    this.progressAt = now
    return true
  }
}
