import { afterEach, assert, describe, it } from "@effect/vitest"
import { once } from "node:events"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import * as ResponseBatch from "../src/ResponseBatch.ts"

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
