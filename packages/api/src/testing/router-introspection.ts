import { sql, type SQL } from 'drizzle-orm';
import fc from 'fast-check';
import type { z } from 'zod';
import type { Database } from '@samrad/db';
import { appRouter, type createCaller } from '../router.js';
import type { ProcedureMeta } from '../trpc.js';

/*
 * Helpers for tests that cover the whole router structurally: every procedure, found by
 * introspection (never a hand-kept list, so a new procedure is covered the day it lands), called
 * by its dotted path, with inputs derived from its own zod schema; and a digest of the whole
 * database to prove that what was refused wrote nothing.
 */

export type Caller = ReturnType<typeof createCaller>;

export interface ProcedureInfo {
  /** The dotted path a client calls: `projects.setAccess`. */
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  meta: ProcedureMeta | undefined;
  /** The input schemas, in order (ours declare exactly one). */
  inputs: z.ZodType[];
}

interface ProcedureDef {
  _def: { type: ProcedureInfo['type']; meta?: ProcedureMeta; inputs: z.ZodType[] };
}

/** Every procedure of `appRouter`, sorted by path. */
export function listProcedures(): ProcedureInfo[] {
  return Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>)
    .map(([path, { _def }]) => ({ path, type: _def.type, meta: _def.meta, inputs: _def.inputs }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** The single input schema of a procedure (tRPC merges several; none of ours has more). */
export function inputSchemaOf(procedure: ProcedureInfo): z.ZodType {
  const [schema, ...more] = procedure.inputs;
  if (!schema || more.length > 0) {
    throw new Error(`${procedure.path}: expected one input schema, got ${procedure.inputs.length}`);
  }
  return schema;
}

/** Calls `path` on a caller exactly as a client would (`caller.projects.get(input)`). */
export function callProcedure(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const call = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  if (typeof call !== 'function') throw new Error(`no procedure at ${path}`);
  return (call as (input: unknown) => Promise<unknown>)(input);
}

/*
 * ---------------------------------------------------------------------------------------------
 * The database: a digest of everything, and the ids that exist (so generated inputs reach rows).
 * ---------------------------------------------------------------------------------------------
 */

/** postgres.js answers with the rows, PGlite with an object holding them. */
function rowsOf<Row>(result: unknown): Row[] {
  return Array.isArray(result) ? (result as Row[]) : (result as { rows: Row[] }).rows;
}

/** The query digesting every table, built once per database (the schema does not change). */
const digestQueries = new WeakMap<Database, Promise<SQL>>();

/**
 * What a refused call writes by design: the tries it counts (rate limits, a wrong e-mail code's
 * attempt). Left out of the digest, so that "refused, and wrote nothing" can hold.
 */
const triesCounted = new Set(['rate_limits', 'email_codes']);

async function digestQuery(db: Database): Promise<SQL> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`,
    ),
  )
    .map((row) => row.name)
    .filter((name) => !triesCounted.has(name));
  return sql.join(
    tables.map(
      (name) =>
        sql`(select ${name} as name, md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as digest from ${sql.identifier(name)} t)`,
    ),
    sql` union all `,
  );
}

/**
 * A digest of every row of every table, table by table (`table → md5`), in one query: any
 * committed write changes it. Compare two with `changedTables`.
 */
export async function fingerprint(db: Database): Promise<Map<string, string>> {
  let query = digestQueries.get(db);
  if (!query) digestQueries.set(db, (query = digestQuery(db)));
  const digests = rowsOf<{ name: string; digest: string }>(await db.execute(await query));
  return new Map(digests.map((row) => [row.name, row.digest]));
}

/**
 * The first transaction id the server has not handed out yet. Every write takes one, committed
 * or rolled back, so while this stays the same nothing was written anywhere on the server — a
 * cheap test before a `fingerprint` (on a shared server, other databases move it too: then
 * only the fingerprint tells).
 */
export async function nextTransactionId(db: Database): Promise<string> {
  const [row] = rowsOf<{ xid: string }>(
    await db.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as xid`),
  );
  return row!.xid;
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter(
    (table) => before.get(table) !== after.get(table),
  );
}

/**
 * What generated values draw ids and e-mail addresses from, so that inputs name rows that exist
 * (a random uuid only ever reaches `NOT_FOUND`).
 */
export interface ValuePools {
  /** Ids of existing rows by table. */
  ids: Map<string, string[]>;
  emails: string[];
}

