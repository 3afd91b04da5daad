import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import * as Cards from "../src/Cards.ts"
import { CardScheme } from "../src/PaymentMethod.ts"

describe("Luhn", () => {
  it("accepts the test cards of the schemes and refuses a changed digit", () => {
    for (const number of ["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "30569309025904"]) {
      assert.isTrue(Cards.isLuhnValid(number), number)
      const changed = number.slice(0, -1) + String((Number(number.slice(-1)) + 1) % 10)
      assert.isFalse(Cards.isLuhnValid(changed), changed)
    }
    assert.isFalse(Cards.isLuhnValid(""))
  })

  it("the check digit completes a body into a Luhn-valid number", () => {
    assert.strictEqual(Cards.luhnCheckDigit("411111111111111"), "1")
    assert.strictEqual(Cards.luhnCheckDigit("37828224631000"), "5")
    for (let body = "4"; body.length < 19; body += String(body.length % 10)) {
      assert.isTrue(Cards.isLuhnValid(body + Cards.luhnCheckDigit(body)), body)
    }
  })
})

describe("schemes", () => {
  it("every scheme of the table is a CardScheme literal", () => {
    for (const scheme of Cards.knownSchemes) assert.isTrue(Schema.is(CardScheme)(scheme), scheme)
  })

  it("each range's ends, and the digits just outside them", () => {
    const cases: ReadonlyArray<readonly [digits: string, scheme: string]> = [
      ["4111111111111111", "visa"],
      ["5100000000000000", "mastercard"],
      ["5599999999999999", "mastercard"],
      ["2221000000000000", "mastercard"],
      ["2720999999999999", "mastercard"],
      ["2721000000000000", "other"],
      ["2200000000000000", "mir"],
      ["2204999999999999", "mir"],
      ["2205000000000000", "other"],
      ["3400000000000000", "amex"],
      ["3700000000000000", "amex"],
      ["6011000000000000", "discover"],
      ["6440000000000000", "discover"],
      ["6499999999999999", "discover"],
      ["6500000000000000", "discover"],
      ["6430000000000000", "other"],
      ["3528000000000000", "jcb"],
      ["3589000000000000", "jcb"],
      ["3527000000000000", "other"],
      ["30000000000000", "diners-club"],
      ["30500000000000", "diners-club"],
      ["30600000000000", "other"],
      ["36000000000000", "diners-club"],
      ["39000000000000", "diners-club"],
      ["6200000000000000", "unionpay"],
      ["5000000000000000", "maestro"],
      ["5600000000000000", "maestro"],
      ["5899999999999999", "maestro"],
      ["6304000000000000", "maestro"],
      ["6759000000000000", "maestro"],
      ["6760000000000000", "maestro"],
      ["5900000000000000", "other"],
      ["1234567890123456", "other"],
      ["411111", "visa"],
      ["6", "other"]
    ]
    for (const [digits, scheme] of cases) assert.strictEqual(Cards.schemeOf(digits), scheme, digits)
  })
})

describe("BIN and card type", () => {
  it("the BIN is the first 6 digits, whatever the length", () => {
    assert.strictEqual(Cards.binOf("4111111111111111"), "411111")
    assert.strictEqual(Cards.binOf("4000056655665556123"), "400005")
  })

  it("card types of well-known test BINs; every amex card is credit; others unknown", () => {
    assert.strictEqual(Cards.cardTypeOf("4000056655665556"), "debit")
    assert.strictEqual(Cards.cardTypeOf("51051051"), "prepaid")
    assert.strictEqual(Cards.cardTypeOf("349999999999991"), "credit")
    assert.isUndefined(Cards.cardTypeOf("4999999999999999"))
  })
})

describe("expiry", () => {
  it("a card is valid through the last instant of its month, expired from the first of the next", () => {
    assert.isFalse(Cards.hasExpired("02/28", Date.UTC(2028, 1, 29, 23, 59, 59, 999)))
    assert.isTrue(Cards.hasExpired("02/28", Date.UTC(2028, 2, 1)))
    assert.isFalse(Cards.hasExpired("12/27", Date.UTC(2027, 11, 31, 23, 59, 59, 999)))
    assert.isTrue(Cards.hasExpired("12/27", Date.UTC(2028, 0, 1)))
  })
})
