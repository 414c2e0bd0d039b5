import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../src/analyzer.js';
import { resultJsonSchema } from '../src/result/json-schema.js';
import { resultSchema } from '../src/result/schema.js';

describe('result schema', () => {
  it('the committed schema/result.schema.json is the one the code generates (run npm run schema)', () => {
    const committed = JSON.parse(readFileSync('schema/result.schema.json', 'utf8')) as unknown;
    expect(committed).toEqual(resultJsonSchema());
  });

  it('accepts the result of an empty run and of the node-2 example', () => {
    expect(resultSchema.safeParse(analyzeText('', 'empty')).success).toBe(true);
    const node2 = analyzeText(readFileSync('examples/node-2/messages.node-2.20221112.log', 'utf8'), 'messages');
    const parsed = resultSchema.safeParse(node2);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('carries the schema version, tool name and version', () => {
    const r = analyzeText('', 'empty');
    expect(r.schemaVersion).toBe(1);
    expect(r.tool.name).toBe('ktriage');
    expect(r.tool.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
