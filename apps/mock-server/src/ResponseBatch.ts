/**
 * Write coalescing across connections: responses finished during one turn of
 * the event loop are sent together at its end (Node's check phase), one after
 * the other, instead of one at a time between the handling of other requests.
 *
 * Why: sending on a loopback socket wakes the client that waits for it. When
 * a client (a test suite, a load generator, an SDK) waits on many connections
 * and each answer comes alone, it goes back to sleep after every answer, and
 * the next answer pays the wake-up again, inside the server's `writev`: on a
 * virtual machine that costs about as much as validating a full session body.
 * Sent back to back, the answers of a turn find the client awake. Measured
 * with 50 connections (`bench/http.ts`): the client sleeps 0.03 times per
 * request instead of 0.91, and a POST costs the server 51 µs of CPU instead
 * of 70. The idea is Netty's `FlushConsolidationHandler`.
 *
 * What it changes for a response whose head is written (`writeHead`, as
 * Effect's Node adapter always does before `end`): `end()` returns at once and
 * the bytes leave at the end of the current turn of the event loop;
 * `writableEnded` is true from the call on, so nothing writes a second answer
 * meanwhile, and a `write()` then fails as after a real end. A response that
 * cannot be sent then is destroyed (and `onError` told), never thrown out of
 * the loop. A response ended before its head is written is sent at once.
 *
 * Node's behaviours it changes or relies on, each checked against Node's own
 * `ServerResponse` in `test/ResponseBatch.test.ts`: `writableEnded` (true at
 * once), `headersSent`, the `end()` callback (also a second and a late
 * `end()`'s), write after end (`ERR_STREAM_WRITE_AFTER_END`), HEAD, 204 and 304
 * without a body, streamed (chunked) responses, pipelined requests answered in
 * order, keep-alive, `Expect: 100-continue`, a client that leaves or a socket
 * error while an answer waits (the response closes unsent, as Node's when
 * `end()` comes after its socket is gone: no callback, no error), `finish` then
 * `close` after `end()` returns, a server closed with answers waiting. One
 * difference is kept: the deprecated `finished` turns true when the batch is
 * sent, not at `end()` (Node's own `end()` reads it to tell a second call from
 * the first); `writableFinished` is false right after `end()` in both.
 *
 * A server using it must `flush()` before it answers a client error on a
 * socket (Node's default `clientError` answer would otherwise replace an answer
 * still waiting in the batch), and on shutdown: `NodeServer.layer`, which
 * `Server.layer` runs on, does both.
 *
 * Why it is on by default: without it the mock misses its POST target (≥ 0.30×
 * bare `node:http`): it measured 0.25–0.33× before, 0.31–0.38× with it, and
 * +33–36% POST throughput in two A/Bs (`BENCHMARKS.md`). Turned off
 * (`batchResponses: false` in `Server.layer`, `CHECKOUT_MOCK_BATCH_RESPONSES=false`
 * for the executable) the server uses Node's `ServerResponse` unchanged.
 *
 * @since 0.2.0
 */
import { OutgoingMessage, ServerResponse } from "node:http"

// Node's own `writableEnded` (an accessor of OutgoingMessage.prototype).
const writableEnded = Object.getOwnPropertyDescriptor(OutgoingMessage.prototype, "writableEnded")!.get as (
  this: OutgoingMessage
) => boolean

/**
 * A `ServerResponse` class for `http.createServer({ ServerResponse })` whose
 * `end()` joins the current batch, and `flush`, which sends a batch now.
 *
 * @category models
 * @since 0.2.0
 */
export interface ResponseBatch {
  readonly ServerResponse: typeof ServerResponse
  /** Sends every response ended so far (the batch's own `setImmediate` does this). */
  readonly flush: () => void
  /** How many batches were sent, and how many responses they held. */
  readonly stats: () => { readonly batches: number; readonly responses: number }
}

/**
 * A batch of its own for one server.
 *
 * @category constructors
 * @since 0.2.0
 */
export const make = (options: {
  /** Told of a response whose deferred end failed (it is destroyed). Never given request or response data. */
  readonly onError?: (error: unknown) => void
} = {}): ResponseBatch => {
  let pending: Array<BatchedResponse> = []
  let batches = 0
  let responses = 0

  const flush = () => {
    if (pending.length === 0) return
    const batch = pending
    pending = []
    batches++
    responses += batch.length
    for (const response of batch) response.endNow()
  }

  const end = ServerResponse.prototype.end as (this: ServerResponse, ...args: Array<unknown>) => ServerResponse
  const write = ServerResponse.prototype.write as (this: ServerResponse, ...args: Array<unknown>) => boolean

  class BatchedResponse extends ServerResponse {
    #ending: Array<unknown> | undefined

    static {
      // Ended from the call on: nothing answers a second time while the batch waits.
      Object.defineProperty(this.prototype, "writableEnded", {
        get(this: BatchedResponse) {
          return this.#ending !== undefined || writableEnded.call(this)
        }
      })
    }

    override end(...args: Array<unknown>): this {
      // Really ended, or its socket is gone, or its head not yet written (it could still change): Node's own
      // answer, now. Effect's adapter writes the head first, so its responses are batched.
      if (writableEnded.call(this) || this.destroyed || !this.headersSent) {
        end.apply(this, args)
        return this
      }
      // A second end while the first waits: no more data, as Node has it; its callback runs once sent (or
      // once the response is destroyed unsent).
      if (this.#ending !== undefined) {
        const callback = args.at(-1)
        if (typeof callback === "function") {
          const settle = () => {
            this.off("finish", settle)
            this.off("close", settle)
            callback()
          }
          this.once("finish", settle)
          this.once("close", settle)
        }
        return this
      }
      this.#ending = args
      if (pending.length === 0) setImmediate(flush)
      pending.push(this)
      return this
    }

    override write(...args: Array<unknown>): boolean {
      if (this.#ending === undefined || writableEnded.call(this)) return write.apply(this, args)
      // Written after end() while the end waits: what Node does after a real end.
      const error = Object.assign(new Error("write after end"), { code: "ERR_STREAM_WRITE_AFTER_END" })
      const callback = args.at(-1)
      process.nextTick(() => {
        if (typeof callback === "function") callback(error)
        this.emit("error", error)
      })
      return false
    }

    endNow(): void {
      try {
        end.apply(this, this.#ending!)
      } catch (error) {
        options.onError?.(error)
        // Without the error: an HTTP/1.1 socket destroyed with one would reach the server's clientError.
        this.destroy()
      }
    }
  }

  return {
    ServerResponse: BatchedResponse as unknown as typeof ServerResponse,
    flush,
    stats: () => ({ batches, responses })
  }
}
