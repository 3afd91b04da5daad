/**
 * The stateful contract runner: sequences of operations — create, get,
 * update with partial bodies and `null`s, delete, secure fields, card
 * details, calls under another merchant account or with a token pinned to
 * another session, invalid bodies, clock moves (opt-in); and of the payments
 * resources, buyers and stored cards: create, read, update, delete, lists
 * walked page by page, another account's; of the transactions, create on
 * the card simulator (declining amounts too), capture, void, refund,
 * idempotent replays, lists, another account's — sent to a server and checked,
 * answer by answer, against the reference model of the API
 * (`@checkout-kit/fixtures/Model`, commands from
 * `@checkout-kit/fixtures/Commands`).
 *
 * It finds what one request at a time cannot: a stale read after an update,
 * a field sent as `null` that is kept, a deleted session that is still
 * readable, `metadata` merged instead of replaced, `expires_in` ignored on
 * update, a list that repeats or skips an item between pages, a buyer
 * another account can read, a card number in an answer, a capture of more
 * than was authorized, a refund of more than was captured, a capture after a
 * void, an `Idempotency-Key` ignored (each reported as the invariant it
 * breaks, `Model.invariants`). On a mismatch
 * fast-check shrinks the sequence to a minimal one,
 * and the report lists its steps — command, request, expected and actual
 * answer — with the seed and the replay path that run it again.
 *
 * The runner works in its own merchant account (`contract-<seed>` unless
 * told), so other accounts' sessions are never touched; the clock command is
 * off unless `clock: true`, as it moves the server's clock (which other users
 * of a shared mock may depend on).
 *
 * @since 0.2.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { merchantAccountHeader } from "@checkout-kit/domain/api/CheckoutSessions"
import { idempotencyKeyHeader } from "@checkout-kit/domain/api/Transactions"
import * as Commands from "@checkout-kit/fixtures/Commands"
import { Effect } from "effect"
import { FetchHttpClient, HttpClient, HttpClientError, HttpClientRequest, type HttpClientResponse } from "effect/http"
import { HttpApiClient } from "effect/http-api"
import * as fc from "fast-check"
import * as Resilience from "./Resilience.ts"
import * as TokenSigner from "./TokenSigner.ts"

/**
 * @category models
 * @since 0.2.0
 */
export interface ServerOptions {
  /** The server's base URL, e.g. the mock's `http://127.0.0.1:4010`. */
  readonly baseUrl: string
  /** The merchant's private key (PEM) to sign tokens with; without it, requests carry no token. */
  readonly privateKey?: string | undefined
  /** The run's merchant account (default `contract-<seed>`); "another account" is this one with `-other`. */
  readonly merchantAccountId?: string | undefined
  /**
   * Timeouts and retries of each request: the client's timeouts (`Resilience.defaultRetryOptions`), and no
   * retries unless asked for. A retried call can hide a server's failure, and one that reached the server (a
   * DELETE answered 500) changes what the model is checked against when it is sent again.
   */
  readonly retry?: Partial<Resilience.RetryOptions> | undefined
}

/**
 * @category models
 * @since 0.2.0
 */
