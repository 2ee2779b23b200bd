// The OpenAPI 3.1 document, generated from the route list and its zod schemas.
import * as z from 'zod/mini';
import type { Route } from './route.ts';
import { IdempotencyHeaders } from './request-shapes.ts';

const PROBLEM = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

type Components = Record<string, unknown>;

/** Points `#/$defs/X` references at the document's components. */
function relink(node: unknown, name: (id: string) => string): unknown {
  if (Array.isArray(node)) return node.map((item) => relink(item, name));
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')
        ? [key, `#/components/schemas/${name(value.slice('#/$defs/'.length))}`]
        : [key, relink(value, name)],
    ),
  );
}

/** JSON Schema of `schema`. An array whose metadata gives its `items` as a schema (checked elsewhere, e.g. row by
 *  row in a use case) is documented with that schema's JSON Schema. */
function jsonSchemaOf(schema: z.core.$ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      const items: unknown = jsonSchema.items;
      if (items instanceof z.core.$ZodType) {
        const { $schema: _, ...json } = jsonSchemaOf(items, io);
        jsonSchema.items = json;
      }
    },
  }) as Record<string, unknown>;
}

/** A schema for the document; named sub-schemas (registered with an id) go to components, request shapes suffixed Input. */
function schemaOf(schema: z.core.$ZodType, io: 'input' | 'output', components: Components) {
  const name = (id: string) => (io === 'input' ? `${id}Input` : id);
  const generated = jsonSchemaOf(schema, io);
  const { $schema, $defs, ...rest } = relink(generated, name) as Record<string, unknown> & { $defs?: Record<string, unknown> };
  for (const [id, def] of Object.entries($defs ?? {})) components[name(id)] = def;
  const id = z.globalRegistry.get(schema)?.id;
  if (!id || typeof rest.$ref === 'string') return rest;
  components[name(id)] = rest;
  return { $ref: `#/components/schemas/${name(id)}` };
}

function parameters(schema: z.core.$ZodType | undefined, where: 'query' | 'path' | 'header', components: Components) {
  if (!schema) return [];
  const json = schemaOf(schema, 'input', components) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

export function buildOpenApi(routes: Record<string, Route>, serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Components = { Problem: PROBLEM };
  for (const route of Object.values(routes)) {
    // A page for people answers its errors as pages too.
    const problem = (description: string) => ({
      description,
      content: route.html ? { 'text/html': { schema: { type: 'string' } } } : { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    const idempotent = route.headers === IdempotencyHeaders;
    const bodyType = route.bodyType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
    const responses: Record<string, unknown> = {
      [route.successStatus]: {
        description: 'Success',
        ...(route.response
          ? {
              content: {
                'application/json': { schema: schemaOf(route.response, 'output', components) },
                ...(route.htmlAlternative ? { 'text/html': { schema: { type: 'string' } } } : {}),
                ...(route.csvAlternative ? { 'text/csv': { schema: { type: 'string' } } } : {}),
              },
            }
          : {}),
        ...(route.html || route.document ? { content: { 'text/html': { schema: { type: 'string' } } } } : {}),
      },
      ...(route.body || route.query || route.params ? { 400: problem('Invalid input, with the failing fields') } : {}),
      ...(route.auth ? { 401: problem('Missing or invalid x-api-key'), 403: problem(route.national ? 'A region key on a national route' : "A national body's key on a region route"), 404: problem(route.national ? 'Not found (or not the calling body\'s)' : 'Not found in your region') } : {}),
      ...(route.body ? { 413: problem('Body too large'), 415: problem(`Body is not ${bodyType}`) } : {}),
      ...(idempotent
        ? {
            409: problem('A request with this Idempotency-Key is still being recorded; retry after Retry-After, and the retry gets the first answer'),
            422: problem('This Idempotency-Key was used with another body'),
          }
        : {}),
      ...Object.fromEntries(Object.entries(route.refusals ?? {}).map(([status, when]) => [status, problem(when)])),
      503: problem('Database unreachable; retry'),
    };
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.national ? { tags: ['national'] } : {}),
      ...(route.auth ? { security: [route.national ? { nationalKey: [] } : { regionKey: [] }] } : { security: [] }),
      parameters: [
        ...parameters(route.params, 'path', components),
        ...parameters(route.query, 'query', components),
        ...parameters(route.headers, 'header', components),
      ],
      ...(route.body
        ? { requestBody: { required: true, content: { [bodyType]: { schema: schemaOf(route.body, 'input', components) } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'netra API',
      version: '1.0.0',
      description: 'Netralitas ASN: pledge ceremonies and sanction approvals for Indonesian regional governments.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    // Relative to where the document is served (GET /openapi.json at the API's root, a stage path included), so
    // the one document built at synth time names the right server in AWS and locally.
    servers: [serverUrl ? { url: serverUrl } : { url: '.', description: 'This API: the base of the URL this document was read from' }],
    tags: [{ name: 'national', description: 'BKN and Bawaslu RI: recommendations pushed into regions, and every region\'s follow-up.' }],
    components: {
      securitySchemes: {
        regionKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: "A region's key: every route but /v1/national/..." },
        nationalKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: "A national body's key (BKN, BAWASLU_RI): /v1/national/... only" },
      },
      schemas: components,
    },
    paths,
  };
}
