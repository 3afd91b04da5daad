import { paymentResourcesSuite } from "./support/paymentResourcesSuite.ts"
import { startServer } from "./support/server.ts"

// Merchant accounts, payment services and payment options on the memory store.
paymentResourcesSuite(startServer)