/** The ids of the rows of every table that has a uuid `id`, and the users' e-mail addresses. */
export async function loadValuePools(db: Database): Promise<ValuePools> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.columns
          where table_schema = 'public' and column_name = 'id' and data_type = 'uuid' order by 1`,
    ),
  ).map((row) => row.name);
  const rows = rowsOf<{ name: string; id: string }>(
    await db.execute(
      sql.join(
        tables.map(
          (name) =>
            sql`(select ${name} as name, id::text as id from ${sql.identifier(name)} limit 100)`,
        ),
        sql` union all `,
      ),
    ),
  );
  const ids = new Map<string, string[]>();
  for (const { name, id } of rows) ids.set(name, [...(ids.get(name) ?? []), id]);
  const emails = rowsOf<{ email: string }>(
    await db.execute(sql`select email from users order by email limit 100`),
  ).map((row) => row.email);
  return { ids, emails };
}

/*
 * ---------------------------------------------------------------------------------------------
 * Input schemas: strictness, and values that pass them.
 * ---------------------------------------------------------------------------------------------
 */

/** Where a value sits inside an input: keys and array indexes from its root. */
export type Path = (string | number)[];

/** A copy of `value` with `replacement` at `path` (a key that is not there is added). */
export function plant(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [key, ...rest] = path as [string | number, ...Path];
  const copy = (
    Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }
  ) as Record<string | number, unknown>;
  copy[key] = plant(copy[key], rest, replacement);
  return copy;
}

type Def = z.core.$ZodTypes['_zod']['def'];
const defOf = (schema: z.core.$ZodType): Def => (schema as z.core.$ZodTypes)._zod.def;
const checksOf = (def: Def) =>
  ('checks' in def ? (def.checks ?? []) : []).map(
    (check) => check._zod.def as z.core.$ZodCheckDef & Record<string, unknown>,
  );

/**
 * Where an input schema accepts fields it does not declare: the paths of objects that are not
 * `.strict()` (they strip or pass through unknown keys, so a client never learns that a field
 * it sent was ignored — or worse, a later change starts reading it), and of values typed `any`
 * or `unknown`. Empty for a schema that is strict all the way down.
 */
export function looseParts(schema: z.core.$ZodType, path = 'input'): string[] {
  const seen = new Set<z.core.$ZodType>();
  const walk = (node: z.core.$ZodType, at: string): string[] => {
    if (seen.has(node)) return [];
    seen.add(node);
    const def = defOf(node);
    switch (def.type) {
      case 'object': {
        const own = def.catchall && defOf(def.catchall).type === 'never' ? [] : [at];
        return [
          ...own,
          ...Object.entries(def.shape).flatMap(([key, value]) => walk(value, `${at}.${key}`)),
        ];
      }
      case 'any':
      case 'unknown':
        return [at];
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'nonoptional':
      case 'readonly':
      case 'catch':
      case 'success':
      case 'promise':
        return walk(def.innerType, at);
      case 'pipe':
        // The input side is what the client sends; the output side may re-parse it.
        return [
          ...walk(def.in, at),
          ...(defOf(def.out).type === 'transform' ? [] : walk(def.out, at)),
        ];
      case 'lazy':
        return walk(def.getter(), at);
      case 'array':
        return walk(def.element, `${at}[]`);
      case 'set':
        return walk(def.valueType, `${at}[]`);
      case 'tuple':
        return [
          ...def.items.flatMap((item, i) => walk(item, `${at}[${i}]`)),
          ...(def.rest ? walk(def.rest, `${at}[…]`) : []),
        ];
      case 'union':
        return def.options.flatMap((option, i) => walk(option, `${at}|${i}`));
      case 'intersection':
        return [...walk(def.left, at), ...walk(def.right, at)];
      case 'record':
      case 'map':
        return walk(def.valueType, `${at}{}`);
      default:
        return [];
    }
  };
  return walk(schema, path);
}

/**
 * The objects inside `value` that `schema` describes, each with its path and the keys its
 * schema declares — where a field outside the schema can be planted. Follows the union option
 * that accepts the value (a discriminated union's by its discriminator).
 */
export function declaredObjects(
  schema: z.core.$ZodType,
  value: unknown,
): { path: Path; declared: Set<string> }[] {
  const found: { path: Path; declared: Set<string> }[] = [];
  const walk = (node: z.core.$ZodType, item: unknown, at: Path): void => {
    const def = defOf(node);
    switch (def.type) {
      case 'object':
        if (item === null || typeof item !== 'object' || Array.isArray(item)) return;
        found.push({ path: at, declared: new Set(Object.keys(def.shape)) });
        for (const [key, child] of Object.entries(def.shape)) {
          const field = (item as Record<string, unknown>)[key];
          if (field !== undefined) walk(child, field, [...at, key]);
        }
        return;
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'nonoptional':
      case 'readonly':
      case 'catch':
        return walk(def.innerType, item, at);
      case 'pipe':
        return walk(defOf(def.out).type === 'transform' ? def.in : def.out, item, at);
      case 'lazy':
        return walk(def.getter(), item, at);
      case 'array':
        if (Array.isArray(item))
          item.forEach((element, i) => walk(def.element, element, [...at, i]));
        return;
      case 'record':
        if (item !== null && typeof item === 'object') {
          for (const [key, child] of Object.entries(item)) walk(def.valueType, child, [...at, key]);
        }
        return;
      case 'union': {
        const option = def.options.find((candidate) => {
          try {
            return (candidate as z.ZodType).safeParse(item).success;
          } catch {
            return false;
          }
        });
        if (option) walk(option, item, at);
        return;
      }
      default:
        return;
    }
  };
  walk(schema, value, []);
  return found;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Existing ids a uuid field probably names: `projectId` → projects; `id` and `parentId` → the
 * table of the namespace (`folders.update` → folders, `{ type: 'project', id }` → projects);
 * else any.
 */
function idsFor(pools: ValuePools, namespace: string, key: string | undefined): string[] {
  const all = [...pools.ids.values()].flat();
  const noun = key?.replace(/Ids?$/, '');
  const tables = [...pools.ids.keys()];
  const named =
    noun && noun !== key && noun !== 'parent'
      ? tables.filter((table) => table.endsWith(`${snake(noun)}s`))
      : tables.filter((table) => table.endsWith(snake(namespace)));
  const ids = named.flatMap((table) => pools.ids.get(table) ?? []);
  return ids.length > 0 ? ids : all;
}

const words = ['park', 'Lindvik', 'bus stop', 'Östra', 'skola', 'cykel', 'harbour', 'ø', 'café'];

function stringArbitrary(
  def: Def & { type: 'string' },
  key: string | undefined,
  pools: ValuePools,
  namespace: string,
) {
  const checks = checksOf(def);
  const number = (name: string, check: string) =>
    checks.find((c) => c.check === check)?.[name] as number | undefined;
  const min = number('minimum', 'min_length') ?? number('length', 'length_equals') ?? 0;
  const max = number('maximum', 'max_length') ?? number('length', 'length_equals') ?? 10_000;
  const format = (def as { format?: string }).format;
  const regex = checks.find((c) => c.check === 'string_format' && c.format === 'regex')?.pattern as
    RegExp | undefined;
  switch (format) {
    case 'uuid':
    case 'guid': {
      const ids = idsFor(pools, namespace, key);
      return fc.oneof(
        { arbitrary: fc.constantFrom(...ids), weight: ids.length > 0 ? 5 : 0 },
        { arbitrary: fc.uuid({ version: 4 }), weight: 1 },
      );
    }
    case 'email':
      return fc.oneof(fc.constantFrom(...pools.emails), fc.emailAddress());
    case 'url':
      return fc.webUrl();
    case 'datetime':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
  }
  if (regex) return fc.stringMatching(regex).filter((s) => s.length >= min && s.length <= max);
  return fc
    .array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.join(' ').padEnd(min, 'x').slice(0, Math.max(max, 1)));
}

/**
 * Values that pass `schema` — as far as its structure tells: refinements across fields are not
 * known to it, so callers that need valid values check them with `safeParse`. Ids are drawn
 * mostly from rows that exist. Optional fields are sometimes absent.
 */
export function arbitraryFor(
  schema: z.core.$ZodType,
  pools: ValuePools,
  /** The procedure's path: its namespace says what an unqualified `id` names. */
  path: string,
): fc.Arbitrary<unknown> {
  const build = (
    node: z.core.$ZodType,
    key: string | undefined,
    depth: number,
    /** What an unqualified `id` names here: the procedure's namespace, or a scope's type. */
    namespace: string,
  ): fc.Arbitrary<unknown> => {
    const def = defOf(node);
    const inner = (child: z.core.$ZodType, childKey = key) =>
      build(child, childKey, depth + 1, namespace);
    if (depth > 12) return fc.constant(undefined);
    switch (def.type) {
      case 'string':
        return stringArbitrary(def, key, pools, namespace);
      case 'number': {
        const checks = checksOf(def);
        const bound = (check: string) =>
          checks.find((c) => c.check === check)?.value as number | undefined;
        const integer = checks.some((c) => c.check === 'number_format');
        const min = Math.max(bound('greater_than') ?? -1000, -1_000_000);
        const max = Math.min(bound('less_than') ?? 1000, 1_000_000);
        return integer
          ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
          : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      }
      case 'bigint':
        return fc.bigInt({ min: -1000n, max: 1000n });
      case 'boolean':
        return fc.boolean();
      case 'date':
        return fc.date({
          min: new Date('2000-01-01'),
          max: new Date('2100-01-01'),
          noInvalidDate: true,
        });
      case 'enum':
        return fc.constantFrom(...Object.values(def.entries));
      case 'literal':
        return fc.constantFrom(...def.values);
      case 'null':
        return fc.constant(null);
      case 'undefined':
      case 'void':
      case 'never':
        return fc.constant(undefined);
      case 'nullable':
        return fc.option(inner(def.innerType), { nil: null, freq: 4 });
      case 'optional':
      case 'default':
      case 'prefault':
        return fc.option(inner(def.innerType), { nil: undefined, freq: 4 });
      case 'nonoptional':
      case 'readonly':
      case 'catch':
      case 'success':
        return inner(def.innerType);
      case 'pipe': {
        // A refined string re-parsed (`Email`): the output side is the stricter one. Across a
        // transform, only the input side says what the client sends.
        const [from, to] = [defOf(def.in), defOf(def.out)];
        return to.type !== 'transform' && from.type === to.type ? inner(def.out) : inner(def.in);
      }
      case 'lazy':
        return inner(def.getter());
      case 'array': {
        const checks = checksOf(def);
        const min = (checks.find((c) => c.check === 'min_length')?.minimum as number) ?? 0;
        const max = (checks.find((c) => c.check === 'max_length')?.maximum as number) ?? 3;
        return fc.array(inner(def.element), { minLength: min, maxLength: Math.min(max, min + 3) });
      }
      case 'tuple':
        return fc.tuple(...def.items.map((item) => inner(item)));
      case 'object': {
        // Optional fields mostly absent: fields that only go together (a voting phase's
        // settings) then meet the schema's cross-field rules more often.
        const optional = new Set(['optional', 'default', 'prefault']);
        // `{ type: 'project', id }`: the id names a project.
        const type = def.shape.type && defOf(def.shape.type);
        const own =
          type?.type === 'literal' && typeof type.values[0] === 'string'
            ? `${type.values[0]}s`
            : namespace;
        const fields = Object.entries(def.shape).map(([name, value]) => {
          const field = build(optionalInner(value), name, depth + 1, own);
          return [
            name,
            optional.has(defOf(value).type)
              ? fc.oneof(
                  { arbitrary: fc.constant(absent), weight: 2 },
                  { arbitrary: field, weight: 1 },
                )
              : field,
          ] as const;
        });
        return fc
          .record(Object.fromEntries(fields))
          .map((record) =>
            Object.fromEntries(Object.entries(record).filter(([, value]) => value !== absent)),
          );
      }
      case 'union':
        return fc.oneof(...def.options.map((option) => inner(option)));
      case 'intersection':
        return fc
          .tuple(inner(def.left), inner(def.right))
          .map(([left, right]) =>
            typeof left === 'object' && typeof right === 'object' ? { ...left, ...right } : left,
          );
      case 'record': {
        const keys = defOf(def.keyType);
        const value = inner(def.valueType, undefined);
        return keys.type === 'enum'
          ? fc.record(Object.fromEntries(Object.values(keys.entries).map((k) => [k, value])))
          : fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/), value, { maxKeys: 3 });
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  };
  return build(schema, undefined, 0, path.split('.')[0] ?? '');
}

const absent = Symbol('absent');

/** An optional field's own schema: its absence is generated by leaving the key out. */
function optionalInner(schema: z.core.$ZodType): z.core.$ZodType {
  const def = defOf(schema);
  return def.type === 'optional' ? def.innerType : schema;
}

/**
 * A few values of `schema` that pass it (`safeParse`), drawn reproducibly from `seed`; fewer
 * when its refinements are rarely met by chance.
 */
export function validSamples(
  schema: z.ZodType,
  pools: ValuePools,
  path: string,
  count: number,
  seed: number,
): unknown[] {
  return fc
    .sample(arbitraryFor(schema, pools, path), { numRuns: count * 50, seed })
    .filter((value) => schema.safeParse(value).success)
    .slice(0, count);
}
