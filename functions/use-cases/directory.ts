// The region's directory: OPDs, contacts and step timings, as the region's own system maintains them.
import type { Dependencies } from '#ports';
import { NotFoundError } from '#domain/errors';
import { regionTimeZone } from '#domain/time-zones';
import type { Contacts, Directory, PutOpdBody, Settings } from '#domain/directory.schema';

type Deps = Pick<Dependencies, 'clock' | 'directory' | 'regions'>;

export function putOpd(deps: Deps, regionId: string, opdId: string, body: PutOpdBody) {
  return deps.directory.putOpd(regionId, opdId, body, deps.clock.now().toISOString());
}

export async function putContacts(deps: Deps, regionId: string, contacts: Contacts) {
  await deps.directory.putContacts(regionId, contacts, deps.clock.now().toISOString());
}

export async function putSettings(deps: Deps, regionId: string, settings: Settings) {
  await deps.directory.putSettings(regionId, settings, deps.clock.now().toISOString());
  return settings;
}

export async function getDirectory(deps: Deps, regionId: string): Promise<Directory> {
  const [region, opds, contacts, settings] = await Promise.all([
    deps.regions.get(regionId),
    deps.directory.listOpds(regionId),
    deps.directory.getContacts(regionId),
    deps.directory.getSettings(regionId),
  ]);
  if (!region) throw new NotFoundError('Region not found');
  return {
    region: { ...region, timeZone: regionTimeZone(region) },
    opds,
    contacts: contacts && {
      ...contacts,
      bawaslu: {
        name: contacts.bawaslu.name,
        email: contacts.bawaslu.email,
        ...(contacts.bawaslu.webhookUrl ? { webhookUrl: contacts.bawaslu.webhookUrl } : {}),
        webhookSecretSet: contacts.bawaslu.webhookSecret !== undefined,
      },
    },
    settings,
  };
}
