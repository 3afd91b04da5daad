/**
 * The spec's defaults, applied to wire JSON: `discount_amount: 0` on a cart
 * item, `type: "checkout-session"` on a session, `ticket_delivery_method:
 * "electronic"` on an airline addendum, and so on. Read from the schemas'
 * key annotations, so a default added to a schema is applied everywhere.
 *
 * The mock server answers with defaults applied; a contract runner compares
 * what it sent, with defaults applied, to what it reads back.
 *
 * @since 0.1.0
 */
import { type Schema, SchemaAST } from "effect"

type Apply = (wire: any) => any

const compile = (ast: SchemaAST.AST): Apply | undefined => {
  switch (ast._tag) {
    case "Objects": {
      const properties = ast.propertySignatures.map((ps) => ({
        name: ps.name as string,
        hasDefault: ps.type.context?.annotations?.["default"] !== undefined,
        value: ps.type.context?.annotations?.["default"],
        apply: compile(ps.type)
      }))
      const values = ast.indexSignatures.map((is) => compile(is.type)).find((f) => f !== undefined)
      if (values === undefined && properties.every((p) => !p.hasDefault && p.apply === undefined)) return undefined
      // Copy on write: an object is copied only when a default is added in it or below it.
      return (wire) => {
        if (typeof wire !== "object" || wire === null || Array.isArray(wire)) return wire
        let out: Record<string, unknown> | undefined
        for (const p of properties) {
          const value = wire[p.name]
          const next = value === undefined
            ? (p.hasDefault ? JSON.parse(JSON.stringify(p.value)) : undefined)
            : (p.apply === undefined ? value : p.apply(value))
          if (next !== value) (out ??= { ...wire })[p.name] = next
        }
        if (values !== undefined) {
          for (const key of Object.keys(out ?? wire)) {
            const current = (out ?? wire)[key]
            const next = values(current)
            if (next !== current) (out ??= { ...wire })[key] = next
          }
        }
        return out ?? wire
      }
    }
    case "Arrays": {
      const apply = ast.rest.length === 1 ? compile(ast.rest[0]) : undefined
      if (apply === undefined) return undefined
      return (wire) => {
        if (!Array.isArray(wire)) return wire
        let out: Array<unknown> | undefined
        for (let i = 0; i < wire.length; i++) {
          const applied = apply(wire[i])
          if (applied !== wire[i]) (out ??= wire.slice())[i] = applied
        }
        return out ?? wire
      }
    }
    case "Union": {
      const members = ast.types.map(compile).filter((f) => f !== undefined)
      if (members.length === 0) return undefined
      if (members.length === 1) return members[0]
      // Several object members (secure fields): defaults are applied only when unambiguous.
      return undefined
    }
    default:
      return undefined
  }
}

/**
 * A function that returns a valid wire value of `schema` with the spec's
 * defaults filled in where a key is absent (`null` is kept: it is a value).
 * The input is never changed: the objects and arrays on the way to an added
 * default are copies, everything else is shared, and a value that lacks no
 * default is returned as it is: treat the result as read-only. Compile once.
 *
 * @category defaults
 * @since 0.1.0
 */
export const make = <S extends Schema.Top>(schema: S): (wire: S["Encoded"]) => S["Encoded"] =>
  compile(SchemaAST.toEncoded(schema.ast)) ?? ((wire) => wire)
