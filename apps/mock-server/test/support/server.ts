import { Effect, ManagedRuntime } from "effect"
import { once } from "node:events"
import { connect } from "node:net"
import { HttpServer } from "effect/http"
import * as Server from "../../src/Server.ts"

/** A mock server on an ephemeral loopback port, for one test file. */
export interface TestServer {
  readonly url: string
  readonly close: () => Promise<void>
}

export const startServer = async (options: Partial<Server.ServerOptions> = {}): Promise<TestServer> => {
  const runtime = ManagedRuntime.make(
    Server.layer({
      port: 0,
      host: "127.0.0.1",
      admin: true,
      logRequests: false,
      store: { kind: "memory" },
      auth: { kind: "off" },
      fingerprintSecret: "test-secret",
      ...options
    })
  )
  const url = await runtime.runPromise(HttpServer.addressFormattedWith((address) => Effect.succeed(address)))
  return { url, close: () => runtime.dispose() }
}

/** A JSON request; answers the status, the parsed body (or undefined) and the headers. */
/** A response as the tests read it. */
export interface CallResult {
  readonly status: number
  readonly body: any
  readonly headers: globalThis.Headers
}

export const call = async (
  url: string,
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}
): Promise<CallResult> => {
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
  const headers = { ...(body === undefined ? {} : { "content-type": "application/json" }), ...options.headers }
  const response = await fetch(`${url}${path}`, body === undefined ? { method, headers } : { method, headers, body })
  const text = await response.text()
  return {
    status: response.status,
    body: text === "" ? undefined : (JSON.parse(text) as any),
    headers: response.headers
  }
}

/**
 * A raw HTTP/1.1 connection to the server, for what fetch cannot do (wait for
 * `100 Continue`, leave in the middle of a request).
 */
export const rawConnection = async (url: string) => {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  let received = ""
  socket.on("data", (chunk: Buffer) => (received += chunk.toString("utf8")))
  await once(socket, "connect")
  return {
    write: (text: string) => void socket.write(text),
    /** Resolves once what the server sent matches `pattern`; rejects if the connection fails or closes first. */
    waitFor: (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const closed = () => finish(new Error(`the connection closed before ${pattern}; received: ${received}`))
        const finish = (error?: Error) => {
          socket.off("data", check)
          socket.off("error", finish)
          socket.off("close", closed)
          if (error === undefined) resolve()
          else reject(error)
        }
        const check = () => {
          if (pattern.test(received)) finish()
        }
        socket.on("data", check)
        socket.once("error", finish)
        socket.once("close", closed)
        check()
        if (socket.closed && !pattern.test(received)) closed()
      }),
    received: () => received,
    /** Resolves when the server has closed the connection. */
    closed: () => (socket.closed ? Promise.resolve() : once(socket, "close").then(() => undefined)),
    destroy: () => void socket.destroy()
  }
}

/**
 * The OpenAPI document the `/docs` page (Scalar) renders: the JSON it embeds.
 */
export const docsSpec = async (url: string): Promise<{ readonly paths: Record<string, Record<string, unknown>> }> => {
  const response = await fetch(`${url}/docs`)
  if (response.status !== 200) throw new Error(`GET /docs answered ${response.status}`)
  const html = await response.text()
  const embedded = /content: (\{.*\})\s*\n/.exec(html)?.[1]
  if (embedded === undefined) throw new Error("GET /docs embeds no OpenAPI document")
  return JSON.parse(embedded)
}
