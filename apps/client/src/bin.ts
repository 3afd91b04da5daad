#!/usr/bin/env node
/**
 * `checkout-kit`: see `Cli.ts`. Exits 1 when a call fails (the error and its
 * details are printed on stderr), 2 on a usage error.
 *
 * @since 0.1.0
 */
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Effect } from "effect"
import { Command } from "effect/cli"
import { root } from "./Cli.ts"

root.pipe(
  Command.run({ version: "0.1.0" }),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain({ disableErrorReporting: true })
)
