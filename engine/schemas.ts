/**
 * The one ajv instance of the engine. Every JSON Schema in schemas/ is compiled
 * here, once, and looked up by file name.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fromRoot } from './project-root.ts';
import { Ajv2020, type ValidateFunction, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export type { ErrorObject };

/** Folder holding the JSON Schemas (the single source of every shape). */
export const schemasDir = fromRoot('schemas') + sep;

// ajv-formats is CommonJS: under NodeNext its function is the default export's `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, verbose: true });
  addFormats(ajv);
  // RFC 3339 allows a leap second (23:59:60), which a JavaScript Date cannot hold: a value
  // the schema accepted would then fail where it is used. Accept only what Date can parse.
  const rfc3339 = ajv.formats['date-time'] as { validate: (value: string) => boolean };
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => rfc3339.validate(value) && !Number.isNaN(Date.parse(value)) });
  for (const name of readdirSync(schemasDir).filter((f) => f.endsWith('.schema.json')).sort()) {
    const schema = JSON.parse(readFileSync(join(schemasDir, name), 'utf8')) as { $id: string };
    ajv.addSchema(schema, name);
  }
  return ajv;
}

let shared: Ajv2020 | undefined;

/** The shared ajv instance with every schema in schemas/ registered under its file name. */
export function schemaRegistry(): Ajv2020 {
  shared ??= createAjv();
  return shared;
}

const validators = new Map<string, ValidateFunction>();

/**
 * A validator for a schema file, or for one of its `$defs` with `file#/$defs/name`.
 *
 * @example
 *   const validate = validatorFor('manifest.schema.json');
 *   if (!validate(data)) console.log(validate.errors);
 */
export function validatorFor(ref: string): ValidateFunction {
  let validate = validators.get(ref);
  if (!validate) {
    const ajv = schemaRegistry();
    const [file, pointer] = ref.split('#') as [string, string | undefined];
    const schema = ajv.getSchema(file)?.schema as { $id: string } | undefined;
    if (!schema) throw new Error(`Unknown schema ${ref}`);
    validate = pointer ? ajv.getSchema(`${schema.$id}#${pointer}`) : ajv.getSchema(file);
    if (!validate) throw new Error(`Unknown schema ${ref}`);
    validators.set(ref, validate);
  }
  return validate;
}