export interface CheckOptions {
  /** A server to send the requests to, or `system` for your own code under test. */
  readonly baseUrl?: string | undefined
  readonly privateKey?: string | undefined
  readonly merchantAccountId?: string | undefined
  /** Timeouts and retries of each request to the server (see `ServerOptions.retry`): no retries by default. */
  readonly retry?: Partial<Resilience.RetryOptions> | undefined
  /** Your own system under test, instead of a server. */
  readonly system?: Commands.System | undefined
  /** Sequences to run; default 100. */
  readonly runs?: number | undefined
  /** fast-check seed; default random (reported). */
  readonly seed?: number | undefined
  /** Longest sequence; default 20. */
  readonly maxCommands?: number | undefined
  /**
   * Read-only and pinned-token commands. Default: on when the server checks scopes (a read-only token's DELETE
   * of an unknown id answers 403), off otherwise (no private key, or a mock with `--auth off`).
   */
  readonly auth?: boolean | undefined
  /** Clock moves (`POST /_mock/clock`): default off; they move the server's clock for its other users too. */
  readonly clock?: boolean | undefined
  /**
   * The payments resources' commands (buyers, stored cards). Default: on unless the server has no `/buyers`
   * route (`GET /buyers` answers 404). @since 0.3.0
   */
  readonly payments?: boolean | undefined
  /** The checkout sessions' commands; default on. @since 0.3.0 */
  readonly sessions?: boolean | undefined
  /**
   * The payment services' (`mock-card`, in the run's account) and the merchant accounts' (admin level) commands.
   * Default: as `payments`. @since 0.4.0
   */
  readonly services?: boolean | undefined
  /**
   * The transactions' commands (a card posted in the body, captures, voids, refunds, idempotent replays, their
   * lists, another account's), in the run's account. Default: as `payments`. @since 0.5.0
   */
  readonly transactions?: boolean | undefined
  /** The `replay` string of a failed report: runs exactly its counterexample again. */
  readonly replay?: string | undefined
  /** The day card expiries are generated after (`YYYY-MM-DD`); default today (UTC). Part of `replay`. */
  readonly referenceDay?: string | undefined
  /** Called after each sequence. */
  readonly onSequence?: ((done: number, total: number) => void) | undefined
}

/**
 * @category models
 * @since 0.2.0
 */
export interface StatefulReport {
  readonly server: string
  readonly merchantAccountId: string | undefined
  readonly seed: number
  readonly runs: number
  readonly maxCommands: number
  readonly clock: boolean
  readonly auth: boolean
  /** Whether the payments resources were checked. @since 0.3.0 */
  readonly payments: boolean
  /** Whether the payment services and merchant accounts were checked. @since 0.4.0 */
  readonly services: boolean
  /** Whether the transactions were checked. @since 0.5.0 */
  readonly transactions: boolean
  readonly passed: boolean
  /** Sequences and commands run, shrinking included. */
  readonly sequences: number
  readonly commands: number
  readonly durationMs: number
  /** The shrunk failing sequence, step by step; the last step is the mismatch. */
  readonly counterexample?: ReadonlyArray<Commands.Step>
  /** What went wrong, when the run failed. */
  readonly message?: string
  /** With `seed`, runs the counterexample again (`replay` option, `--replay` flag). */
  readonly replay?: string
}

