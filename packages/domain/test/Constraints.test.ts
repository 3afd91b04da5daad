import { assert, describe, it } from "@effect/vitest"
import { Schema, type SchemaAST } from "effect"
import * as Constraints from "../src/Constraints.ts"
import { errorDetailTypes } from "../src/Errors.ts"
import { Amount, CalendarDate, Uuid } from "../src/Primitives.ts"
import * as StrictDecoder from "../src/StrictDecoder.ts"

const kindsOf = (schema: Schema.Top, items = false) =>
  Constraints.filtersOf(schema.ast).flatMap((filter) => Constraints.constraintsOf(filter, items) ?? [])

describe("Constraints", () => {
  it("reads each of Effect's checks as JSON Schema keywords with their bounds", () => {
    assert.deepStrictEqual(kindsOf(Schema.String.check(Schema.isMinLength(2), Schema.isMaxLength(5))), [
      { kind: "minLength", bound: 2, codePoints: false },
      { kind: "maxLength", bound: 5, codePoints: false }
    ])
    assert.deepStrictEqual(kindsOf(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(3)), true), [
      { kind: "minItems", bound: 1, codePoints: false },
      { kind: "maxItems", bound: 3, codePoints: false }
    ])
    assert.deepStrictEqual(kindsOf(Schema.String.check(Schema.isMaxCodePoints(4))), [
      { kind: "maxLength", bound: 4, codePoints: true }
    ])
    assert.deepStrictEqual(kindsOf(Amount), [
      { kind: "integer" },
      { kind: "minimum", bound: 0 },
      { kind: "maximum", bound: 99_999_999 }
    ])
    assert.deepStrictEqual(kindsOf(Schema.Number.check(Schema.isGreaterThan(0))), [
      { kind: "exclusiveMinimum", bound: 0 }
    ])
    assert.deepStrictEqual(kindsOf(Uuid), [{ kind: "format", bound: "uuid" }])
    assert.deepStrictEqual(kindsOf(CalendarDate).map((c) => c.kind), ["format"])
    const [pattern] = kindsOf(Schema.String.check(Schema.isPattern(/^[A-Z]{2}$/i)))
    assert.strictEqual(pattern.kind, "pattern")
    assert.strictEqual(String(pattern.bound), "/^[A-Z]{2}$/i")
  })

  it("knows nothing of a check without a representation", () => {
    const [filter] = Constraints.filtersOf(Schema.String.check(Schema.makeFilter((s: string) => s !== "x")).ast)
    assert.strictEqual(Constraints.constraintsOf(filter), undefined)
  })

  it("names every kind but format after a detail type", () => {
    const kinds: ReadonlyArray<Exclude<Constraints.ConstraintKind, "format">> = [
      "minLength",
      "maxLength",
      "minItems",
      "maxItems",
      "pattern",
      "minimum",
      "maximum",
      "exclusiveMinimum",
      "integer",
      "finite"
    ]
    for (const kind of kinds) assert.isString(errorDetailTypes[kind])
  })

  it("lists a struct's properties with their wire names", () => {
    const Struct = Schema.Struct({ cartItems: Schema.String, note: Schema.optional(Schema.String) }).annotate({
      "@checkout-kit/domain/wireKeys": { cartItems: "cart_items", note: "note" }
    })
    const properties = Constraints.propertiesOf(Struct.ast as SchemaAST.Objects)
    assert.deepStrictEqual(
      properties.map(({ name, optional, wire }) => ({ name, optional, wire })),
      [{ name: "cartItems", optional: false, wire: "cart_items" }, { name: "note", optional: true, wire: "note" }]
    )
  })

  it("has one error for what the walkers do not support", () => {
    const tuple = Schema.Tuple([Schema.String, Schema.Number])
    assert.throws(() => Constraints.arrayItem(tuple.ast as SchemaAST.Arrays), Constraints.UnsupportedSchemaError)
    const both = Schema.StructWithRest(Schema.Struct({ a: Schema.String }), [Schema.Record(Schema.String, Schema.String)])
    assert.throws(() => Constraints.recordValue(both.ast as SchemaAST.Objects), /structs with index signatures/)
    interface Tree {
      readonly children: ReadonlyArray<Tree>
    }
    const Tree: Schema.Codec<Tree> = Schema.Struct({ children: Schema.Array(Schema.suspend(() => Tree)) })
    assert.throws(() => StrictDecoder.make(Tree), /recursive schemas are not supported/)
  })

  it("escapes and parses JSON Pointers", () => {
    assert.strictEqual(Constraints.toPointer(["metadata", "a/b~c", 0]), "/metadata/a~1b~0c/0")
    assert.deepStrictEqual(Constraints.parsePointer("/metadata/a~1b~0c/0"), ["metadata", "a/b~c", "0"])
  })
})
