/**
 * The PostgreSQL store's connections, opened by the store instead of by the
 * driver, so that the writes of one turn of the event loop leave together.
 *
 * The driver writes the statements that fibers submit in one microtask
 * together, but a server answers many requests in one turn of the event loop,
 * each in its own microtasks: every request's statement was a system call of
 * its own (a fifth of a replica's CPU per GET). `batchWrites` corks a socket
 * at its first write of a turn and uncorks it when the turn ends
 * (`setImmediate`), so they leave as one.
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
 * Opens a connection to `address` for the driver's `stream` option: TCP
 * no-delay (as the driver's own), writes batched per turn (`batchWrites`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const connect = (address: TcpAddress): Net.Socket =>
  batchWrites(Net.connect({ host: address.host, port: address.port, noDelay: true }))
