// What a function uses, declared once in its own module (`export const needs`): the composition root builds
// exactly those dependencies, and the stack grants exactly what they need (infra/needs.ts reads the same object).
import type { Adapters, Grant } from './types.ts';

export type { Grant };

/** What a function may do with the table; `none` still gets TABLE_NAME, since config.ts requires it everywhere. */
export type TableAccess = 'none' | 'read' | 'readwrite';

/** A function's declaration: its table access and the stores and adapters it uses. */
export interface Needs<A extends Adapters = Adapters> {
  table: TableAccess;
  uses: A;
}

/** What the stack grants a function, read from its declaration. */
export type Grants = { table: TableAccess } & { [G in Grant]?: true };

/** The grants of a declaration: its table access and each used adapter's own grants. */
export function grantsOf(needs: Needs): Grants {
  const grants: Grants = { table: needs.table };
  for (const factory of Object.values(needs.uses)) for (const grant of factory?.grants ?? []) grants[grant] = true;
  return grants;
}