const parseBody = (text: string): unknown => {
  if (text === "") return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

// Failures in which no answer came: the request was not sent, or nothing came back in time.
const noAnswer = (error: unknown) =>
  HttpClientError.isHttpClientError(error) &&
  (error.reason._tag === "TransportError" || error.reason._tag === "EncodeError" || error.reason._tag === "InvalidUrlError")

// The answer a request got: a transient one still there after the retries arrives as a status error holding it.
const answerOf = (
  exchange: Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>
): Effect.Effect<{ readonly status: number; readonly body: unknown }, HttpClientError.HttpClientError> =>
  exchange.pipe(
    Effect.catchIf(
      (error) => error.reason._tag === "StatusCodeError",
      (error) => Effect.succeed((error.reason as HttpClientError.StatusCodeError).response)
    ),
    Effect.flatMap((response) => Effect.map(response.text, (text) => ({ status: response.status, body: parseBody(text) })))
  )

/**
 * A `System` that sends the commands' requests to a server on `HttpClient`
 * (`fetch`) with the client's timeouts (`Resilience`; retries only when
 * `retry` asks for them), signing tokens with the private key: the usual one
 * with every scope, read-only ones, pinned ones. Clock moves go through the
 * contract's typed test controls: `false` when the server answers without
 * moving its clock (it has none), a rejection when no answer comes.
 *
 * @category constructors
 * @since 0.2.0
 */
export const httpSystem = (options: ServerOptions): Commands.System => {
  const base = options.baseUrl.replace(/\/+$/, "")
  const signer = options.privateKey === undefined ? undefined : TokenSigner.make(options.privateKey)
  const minted = new Map<string, Promise<string>>()
  const mint = (key: string, token: TokenSigner.TokenOptions) => {
    let found = minted.get(key)
    if (found === undefined) {
      found = signer!.mint({ lifetimeSeconds: 600, ...token })
      minted.set(key, found)
    }
    return found
  }
  const tokenFor = async (token: Commands.Token): Promise<string | undefined> => {
    if (signer === undefined || token._tag === "None") return undefined
    switch (token._tag) {
      case "Default":
        return signer.token()
      case "Scopes":
        return mint(`scopes:${token.scopes.join(",")}`, { scopes: token.scopes })
      case "Pinned":
        return mint(`pinned:${token.sessionId}`, { checkoutSessionId: token.sessionId })
    }
  }
  const own = options.merchantAccountId ?? "default"
  const account = (which: Commands.Request["account"]): Record<string, string> =>
    which === "none" ? {} : { [merchantAccountHeader]: which === "own" ? own : `${own}-other` }
  const http = Effect.runSync(Effect.provide(HttpClient.HttpClient, FetchHttpClient.layer)).pipe(
    Resilience.withRetries({ ...Resilience.defaultRetryOptions, retries: 0, ...options.retry }),
    HttpClient.mapRequest(HttpClientRequest.prependUrl(base))
  )
  const controls = Effect.runSync(HttpApiClient.group(Api, {
    group: "mockControls",
    httpClient: http.pipe(HttpClient.mapRequest(HttpClientRequest.setHeaders(account("own"))))
  }))
  return {
    send: async (request) => {
      const token = await tokenFor(request.token)
      const headers = request.idempotencyKey === undefined
        ? account(request.account)
        : { ...account(request.account), [idempotencyKeyHeader]: request.idempotencyKey }
      const plain = HttpClientRequest.make(request.method)(request.path, { headers })
      const signed = token === undefined ? plain : HttpClientRequest.bearerToken(plain, token)
      return Effect.runPromise(
        answerOf(http.execute(request.body === undefined ? signed : HttpClientRequest.bodyJsonUnsafe(signed, request.body)))
      )
    },
    advanceClock: (seconds) =>
      Effect.runPromise(
        controls.advanceClock({ payload: { advance_seconds: seconds } }).pipe(
          Effect.as(true),
          Effect.catch((error) => noAnswer(error) ? Effect.fail(error) : Effect.succeed(false))
        )
      )
  }
}

/**
 * Whether a system checks tokens' scopes: a read-only token's `DELETE` of an
 * id no session has answers 403 (a server that checks nothing answers 404).
 *
 * @category runner
 * @since 0.2.0
 */
export const checksScopes = async (system: Commands.System): Promise<boolean> => {
  const answer = await system.send({
    method: "DELETE",
    path: "/checkout/sessions/00000000-0000-4000-8000-000000000000",
    body: undefined,
    account: "own",
    token: { _tag: "Scopes", scopes: ["checkout-sessions.read"] }
  })
  return answer.status === 403
}

/**
 * Whether a system serves the payments resources: `GET /buyers` answers
 * anything but a 404 (a server without the route).
 *
 * @category runner
 * @since 0.3.0
 */
export const servesPayments = async (system: Commands.System): Promise<boolean> => {
  const answer = await system.send({
    method: "GET",
    path: "/buyers?limit=1",
    body: undefined,
    account: "own",
    token: { _tag: "Default" }
  })
  return answer.status !== 404
}

const today = () => new Date().toISOString().slice(0, 10)

/**
 * Runs the commands against a server (or your `system`) and reports the
 * first failing sequence, shrunk.
 *
 * @category runner
 * @since 0.2.0
 */
export const check = async (options: CheckOptions): Promise<StatefulReport> => {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31)
  const runs = options.runs ?? 100
  const maxCommands = options.maxCommands ?? 20
  const clock = options.clock ?? false
  const [path, replayPath, replayDay] = options.replay?.split("@") ?? []
  const referenceDay = replayDay ?? options.referenceDay ?? today()
  if (!/^\d{4}-\d{2}-\d{2}$/.test(referenceDay) || Number.isNaN(Date.parse(referenceDay))) {
    throw new Error(`the reference day must be a date YYYY-MM-DD, not ${JSON.stringify(referenceDay)}`)
  }
  const merchantAccountId = options.system === undefined ? (options.merchantAccountId ?? `contract-${seed}`) : options.merchantAccountId
  if (options.system === undefined && options.baseUrl === undefined) throw new Error("Set baseUrl or system")
  const system = options.system ??
    httpSystem({ baseUrl: options.baseUrl!, privateKey: options.privateKey, merchantAccountId, retry: options.retry })
  const auth = options.auth ?? (await checksScopes(system))
  const payments = options.payments ?? (await servesPayments(system))
  const services = options.services ?? payments
  const transactions = options.transactions ?? payments
  const commands = Commands.all({
    auth,
    clock,
    payments,
    services,
    transactions,
    sessions: options.sessions,
    referenceDate: new Date(`${referenceDay}T00:00:00Z`)
  })

  let sequences = 0
  let commandCount = 0
  let failing: { trace: ReadonlyArray<Commands.Step>; error: unknown } | undefined
  const property = fc.asyncProperty(
    fc.commands(commands, { maxCommands, size: "max", ...(replayPath === undefined || replayPath === "" ? {} : { replayPath }) }),
    async (sequence) => {
      const side = Commands.real(system)
      sequences++
      try {
        await fc.asyncModelRun(() => ({ model: Commands.model(), real: side }), sequence)
      } catch (error) {
        failing = { trace: side.trace.slice(), error }
        throw error
      } finally {
        commandCount += side.trace.length
        options.onSequence?.(sequences, runs)
      }
    }
  )
  const started = performance.now()
  const details = await fc.check(property, {
    numRuns: runs,
    seed,
    ...(path === undefined || path === "" ? {} : { path, endOnFailure: true })
  })
  const durationMs = performance.now() - started
  const base = {
    server: options.baseUrl ?? "(system)",
    merchantAccountId,
    seed,
    runs,
    maxCommands,
    clock,
    auth,
    payments,
    services,
    transactions,
    sequences,
    commands: commandCount,
    durationMs
  }
  if (!details.failed) return { ...base, passed: true }
  const shown = details.counterexample === null ? "" : String(details.counterexample[0])
  const foundReplayPath = /replayPath="([^"]*)"/.exec(shown)?.[1] ?? replayPath ?? ""
  const error = failing?.error ?? details.errorInstance
  return {
    ...base,
    passed: false,
    counterexample: failing?.trace ?? [],
    message: error instanceof Commands.Mismatch ? error.message : `the run failed: ${(error as Error | undefined)?.message ?? String(error)}`,
    replay: `${details.counterexamplePath ?? ""}@${foundReplayPath}@${referenceDay}`
  }
}

