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
      return (wire) => {
        if (typeof wire !== "object" || wire === null || Array.isArray(wire)) return wire
        const out: Record<string, unknown> = { ...wire }
        for (const p of properties) {
          const value = out[p.name]
          if (value === undefined) {
            if (p.hasDefault) out[p.name] = JSON.parse(JSON.stringify(p.value))
          } else if (p.apply !== undefined) out[p.name] = p.apply(value)
        }
        if (values !== undefined) for (const key of Object.keys(out)) out[key] = values(out[key])
        return out
      }
    }
    case "Arrays": {
      const apply = ast.rest.length === 1 ? compile(ast.rest[0]) : undefined
      return apply === undefined ? undefined : (wire) => (Array.isArray(wire) ? wire.map(apply) : wire)
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
 * A function that returns a copy of a valid wire value of `schema` with the
 * spec's defaults filled in where a key is absent (`null` is kept: it is a
 * value). Compile once.
 *
 * @category defaults
 * @since 0.1.0
 */
export const make = <S extends Schema.Top>(schema: S): (wire: S["Encoded"]) => S["Encoded"] =>
  compile(SchemaAST.toEncoded(schema.ast)) ?? ((wire) => wire)
