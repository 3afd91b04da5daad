/**
 * `checkout-kit`'s program, loaded by `bin.ts` once it has checked the Node
 * version: see `Cli.ts`. Exits 0 on success, 1 on a failure (one or two
 * lines on stderr naming the cause and the fix), 2 on a usage error.
 *
 * @since 0.2.0
 */
import * as CommandLine from "@checkout-kit/domain/CommandLine"
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Effect, Layer } from "effect"
import { Command } from "effect/cli"
import { root } from "./Cli.ts"

const name = "checkout-kit"

root.pipe(
  Command.run({ version: "0.1.0" }),
  Effect.provide(Layer.mergeAll(NodeServices.layer, CommandLine.layer(name, { colors: process.stdout.isTTY === true && !process.env.NO_COLOR }))),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    teardown: CommandLine.teardown(name, process)
  })
)
