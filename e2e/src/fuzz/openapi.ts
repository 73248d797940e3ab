import { normalize, Schema } from './schema';

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Schema;
  /** The document describes it (a path parameter may only be in the template: its type is then unknown). */
  documented: boolean;
}

/** One method + path of one service, as its OpenAPI document describes it. */
export interface Operation {
  service: string;
  method: string;
  /** The path template: `/v1/work-orders/{id}/answer`. */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body?: { schema: Schema; required: boolean };
  /** No bearer token needed (`security: []`, or no security at all). */
  isPublic: boolean;
  /** The roles that may call it (`x-roles`), when the document states them. */
  roles?: string[];
}

export const operationKey = (op: Pick<Operation, 'service' | 'method' | 'path'>) => `${op.service} ${op.method} ${op.path}`;

interface DocParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}
interface DocOperation {
  parameters?: DocParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
  'x-roles'?: string[];
  'x-public'?: boolean;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, DocOperation>>;
  security?: unknown[];
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/**
 * The operations of a service's document. Path parameters come from the template as well as
 * from `parameters`: a controller that validates `@Param()` whole documents none of them.
 */
export function operationsOf(service: string, doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const declared = op.parameters ?? [];
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
      const pathParams = templated.map((name): Parameter => {
        const doc = declared.find((p) => p.in === 'path' && p.name === name);
        return { name, in: 'path', required: true, schema: normalize(doc?.schema ?? { type: 'string' }), documented: doc !== undefined };
      });
      const queryParams = declared
        .filter((p) => p.in === 'query')
        .map((p): Parameter => ({ name: p.name, in: 'query', required: p.required === true, schema: normalize(p.schema), documented: true }));
      const json = op.requestBody?.content?.['application/json']?.schema;
      const security = op.security ?? doc.security ?? [];
      out.push({
        service,
        method: method.toUpperCase(),
        path,
        pathParams,
        queryParams,
        ...(json ? { body: { schema: normalize(json), required: op.requestBody?.required !== false } } : {}),
        isPublic: op['x-public'] === true || security.length === 0,
        ...(op['x-roles'] ? { roles: op['x-roles'] } : {}),
      });
    }
  }
  return out;
}

/** The path with its parameters filled in, each already percent-encoded as it should be sent. */
export function fillPath(template: string, raw: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => raw[name] ?? '');
}

/** `/v1/work-orders/{id}/answer` → `/v1/work-orders`: the collection a parameter indexes. */
export function collectionOf(template: string, param: string): string {
  const at = template.indexOf(`{${param}}`);
  return at <= 0 ? template : template.slice(0, at).replace(/\/$/, '');
}
