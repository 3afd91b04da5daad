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
  /** The statuses the next webhooks are answered (then 200); `"never"` leaves one unanswered. */
  readonly answerNext: (...statuses: ReadonlyArray<number | "never">) => void
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
  const answers: Array<number | "never"> = []
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
      if (status !== "never") response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "not now")
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

/** A `webhook` event of a server's `/_mock/events` stream: an attempt recorded. */
export interface AttemptEvent {
  readonly id: string
  readonly event_name: string
  readonly status: "pending" | "delivered" | "failed"
  readonly attempts: number
  readonly status_code: number | null
}

/** A server's recorded webhook attempts, as its `/_mock/events` stream tells them. */
export interface AttemptWatch {
  readonly events: ReadonlyArray<AttemptEvent>
  /** Resolves once `count` attempts in all that `keep` accepts were recorded (at once if they were). */
  readonly recorded: (count: number, keep?: (event: AttemptEvent) => boolean) => Promise<void>
  readonly close: () => void
}

/** Listens to the `webhook` events of the `/_mock/events` streams of `urls` (replicas: their attempts together). */
export const watchAttempts = async (urls: ReadonlyArray<string>): Promise<AttemptWatch> => {
  const events: Array<AttemptEvent> = []
  const waiting: Array<{ check: () => boolean; resolve: () => void }> = []
  const controller = new AbortController()
  const settle = () => {
    for (const waiter of waiting.filter((w) => w.check())) {
      waiting.splice(waiting.indexOf(waiter), 1)
      waiter.resolve()
    }
  }
  const listen = async (url: string) => {
    const response = await fetch(`${url}/_mock/events`, { signal: controller.signal })
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let buffered = ""
    // The stream's first bytes (`: listening`) say it is subscribed: resolve then, read the rest in the background.
    const first = await reader.read()
    buffered += decoder.decode(first.value, { stream: true })
    void (async () => {
      try {
        for (;;) {
          let end = buffered.indexOf("\n\n")
          while (end >= 0) {
            const block = buffered.slice(0, end)
            buffered = buffered.slice(end + 2)
            const data = /^event: webhook\ndata: (.*)$/m.exec(block)
            if (data) {
              events.push(JSON.parse(data[1]) as AttemptEvent)
              settle()
            }
            end = buffered.indexOf("\n\n")
          }
          const { done, value } = await reader.read()
          if (done) return
          buffered += decoder.decode(value, { stream: true })
        }
      } catch {
        // Aborted by close.
      }
    })()
  }
  await Promise.all(urls.map(listen))
  return {
    events,
    recorded: (count, keep = () => true) => {
      const check = () => events.filter(keep).length >= count
      return check() ? Promise.resolve() : new Promise((resolve) => {
        waiting.push({ check, resolve })
      })
    },
    close: () => controller.abort()
  }
}
