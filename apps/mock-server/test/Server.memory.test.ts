import { startServer } from "./support/server.ts"
import { coreSuite } from "./support/coreSuite.ts"

// The server core on the memory store.
coreSuite(() => startServer({ store: { kind: "memory" } }))
