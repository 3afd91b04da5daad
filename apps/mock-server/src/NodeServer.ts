/**
 * The Node HTTP server under the app: responses sent in batches, what Node
 * cannot parse answered in the API's error shape, and shutdown with a grace
 * for requests in flight.
 *
 * @since 0.2.0
 */
import { NodeHttpServer } from "@effect/platform-node"
import { Duration, Effect, Layer } from "effect"
import { createServer, type ServerResponse, STATUS_CODES } from "node:http"
import type { Socket } from "node:net"
import * as ResponseBatch from "./ResponseBatch.ts"
import * as Responses from "./Responses.ts"
import { defaultShutdownGraceSeconds, logLine, type ServerOptions } from "./ServerOptions.ts"

// What Node cannot parse into a request: a status and a message for each of its error codes.
const clientErrors: Record<string, readonly [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, "The request's headers are larger than the server accepts"],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, "The request's chunk extensions are larger than the server accepts"],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "The request did not arrive in time"]
}

// Node answers what it cannot parse (a malformed request, oversized headers, a request timeout) with a bare
// status line. The mock answers in the API's error shape — after sending what waits in the response batch
// (`flush`), which may hold this connection's previous answer, or once that answer is made when it is still being
// made — and closes the connection, as Node does. Nothing
// of the request is echoed or logged but the error's code.
const answerClientError = (
  flush: () => void,
  options: ServerOptions,
  error: NodeJS.ErrnoException,
  socket: Socket
) => {
  flush()
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage
  const [status, message] = clientErrors[error.code ?? ""] ?? [400, "The request is not valid HTTP"]
  // The previous request, received whole, with its answer still being made (a read from PostgreSQL): that answer
  // goes out first; as an answer has begun on this connection, it is then closed with no answer of its own.
  if (socket.writable && inFlight != null && inFlight.req.complete && !inFlight.writableEnded) {
    let closed = false
    const close = () => {
      if (closed) return
      closed = true
      flush()
      if (options.logRequests) logLine(options, "info", "client error", { status, code: error.code })
      socket.destroySoon()
    }
    inFlight.once("finish", close)
    inFlight.once("close", close)
    return
  }
  // As Node's default: answer only where no answer has begun on this connection.
  if (error.code !== "ECONNRESET" && socket.writable && (inFlight == null || !inFlight.headersSent)) {
    const body = Responses.errorJson(status, message)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`
    )
  }
  if (options.logRequests) {
    logLine(options, "info", "client error", { status, code: error.code })
  }
  socket.destroy()
}

/**
 * `app` on a Node HTTP server listening on `options.host:options.port`, with
 * Node's client errors answered in the API's shape and the shutdown grace.
 *
 * @category layers
 * @since 0.2.0
 */
export const layer = <A, E, R>(options: ServerOptions, app: Layer.Layer<A, E, R>) => {
  // Responses ended in one turn of the event loop leave together (ResponseBatch.ts).
  const batch = options.batchResponses === false ? undefined : ResponseBatch.make({
    onError: (error) =>
      logLine(options, "error", "a response could not be sent", { code: (error as NodeJS.ErrnoException)?.code })
  })
  const flush = batch === undefined ? () => {} : batch.flush
  const server = createServer(batch === undefined ? {} : { ServerResponse: batch.ServerResponse })
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(flush, options, error, socket))
  // The open connections, for the end of a shutdown's grace: the answer each one is making (Node's own
  // `_httpMessage`, as answerClientError reads it) is the request in flight on it. Tracked per connection, not per
  // request: a listener on every response cost a POST 2.5 KB of garbage and 5-10% of its CPU (BENCHMARKS.md).
  const connections = new Set<Socket>()
  server.on("connection", (socket: Socket) => {
    connections.add(socket)
    socket.once("close", () => connections.delete(socket))
  })
  const inFlight = (): Array<ServerResponse> => {
    const responses: Array<ServerResponse> = []
    for (const socket of connections) {
      const response = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage
      if (response != null && !response.writableEnded) responses.push(response)
    }
    return responses
  }
  const graceMs = (options.shutdownGraceSeconds ?? defaultShutdownGraceSeconds) * 1000
  // On shutdown the server stops accepting and Node closes the connections
  // idle at that moment; a connection whose request finishes later would stay
  // open until the client drops it: idle ones are closed until the server has
  // closed. Whatever is still in the batch is sent first. A request still in
  // flight when the grace ends is answered 503 and its connection closed, so
  // the process exits then, not when the client gives up.
  const shutdown = Layer.effectDiscard(Effect.addFinalizer(() =>
    Effect.sync(() => {
      flush()
      logLine(options, "info", "shutting down", { in_flight: inFlight().length, grace_seconds: graceMs / 1000 })
      const idle = setInterval(() => server.closeIdleConnections(), 20)
      const graceEnd = setTimeout(() => {
        for (const response of inFlight()) {
          if (response.headersSent) response.destroy()
          else {
            const body = Responses.errorJson(503, "The server shut down before this request finished")
            response.writeHead(503, {
              "content-type": "application/json",
              "content-length": Buffer.byteLength(body),
              "retry-after": "1",
              connection: "close"
            })
            response.end(body)
          }
        }
        flush()
      }, graceMs)
      server.once("close", () => {
        clearInterval(idle)
        clearTimeout(graceEnd)
      })
    })
  ))
  return Layer.merge(app, shutdown).pipe(
    Layer.provideMerge(
      NodeHttpServer.layer(() => server, {
        port: options.port,
        host: options.host,
        // Effect's own deadline, after the grace's answers above have gone.
        gracefulShutdownTimeout: Duration.millis(graceMs + 1000)
      })
    )
  )
}
