import { verifyWebhook } from "@gr4vy/sdk"
import { once } from "node:events"
import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"

/** One webhook a receiver took: the raw body and headers, and which secrets verified it. */
export interface Arrival {
  readonly path: string
  readonly body: string
  readonly headers: IncomingHttpHeaders
  readonly id: string
  readonly verifiedBy: ReadonlyArray<string>
  readonly payload: any
}

/** A webhook receiver on an ephemeral loopback port, checking each delivery with `@gr4vy/sdk`'s `verifyWebhook`. */
export interface Receiver {
  readonly url: string
  readonly arrivals: ReadonlyArray<Arrival>
  /** Resolves once `count` webhooks in all have arrived (at once if they have). */
  readonly arrived: (count: number) => Promise<ReadonlyArray<Arrival>>
  /** The statuses the next webhooks are answered (then 200). */
  readonly answerNext: (...statuses: ReadonlyArray<number>) => void
  readonly close: () => Promise<void>
}

/**
 * Starts a receiver; `secrets` are tried in turn with `verifyWebhook` on every arrival, with a timestamp at most
 * `toleranceSeconds` old by the machine's clock (0: any age, for signatures made on a pinned clock).
 */
export const startReceiver = async (
  secrets: ReadonlyArray<string>,
  options: { readonly port?: number; readonly toleranceSeconds?: number } = {}
): Promise<Receiver> => {
  const arrivals: Array<Arrival> = []
  const waiting: Array<{ count: number; resolve: (arrivals: ReadonlyArray<Arrival>) => void }> = []
  const answers: Array<number> = []
  const server = createServer((request, response) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8")
      const verifiedBy = secrets.filter((secret) => {
        try {
          verifyWebhook(
            body,
            secret,
            request.headers["x-gr4vy-webhook-signatures"] as string | undefined,
            request.headers["x-gr4vy-webhook-timestamp"] as string | undefined,
            options.toleranceSeconds ?? 300
          )
          return true
        } catch {
          return false
        }
      })
      arrivals.push({
        path: request.url ?? "",
        body,
        headers: request.headers,
        id: request.headers["x-gr4vy-webhook-id"] as string,
        verifiedBy,
        payload: JSON.parse(body)
      })
      const status = answers.shift() ?? 200
      response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "not now")
      for (const waiter of waiting.filter((w) => arrivals.length >= w.count)) {
        waiting.splice(waiting.indexOf(waiter), 1)
        waiter.resolve(arrivals.slice())
      }
    })
  })
  server.listen(options.port ?? 0, "127.0.0.1")
  await once(server, "listening")
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${bound}`,
    arrivals,
    arrived: (count) =>
      arrivals.length >= count
        ? Promise.resolve(arrivals.slice())
        : new Promise((resolve) => waiting.push({ count, resolve })),
    answerNext: (...statuses) => void answers.push(...statuses),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** Test cards and the keys that hold card data: none may appear in a webhook. */
export const cardData = {
  numbers: ["4111111111111111", "5555555555554444"],
  keys: ["\"number\"", "\"security_code\"", "\"securityCode\""]
} as const

/** The card data found in a body, if any. */
export const cardDataIn = (body: string): ReadonlyArray<string> =>
  [...cardData.numbers, ...cardData.keys].filter((needle) => body.includes(needle))
