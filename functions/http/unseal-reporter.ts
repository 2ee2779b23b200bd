// POST /v1/reports/{id}/reporter/unseal: the reporter's identity, opened on the record (timeline, PPK e-mail, access log).
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { regions } from '#lib/stores/regions';
import { directory } from '#lib/stores/directory';
import { mails } from '#lib/stores/mails';
import { accessLog } from '#lib/stores/access-log';
import { recordAccess } from '#lib/access-log';
import { ses } from '#lib/aws/ses';
import { kmsSeal } from '#lib/aws/kms-seal';
import { unsealReporter } from '#use-cases/personal-data';
import { route } from './routes/unseal-reporter.ts';

const deps = dependencies({ reports, regions, directory, mails, accessLog, mailer: ses, seal: kmsSeal });

export const handler = httpHandler(route, async (input) => {
  const unsealed = await unsealReporter(deps, { regionId: input.regionId, keyId: input.keyId, reportId: input.params.id, reason: input.body.reason });
  await recordAccess(deps, route, input, { reportId: input.params.id });
  return json(200, unsealed);
});
