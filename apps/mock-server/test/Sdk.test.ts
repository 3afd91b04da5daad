import { sdkSuite } from "./support/sdkSuite.ts"
import { startServer } from "./support/server.ts"

// The official SDK against the mock on the memory store.
sdkSuite(startServer)
