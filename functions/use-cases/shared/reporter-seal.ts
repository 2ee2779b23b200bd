// The reporter's identity sealed at intake (UU 27/2022): composed by report intake and by the migration that seals
// the identities of reports stored before sealing existed.
import type { Dependencies } from '#ports';
import type { ReporterIdentity, SealContext, SealedValue } from '#domain/personal-data.schema';

/** The reporter's name and contact sealed for this report; undefined when the report names no one. */
export async function sealReporter(
  deps: Pick<Dependencies, 'seal'>, context: SealContext, reporter: { name?: string | undefined; contact?: string | undefined },
): Promise<SealedValue | undefined> {
  const identity: ReporterIdentity = {
    ...(reporter.name !== undefined ? { name: reporter.name } : {}),
    ...(reporter.contact !== undefined ? { contact: reporter.contact } : {}),
  };
  if (identity.name === undefined && identity.contact === undefined) return undefined;
  return deps.seal.seal(context, identity);
}
