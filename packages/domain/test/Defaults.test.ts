import { describe, expect, it } from "vitest"
import { CheckoutSession } from "../src/CheckoutSession.ts"
import * as Defaults from "../src/Defaults.ts"
import { fullSeedSession } from "@checkout-kit/test-seeds"

const withDefaults = Defaults.make(CheckoutSession) as (wire: unknown) => any

const session = () => ({
  id: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
  expires_at: "2030-01-01T00:00:00.000Z",
  cart_items: [
    { name: "complete", quantity: 1, unit_amount: 100, discount_amount: 5, tax_amount: 1 },
    { name: "lacks both amounts", quantity: 2, unit_amount: 200 },
    { name: "null is a value", quantity: 1, unit_amount: 300, discount_amount: null, tax_amount: 0 }
  ],
  metadata: { order: "1" },
  buyer: { display_name: "Jo" }
})

describe("Defaults.make", () => {
  it("fills the spec's defaults where a key is absent, at any depth, and keeps null", () => {
    const filled = withDefaults(session())
    expect(filled.type).toBe("checkout-session")
    expect(filled.cart_items[0]).toEqual(session().cart_items[0])
    expect(filled.cart_items[1]).toEqual({ ...session().cart_items[1], discount_amount: 0, tax_amount: 0 })
    expect(filled.cart_items[2]).toEqual(session().cart_items[2])
  })

  it("never changes its input, and copies only the way to an added default", () => {
    const input = session()
    const before = structuredClone(input)
    const filled = withDefaults(input)
    expect(input).toEqual(before)
    expect(filled).not.toBe(input)
    expect(filled.cart_items).not.toBe(input.cart_items)
    expect(filled.cart_items[1]).not.toBe(input.cart_items[1])
    // Nothing to add below these: shared, not copied.
    expect(filled.cart_items[0]).toBe(input.cart_items[0])
    expect(filled.cart_items[2]).toBe(input.cart_items[2])
    expect(filled.metadata).toBe(input.metadata)
    expect(filled.buyer).toBe(input.buyer)
  })

  it("answers a value that lacks no default with itself", () => {
    const filled = withDefaults(session())
    expect(withDefaults(filled)).toBe(filled)
    const full = withDefaults(fullSeedSession())
    expect(withDefaults(full)).toBe(full)
    expect(full).toEqual(withDefaults(structuredClone(full)))
  })

  it("gives each filled value its own copy of an object default", () => {
    const airline = { legs: [{}], passengers: [] }
    const a = withDefaults({ ...session(), airline })
    const b = withDefaults({ ...session(), airline })
    expect(a.airline.ticket_delivery_method).toBe("electronic")
    expect(a.airline).not.toBe(b.airline)
  })
})