const answerText = (answer: unknown) => {
  const a = answer as { status: number; body?: unknown }
  return a.body === undefined ? `${a.status}` : `${a.status} ${JSON.stringify(a.body)}`
}

/**
 * The report as readable lines: the outcome, and for a failure each step of
 * the counterexample and the command that replays it.
 *
 * @category output
 * @since 0.2.0
 */
export const summary = (report: StatefulReport): string => {
  const lines = [
    `stateful contract of ${report.server} (seed ${report.seed}, ${report.runs} runs, up to ${report.maxCommands} commands${
      report.merchantAccountId === undefined ? "" : `, merchant account ${report.merchantAccountId}`
    }${report.clock ? ", clock moves" : ""}${report.payments ? "" : ", no payments resources"})`,
    `${report.sequences} sequences, ${report.commands} commands in ${(report.durationMs / 1000).toFixed(1)} s`,
    ""
  ]
  if (report.passed) {
    lines.push("no mismatch: every answer agreed with the model")
    return lines.join("\n")
  }
  lines.push(`mismatch: ${report.message}`)
  const steps = report.counterexample ?? []
  if (steps.length > 0) {
    lines.push(`shrunk to ${steps.length} command${steps.length === 1 ? "" : "s"}:`)
    steps.forEach((step, i) => {
      lines.push(`  ${i + 1}. ${step.command}`)
      lines.push(`     ${step.request.method} ${step.request.path}  → ${step.actual.status}${step.mismatch === undefined ? "" : "  ✗"}`)
      if (step.mismatch !== undefined) {
        lines.push(`     expected: ${JSON.stringify(step.expected)}`)
        lines.push(`     actual:   ${answerText(step.actual)}`)
        lines.push(`     ${step.mismatch}`)
      }
    })
  }
  lines.push("", `replay: --stateful --seed ${report.seed} --max-commands ${report.maxCommands}${report.clock ? " --clock" : ""} --replay '${report.replay}'`)
  return lines.join("\n")
}
