import { z } from 'zod';
import { resultSchema, SCHEMA_VERSION } from './schema.js';

/** The JSON Schema (draft 2020-12) of the result document, generated from the zod schema. */
export function resultJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://ktriage.invalid/schema/result-v${SCHEMA_VERSION}.json`,
    title: 'ktriage result',
    description: `The document printed by \`ktriage analyze --format json\`, schemaVersion ${SCHEMA_VERSION}.`,
    ...z.toJSONSchema(resultSchema),
  };
}
