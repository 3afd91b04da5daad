#!/usr/bin/env node
/**
 * `checkout-kit`: checks the Node version before loading anything (on an
 * older Node the program would crash on a missing API), then runs `main.ts`.
 *
 * @since 0.1.0
 */
import { checkNode } from "@checkout-kit/domain/NodeVersion"

if (checkNode("checkout-kit")) await import("./main.ts")
