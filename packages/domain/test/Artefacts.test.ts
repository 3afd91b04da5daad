import { assert, describe, it } from "@effect/vitest"
import { Ajv2020 } from "ajv/dist/2020.js"
import addFormats from "ajv-formats"
import { readdirSync, readFileSync } from "node:fs"
import { artefacts } from "../src/Artefacts.ts"
import { modelNames, paymentsModelNames } from "../src/Models.ts"
import { fullSeedSession, seedExamples } from "@checkout-kit/test-seeds"

const dir = new URL("../schemas/", import.meta.url)
const shipped = (name: string) => readFileSync(new URL(name, dir), "utf8")

describe("the published JSON Schemas and OpenAPI document", () => {
  it("schemas/ holds exactly what the schemas generate (run the build after changing a schema)", () => {
    const generated = artefacts()
    assert.deepStrictEqual(readdirSync(dir).toSorted(), Object.keys(generated).toSorted())
    for (const [name, content] of Object.entries(generated)) assert.strictEqual(shipped(name), content, name)
  })

  it("there is one JSON Schema per model, and the OpenAPI documents", () => {
    const names = [...modelNames, ...paymentsModelNames].map((n) => `${n}.json`)
    assert.deepStrictEqual(Object.keys(artefacts()).toSorted(), [...names, "openapi.json", "payments-openapi.json"].toSorted())
  })

  it("a JSON Schema validator of another stack accepts the seeds and rejects a broken body", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    addFormats.default(ajv)
    const session = ajv.compile(JSON.parse(shipped("CheckoutSession.json")))
    assert.isTrue(session(fullSeedSession()), JSON.stringify(session.errors))
    const update = ajv.compile(JSON.parse(shipped("CheckoutSessionUpdate.json")))
    const request = seedExamples().find((e) => e.role === "request")!.json
    assert.isTrue(update(request), JSON.stringify(update.errors))
    assert.isFalse(update({ ...request, unexpected_field: 1 }))
    assert.isFalse(update({ cart_items: [{ name: "x", quantity: 0, unit_amount: 1 }] }))
  })

  it("a JSON Schema validator of another stack holds a payments response to the spec's required keys", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    addFormats.default(ajv)
    const buyer = ajv.compile(JSON.parse(shipped("Buyer.json")))
    const body = {
      id: "fe26475d-ec3e-4884-9553-f7356683f7f9",
      reconciliation_id: "dUOEjOQrRl5vcxIG8mv3n0",
      merchant_account_id: "default",
      created_at: "2013-07-16T19:23:00.000Z",
      updated_at: "2013-07-16T19:23:00.000Z"
    }
    assert.isTrue(buyer(body), JSON.stringify(buyer.errors))
    assert.isFalse(buyer({ ...body, nickname: "J" }))
    const { reconciliation_id: _, ...missing } = body
    assert.isFalse(buyer(missing))
  })

  it("the OpenAPI document describes every checkout-sessions path, bearer security on the session calls only", () => {
    const openapi = JSON.parse(shipped("openapi.json"))
    assert.strictEqual(openapi.openapi, "3.1.0")
    assert.includeMembers(Object.keys(openapi.paths), [
      "/checkout/sessions",
      "/checkout/sessions/{session_id}",
      "/checkout/sessions/{session_id}/fields",
      "/checkout/sessions/{session_id}/card-details"
    ])
    assert.isDefined(openapi.components.securitySchemes)
    assert.deepStrictEqual(Object.keys(openapi.paths["/checkout/sessions"].post.security[0]), ["bearer"])
    assert.deepStrictEqual(openapi.paths["/checkout/sessions/{session_id}/fields"].put.security, [])
  })
})
