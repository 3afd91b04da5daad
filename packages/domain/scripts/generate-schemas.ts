/**
 * Writes the contract in forms other stacks can use, generated from the
 * Effect schemas: one JSON Schema (draft 2020-12) per model of the wire side
 * under `schemas/<Model>.json`, and the OpenAPI 3.1 document of the HttpApi
 * contract as `schemas/openapi.json`. Run by `build`; the files are committed
 * and a test fails when they differ from what the schemas generate.
 *
 * `node scripts/generate-schemas.ts [outDir]`
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { artefacts } from "../src/Artefacts.ts"

const outDir = process.argv[2] ?? new URL("../schemas", import.meta.url).pathname
mkdirSync(outDir, { recursive: true })
const files = artefacts()
for (const name of readdirSync(outDir)) if (!(name in files)) rmSync(join(outDir, name))
for (const [name, content] of Object.entries(files)) writeFileSync(join(outDir, name), content)
console.log(`wrote ${Object.keys(files).length} files to ${outDir}`)
