/**
 * What happens around every request, composed here from the named
 * middlewares in `src/http/`, in this order:
 *
 * 1. `Bodies.asJson`: a body is read as JSON whatever type it is sent as;
 * 2. `CrossOrigin`: CORS preflights on the API's routes (and, last, the
 *    allow-origin header on their answers); the controls refuse calls from
 *    pages of another origin;
 * 3. `Prefer`: forced errors (`code=`) and latency (`delay=`), on the API's
 *    routes only;
 * 4. `Bodies`: the body limit, by `content-length` and on what is read;
 * 5. `RequestCapture`: a fresh capture the handlers write into;
 * 6. `Failures`: 404/405, 413, the contract's schema refusals (400) and
 *    failures (500) in the API's error shape;
 * 7. `JournalLog`: the journal entry and the log line of every answer.
 *
 * @since 0.2.0
 */
import { Effect, identity, type Layer } from "effect"
import { HttpRouter, HttpServerRequest, type HttpServerResponse } from "effect/http"
import { merchantAccountOf } from "./Authorization.ts"
import * as Cors from "./Cors.ts"
import * as Bodies from "./http/Bodies.ts"
import * as CrossOrigin from "./http/CrossOrigin.ts"
import * as Failures from "./http/Failures.ts"
import * as JournalLog from "./http/JournalLog.ts"
import * as Prefer from "./http/Prefer.ts"
import * as RequestCapture from "./http/RequestCapture.ts"
import { Journal } from "./Journal.ts"
import { pathOf, routeTable } from "./RouteTable.ts"
import type { ServerOptions } from "./ServerOptions.ts"

/**
 * `Prefer` (`http/Prefer.ts`).
 *
 * @category requests
 * @since 0.1.0
 */
export { maxDelayMs, parsePrefer } from "./http/Prefer.ts"

const noPreference: Prefer.Preference = {}

const makeMiddleware = (options: ServerOptions) =>
  Effect.gen(function*() {
    const journal = yield* Journal
    const routes = routeTable(options.admin)
    const crossOrigin = CrossOrigin.make(options.corsOrigins ?? Cors.defaultOrigins, routes)
    const answerFailures = Failures.make(options, routes)
    const record = JournalLog.make(options, journal)

    return <E, R>(app: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>) =>
      Effect.flatMap(HttpServerRequest.HttpServerRequest, (received) => {
        const request = Bodies.asJson(received)
        const path = pathOf(request.url)
        const control = path.startsWith("/_mock/")
        const preference = control ? noPreference : Prefer.parsePrefer(request.headers["prefer"])
        const captured = RequestCapture.make()
        const recorded: JournalLog.Recorded = {
          request,
          path,
          control,
          namedAccountId: merchantAccountOf(request),
          preference,
          captured,
          start: performance.now()
        }
        // CORS, on the API's routes (not the controls).
        const origin = control ? undefined : request.headers["origin"]

        // Answered here, without the route: a preflight, a control called cross-origin, a forced error, a body
        // declared too large.
        const early = request.method === "OPTIONS" && !control
          ? crossOrigin.preflight(request, path, origin)
          : (control ? CrossOrigin.refuseCrossOriginControl(request) : undefined) ??
            (preference.code === undefined ? undefined : Prefer.forcedAnswer(preference.code)) ??
            Bodies.refuseDeclaredTooLarge(request)
        const answer: Effect.Effect<HttpServerResponse.HttpServerResponse, never, R> = early !== undefined
          ? Effect.succeed(early)
          : answerFailures(
            request,
            path,
            app.pipe(
              Bodies.limited,
              Effect.provideService(RequestCapture.RequestCapture, captured),
              request === received ? identity : Effect.provideService(HttpServerRequest.HttpServerRequest, request)
            )
          )

        return Prefer.delayed(preference, answer).pipe(
          Effect.map((response) => crossOrigin.withCors(origin, response)),
          Effect.tap((response) => Effect.sync(() => record(recorded, response.status, response))),
          // 499 (nginx's "client closed request"): the client left before the answer.
          Effect.onInterrupt(() => Effect.sync(() => record(recorded, 499)))
        )
      })
  })

/**
 * The behaviour around every request: CORS, forced errors and latency
 * (`Prefer`), the body limit, 404/405, schema refusals and 500 in the API's
 * error shape, the journal and one log line per request.
 *
 * @category middleware
 * @since 0.2.0
 */
// Installed as the router's global middleware, so it sees a request before
// any route and its outcome — a response, a route not found, a defect —
// before the server writes anything. The router's types forbid a global
// middleware to handle errors; answering them in the API's error shape is
// this one's purpose, hence the cast.
export const aroundEveryRequest = (options: ServerOptions): Layer.Layer<never, never, HttpRouter.HttpRouter | Journal> =>
  HttpRouter.use((router) =>
    Effect.flatMap(makeMiddleware(options), (middleware) => router.addGlobalMiddleware(middleware as never))
  ) as Layer.Layer<never, never, HttpRouter.HttpRouter | Journal>
