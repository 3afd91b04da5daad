/**
 * What `checkout-mock-server` does once its flags are checked (`Cli.ts`),
 * loaded only then (`--help` and usage errors do not pay for the server):
 * runs the mock server until SIGINT or SIGTERM, then stops accepting
 * connections, lets in-flight requests finish (for up to `--shutdown-grace`
 * seconds, then answers them 503) and ends.
 *
 * @since 0.2.0
 */
import { CliFailure } from "@checkout-kit/domain/CommandLine"
import { Cause, Effect, Layer, References } from "effect"
import { HttpServer } from "effect/http"
import { type CliOptions, describeStore, exposureWarning, name, startupFailure } from "./Cli.ts"
import * as Server from "./Server.ts"

/**
 * Runs the server with these options. A start-up failure the user can fix (a
 * port in use, a corrupt database, ...) fails with its one or two lines as a
 * `CliFailure`; an interruption (SIGINT, SIGTERM) ends it once the requests in
 * flight are answered.
 *
 * @category running
 * @since 0.2.0
 */
export const serve = (options: CliOptions): Effect.Effect<void, CliFailure> => {
  const announce = Layer.effectDiscard(
    HttpServer.addressFormattedWith((url) =>
      Effect.sync(() =>
        process.stdout.write(
          `${name} listening on ${url} (store: ${describeStore(options.store)}, auth: ${
            options.auth.kind === "off" ? "off" : "bearer tokens"
          }, admin: ${options.admin ? "on" : "off"})\n` +
            (options.privateKeyPath === undefined
              ? ""
              : `sign requests with the private key in ${options.privateKeyPath}\n`) +
            (options.preload === undefined
              ? ""
              : `preloaded ${options.preload.records.length} sessions from ${options.preload.file}\n`)
        )
      )
    )
  )
  return Effect.suspend(() => {
    const exposure = exposureWarning(options)
    if (exposure !== undefined) process.stderr.write(`${name}: ${exposure}\n`)
    return Layer.launch(announce.pipe(Layer.provideMerge(Server.layer(options))))
  }).pipe(
    // The executable exports no traces: with the tracer on, every request and every SQL statement would make
    // spans that nobody reads (13% of a POST's CPU, 20% of a GET's: BENCHMARKS.md). A program that embeds
    // `Server.layer` keeps its own tracer.
    Effect.provideService(References.TracerEnabled, false),
    Effect.catchCause((cause) => {
      const message = Cause.hasInterruptsOnly(cause) ? undefined : startupFailure(cause, options)
      if (message === undefined) return Effect.failCause(cause as Cause.Cause<never>)
      const [first, ...rest] = message.split("\n")
      return Effect.fail(new CliFailure({ message: first, ...(rest.length === 0 ? {} : { hint: rest.join("\n") }) }))
    })
  )
}
