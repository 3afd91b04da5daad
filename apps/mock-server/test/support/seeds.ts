import { sessionFields } from "@checkout-kit/domain/CheckoutSession"
import * as Seeds from "@checkout-kit/test-seeds"

/** Every JSON object example of every seed page, in page order. */
export const seedExamples = Seeds.seedExamples

/** The full seed session as a create body: the fields a `CheckoutSessionUpdate` also has. */
export const fullSeedBody = (): Record<string, unknown> => Seeds.fullSeedBody(sessionFields)
