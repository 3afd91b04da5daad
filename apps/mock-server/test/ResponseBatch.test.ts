import { afterEach, assert, describe, it } from "@effect/vitest"
import { once } from "node:events"
import { createServer, type IncomingMessage, type Server, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import * as Cli from "../src/Cli.ts"
import * as ResponseBatch from "../src/ResponseBatch.ts"
import { call, rawConnection, startServer } from "./support/server.ts"

let server: Server | undefined
afterEach(async () => {
  if (server === undefined) return
  server.closeAllConnections()
  server.close()
  await once(server, "close")
  server = undefined
})

const listen = async (
  batch: ResponseBatch.ResponseBatch,
  handler: (request: IncomingMessage, response: ServerResponse) => void
) => {
  server = createServer({ ServerResponse: batch.ServerResponse }, handler)
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe("ResponseBatch", () => {
  it("sends the responses ended in one turn together, each whole, after that turn", async () => {
    const batch = ResponseBatch.make()
    const count = 20
    const waiting: Array<{ request: IncomingMessage; response: ServerResponse }> = []
    const observed: Array<{ endedAtOnce: boolean; finishedAtOnce: boolean }> = []
    const url = await listen(batch, (request, response) => {
      waiting.push({ request, response })
      if (waiting.length < count) return
      // All of them in one synchronous run: one turn of the event loop.
      for (const each of waiting) {
        each.response.writeHead(200, { "content-type": "text/plain" })
        each.response.end(`answer to ${each.request.url}`)
        observed.push({ endedAtOnce: each.response.writableEnded, finishedAtOnce: each.response.writableFinished })
        // A second answer while the first waits is not sent.
        each.response.end("a second answer")
      }
    })
    const bodies = await Promise.all(
      Array.from({ length: count }, (_, i) => fetch(`${url}/${i}`).then(async (r) => [r.status, await r.text()]))
    )
    assert.deepStrictEqual(bodies, Array.from({ length: count }, (_, i) => [200, `answer to /${i}`]))
    // Ended as far as anyone can tell, but not written yet: the batch goes at the end of the turn.
    assert.deepStrictEqual(observed, Array.from({ length: count }, () => ({ endedAtOnce: true, finishedAtOnce: false })))
    assert.deepStrictEqual(batch.stats(), { batches: 1, responses: count })
  })

  it("answers at once when nothing else is waiting, and runs end callbacks once sent", async () => {
    const batch = ResponseBatch.make()
    const finished: Array<string> = []
    const url = await listen(batch, (request, response) => {
      response.writeHead(200)
      response.end(`only ${request.url}`, () => finished.push(request.url!))
    })
    for (const path of ["/a", "/b", "/c"]) {
      const response = await fetch(`${url}${path}`)
      assert.strictEqual(await response.text(), `only ${path}`)
    }
    assert.deepStrictEqual(finished, ["/a", "/b", "/c"])
    assert.deepStrictEqual(batch.stats(), { batches: 3, responses: 3 })
  })

  it("sends at once a response ended before its head is written (its head could still change)", async () => {
    const batch = ResponseBatch.make()
    const url = await listen(batch, (_request, response) => {
      response.setHeader("x-kind", "implicit")
      response.end("implicit head")
    })
    const response = await fetch(url)
    assert.deepStrictEqual([response.status, response.headers.get("x-kind"), await response.text()], [
      200,
      "implicit",
      "implicit head"
    ])
    assert.deepStrictEqual(batch.stats(), { batches: 0, responses: 0 })
  })

  it("fails a write after end as Node does, and calls a late end's callback", async () => {
    const batch = ResponseBatch.make()
    const errors: Array<string> = []
    const late = Promise.withResolvers<string>()
    const url = await listen(batch, (_request, response) => {
      response.on("error", (e: NodeJS.ErrnoException) => errors.push(e.code ?? e.message))
      response.writeHead(200)
      response.end("A")
      const accepted = response.write("B", (e) => errors.push(`callback: ${(e as NodeJS.ErrnoException)?.code}`))
      errors.push(`accepted: ${accepted}`)
      response.once("finish", () => response.end(() => late.resolve("after finish")))
    })
    assert.strictEqual(await fetch(url).then((r) => r.text()), "A")
    assert.deepStrictEqual(errors, [
      "accepted: false",
      "callback: ERR_STREAM_WRITE_AFTER_END",
      "ERR_STREAM_WRITE_AFTER_END"
    ])
    // Node calls a callback given to end() after the response finished; the batch must not swallow it.
    assert.strictEqual(await late.promise, "after finish")
  })

  it("destroys a response that cannot be sent, tells onError, and keeps serving the others", async () => {
    const failures: Array<string> = []
    const batch = ResponseBatch.make({ onError: (e) => failures.push((e as NodeJS.ErrnoException).code ?? "?") })
    const url = await listen(batch, (request, response) => {
      if (request.url === "/broken") {
        // Node throws on a body that does not match a strict content-length: inside the batch.
        response.strictContentLength = true
        response.writeHead(200, { "content-length": "10" })
        response.end("abc")
      } else {
        response.writeHead(200)
        response.end("fine")
      }
    })
    const broken = await fetch(`${url}/broken`).then((r) => r.text()).then(
      () => "answered",
      () => "connection failed"
    )
    assert.strictEqual(broken, "connection failed")
    assert.deepStrictEqual(failures, ["ERR_HTTP_CONTENT_LENGTH_MISMATCH"])
    assert.strictEqual(await fetch(`${url}/next`).then((r) => r.text()), "fine")
  })

  it("flush sends what is waiting now", async () => {
    const batch = ResponseBatch.make()
    const seen: Array<unknown> = []
    const url = await listen(batch, (_request, response) => {
      response.writeHead(200)
      response.end("flushed")
      seen.push(batch.stats())
      batch.flush()
      seen.push(batch.stats())
    })
    assert.strictEqual(await fetch(url).then((r) => r.text()), "flushed")
    // Sent within the handler's turn, not at its end; the turn's own flush then finds nothing.
    assert.deepStrictEqual(seen, [{ batches: 0, responses: 0 }, { batches: 1, responses: 1 }])
    assert.deepStrictEqual(batch.stats(), { batches: 1, responses: 1 })
  })
})

type Handler = (request: IncomingMessage, response: ServerResponse, log: (event: string) => void) => void

interface Observed {
  /** What the client received, `Date` headers removed, until the server closed the connection. */
  readonly wire: string
  /** What the handler logged: events, callbacks, values it read. */
  readonly events: ReadonlyArray<string>
}

// One server with the given response class, one raw connection driven by `drive`; answers once the server has
// closed the connection (the last request says `connection: close`) and has itself closed.
const observe = async (
  Response: typeof ServerResponse,
  handler: Handler,
  drive: (connection: Awaited<ReturnType<typeof rawConnection>>) => Promise<void>,
  setUp: (target: Server, handler: (request: IncomingMessage, response: ServerResponse) => void) => void = (s, h) =>
    s.on("request", h)
): Promise<Observed> => {
  const events: Array<string> = []
  const own = createServer({ ServerResponse: Response })
  setUp(own, (request, response) => handler(request, response, (event) => events.push(event)))
  own.listen(0, "127.0.0.1")
  await once(own, "listening")
  try {
    const connection = await rawConnection(`http://127.0.0.1:${(own.address() as AddressInfo).port}`)
    await drive(connection)
    await connection.closed()
    return { wire: connection.received().replace(/^date: .*\r\n/gim, ""), events }
  } finally {
    own.closeAllConnections()
    own.close()
    await once(own, "close")
  }
}

// The same scenario with Node's own ServerResponse and with the batch's: what the client and the handler see
// must be the same.
const sameAsNode = async (
  handler: Handler,
  drive: (connection: Awaited<ReturnType<typeof rawConnection>>) => Promise<void>,
  setUp?: (target: Server, handler: (request: IncomingMessage, response: ServerResponse) => void) => void
): Promise<Observed> => {
  const node = await observe(ServerResponse, handler, drive, setUp)
  const batched = await observe(ResponseBatch.make().ServerResponse, handler, drive, setUp)
  assert.deepStrictEqual(batched, node)
  return batched
}

const get = (path: string, close = false, method = "GET") =>
  `${method} ${path} HTTP/1.1\r\nhost: localhost\r\n${close ? "connection: close\r\n" : ""}\r\n`

// Logs the response's events and its end() callback.
const watch = (response: ServerResponse, log: (event: string) => void) => {
  response.on("finish", () => log("finish"))
  response.on("close", () => log("close"))
  response.on("error", (e: NodeJS.ErrnoException) => log(`error ${e.code}`))
}

// What a handler reads right after end().
const readEnded = (Response: typeof ServerResponse) =>
  observe(Response, (_request, response, log) => {
    response.writeHead(200, { "content-length": "2" })
    response.end("ok")
    const { finished, writableEnded, writableFinished } = response
    log(`writableEnded ${writableEnded} writableFinished ${writableFinished} finished ${finished}`)
  }, async (connection) => connection.write(get("/", true)))

describe("ResponseBatch behaves as Node's ServerResponse", () => {
  it("HEAD: the head only, and the connection stays usable", async () => {
    const { wire } = await sameAsNode((_request, response) => {
      response.writeHead(200, { "content-type": "text/plain", "content-length": "5" })
      response.end("hello")
    }, async (connection) => connection.write(get("/", false, "HEAD") + get("/after", true)))
    assert.strictEqual(wire.split("hello").length, 2, wire) // one body: the GET's
    assert.match(wire, /^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nHTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nhello$/)
  })

  it("204 and 304 carry no body, even when end() is given one", async () => {
    const { wire } = await sameAsNode((request, response) => {
      const status = request.url === "/204" ? 204 : request.url === "/304" ? 304 : 200
      response.writeHead(status)
      response.end(status === 200 ? "last" : "ignored")
    }, async (connection) => connection.write(get("/204") + get("/304") + get("/end", true)))
    assert.notInclude(wire, "ignored")
    const noBody = /^HTTP\/1\.1 204 No Content\r\n[\s\S]*HTTP\/1\.1 304 Not Modified\r\n[\s\S]*\r\n\r\n4\r\nlast\r\n0\r\n\r\n$/
    assert.match(wire, noBody)
  })

  it("a streamed (chunked) response: written chunks, then end()'s chunk and the last chunk", async () => {
    const { wire, events } = await sameAsNode((_request, response, log) => {
      watch(response, log)
      response.writeHead(200, { "content-type": "text/plain" })
      response.write("a")
      response.write("b", () => log("write callback"))
      response.end("c", () => log("end callback"))
      log(`headersSent ${response.headersSent} writableEnded ${response.writableEnded}`)
    }, async (connection) => connection.write(get("/", true)))
    assert.match(wire, /transfer-encoding: chunked\r\n\r\n1\r\na\r\n1\r\nb\r\n1\r\nc\r\n0\r\n\r\n$/i)
    assert.deepStrictEqual(events, [
      "headersSent true writableEnded true",
      "write callback",
      "end callback",
      "finish",
      "close"
    ])
  })

  it("pipelined requests are answered in order, whatever order their responses end in", async () => {
    const { wire } = await sameAsNode((request, response) => {
      const waiting = ((response.req.socket as { waiting?: Array<() => void> }).waiting ??= [])
      response.writeHead(200, { "content-length": String(request.url!.length) })
      waiting.push(() => response.end(request.url))
      // Both arrived: end the second, then the first, in one turn.
      if (waiting.length === 2) for (const end of waiting.toReversed()) end()
    }, async (connection) => connection.write(get("/first") + get("/second", true)))
    assert.match(wire, /\r\n\r\n\/first[\s\S]*\r\n\r\n\/second$/)
  })

  it("keep-alive: one connection serves request after request", async () => {
    const { wire, events } = await sameAsNode((request, response, log) => {
      log(`${request.url} on connection ${(request.socket as { n?: number }).n ??= Number(request.url!.at(-1))}`)
      response.writeHead(200, { "content-length": "2" })
      response.end("ok")
    }, async (connection) => {
      connection.write(get("/1"))
      await connection.waitFor(/ok$/)
      connection.write(get("/2"))
      await connection.waitFor(/ok[\s\S]*ok$/)
      connection.write(get("/3", true))
    })
    assert.deepStrictEqual(events, ["/1 on connection 1", "/2 on connection 1", "/3 on connection 1"])
    assert.strictEqual(wire.match(/keep-alive/gi)?.length, 4, wire) // `Connection: keep-alive` and `Keep-Alive:`, twice
  })

  it("Expect: 100-continue: 100 Continue first, the answer after the body", async () => {
    const { wire } = await sameAsNode(
      (request, response) => {
        let body = ""
        request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")))
        request.on("end", () => {
          response.writeHead(200, { "content-length": String(body.length) })
          response.end(body)
        })
      },
      async (connection) => {
        connection.write(
          "POST / HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\ncontent-length: 5\r\nexpect: 100-continue\r\n\r\n"
        )
        await connection.waitFor(/100 Continue\r\n\r\n$/)
        connection.write("hello")
      },
      (target, handler) =>
        target.on("checkContinue", (request, response) => {
          response.writeContinue()
          handler(request, response)
        })
    )
    assert.match(wire, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nhello$/)
  })

  it("headersSent, and headers refused once sent, from writeHead on", async () => {
    const { events } = await sameAsNode((_request, response, log) => {
      log(`before ${response.headersSent}`)
      response.writeHead(200, { "content-length": "2" })
      log(`after writeHead ${response.headersSent}`)
      response.end("ok")
      log(`after end ${response.headersSent}`)
      try {
        response.setHeader("x-late", "1")
      } catch (e) {
        log(`setHeader: ${(e as NodeJS.ErrnoException).code}`)
      }
    }, async (connection) => connection.write(get("/", true)))
    assert.deepStrictEqual(events, [
      "before false",
      "after writeHead true",
      "after end true",
      "setHeader: ERR_HTTP_HEADERS_SENT"
    ])
  })

  it("finish then close, after end() returns; the end callback before finish", async () => {
    const { events } = await sameAsNode((_request, response, log) => {
      watch(response, log)
      response.writeHead(200, { "content-length": "2" })
      response.end("ok", () => log("end callback"))
      log("end returned")
    }, async (connection) => connection.write(get("/", true)))
    assert.deepStrictEqual(events, ["end returned", "end callback", "finish", "close"])
  })

  it("a server closed while answers wait still sends them", async () => {
    const { wire } = await sameAsNode(
      (_request, response) => {
        response.writeHead(200, { "content-length": "3" })
        response.end("bye")
      },
      async (connection) => {
        connection.write(get("/"))
        await connection.waitFor(/bye$/)
        connection.destroy()
      },
      // Closed in the turn the answer is ended in.
      (target, handler) =>
        target.on("request", (request, response) => {
          handler(request, response)
          target.close()
        })
    )
    assert.match(wire, /^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nbye$/)
  })

  it("differs only where documented: the deprecated `finished` turns true when the batch is sent", async () => {
    const node = await readEnded(ServerResponse)
    const batched = await readEnded(ResponseBatch.make().ServerResponse)
    assert.strictEqual(batched.wire, node.wire)
    // Node's writableEnded is its `finished`; the batch answers writableEnded itself and leaves `finished` to Node's
    // own end(), which reads it to tell a second end() from the first.
    assert.deepStrictEqual(node.events, ["writableEnded true writableFinished false finished true"])
    assert.deepStrictEqual(batched.events, ["writableEnded true writableFinished false finished false"])
  })

  for (const [what, leave] of [
    ["a client that leaves", (socket: IncomingMessage["socket"]) => socket.destroy()],
    ["a socket error", (socket: IncomingMessage["socket"]) => socket.destroy(new Error("connection reset"))]
  ] as const) {
    it(`${what} while an answer waits: it is closed, unsent, nothing thrown, and the server serves on`, async () => {
      const failures: Array<unknown> = []
      const batch = ResponseBatch.make({ onError: (e) => failures.push(e) })
      const events: Array<string> = []
      const closed = Promise.withResolvers<void>()
      const url = await listen(batch, (request, response) => {
        if (request.url === "/next") {
          response.writeHead(200)
          response.end("served")
          return
        }
        watch(response, (event) => events.push(event))
        response.once("close", () => closed.resolve())
        response.writeHead(200, { "content-length": "2" })
        response.end("ok", () => events.push("end callback"))
        leave(request.socket)
      })
      const first = await fetch(url).then(() => "answered", () => "connection failed")
      await closed.promise
      assert.strictEqual(first, "connection failed")
      // As Node does for a response ended after its socket is gone: `close`, no callback, no error.
      assert.deepStrictEqual(events, ["close"])
      assert.deepStrictEqual(failures, [])
      assert.strictEqual(await fetch(`${url}/next`).then((r) => r.text()), "served")
    })
  }
})

// What the command line makes of the environment.
const batchResponses = (env: Record<string, string>) => {
  const options = Cli.parse(["--store", "memory", "--auth", "off"], env)
  return options === "help" ? "help" : options.batchResponses
}

describe("the server without the batch (batchResponses: false)", () => {
  it("is what CHECKOUT_MOCK_BATCH_RESPONSES=false asks for; batching is the default", () => {
    assert.deepStrictEqual(
      [{}, { CHECKOUT_MOCK_BATCH_RESPONSES: "false" }, { CHECKOUT_MOCK_BATCH_RESPONSES: "true" }].map(batchResponses),
      [true, false, true]
    )
  })

  it("serves the API, pipelined requests in order, and a good request's answer before bad bytes", async () => {
    const mock = await startServer({ batchResponses: false })
    try {
      const created = await call(mock.url, "POST", "/checkout/sessions", { body: { metadata: { order: "42" } } })
      assert.strictEqual(created.status, 201)
      const read = await call(mock.url, "GET", `/checkout/sessions/${created.body.id}`)
      assert.deepStrictEqual([read.status, read.body.metadata], [200, { order: "42" }])
      const pipelined = await rawConnection(mock.url)
      pipelined.write(get("/health") + get(`/checkout/sessions/${created.body.id}`, true))
      await pipelined.closed()
      const inOrder = /^HTTP\/1\.1 200 OK\r\n[\s\S]*\{"status":"ok"\}HTTP\/1\.1 200 OK\r\n[\s\S]*"order":"42"/
      assert.match(pipelined.received(), inOrder)
      const broken = await rawConnection(mock.url)
      broken.write(get("/health") + "GET /health HTTP/1.1\r\nBad Header: y\r\n\r\n")
      await broken.closed()
      assert.match(broken.received(), /^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\n\{"status":"ok"\}$/)
    } finally {
      await mock.close()
    }
  })
})
