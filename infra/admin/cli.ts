// `npm run admin -- ...`: create regions and issue, rotate, revoke and list their API keys (and the national bodies'),
// against the running local stack or, with --aws, the deployed table.
import { parseArgs } from 'node:util';
import { dataDirOf, demoKey, NoRunningStack, runningStack } from '../local/running-stack.ts';

const USAGE = `usage: npm run admin -- <command> [flags]

commands:
  local-url                            the running local stack's base URL (e.g. http://127.0.0.1:3000)
  demo-key 34.02                       a demo region's (or BKN's, BAWASLU_RI's) API key from the running local stack
  region create --id 34.02 --name "Kabupaten Bantul" --agency BKPSDM [--time-zone Asia/Jakarta]
                                       the zone defaults to the province's (WIB, WITA or WIT)
  key issue  --region 34.02            issue a new key (printed once; only its hash is stored)
  key rotate --region 34.02            issue a new key and revoke every older one
  key revoke --region 34.02 --key-id ABCD1234
  key list   --region 34.02
  report verify  --region 34.02 --id 01K...   recompute the report's timeline hash chain; names the first
                                              entry that does not match (exit 1 then)
  report verify  --region 34.02 --id 01K... --hash H
                                              the entry whose hash H is (a notice's timelineHash) and whether
                                              the chain verifies up to it (exit 1 when no entry has it)
  report migrate --region 34.02               bring older reports up to date: the timeline chain of every report
                                              that has none yet, the reporter's identity of every report stored
                                              before sealing (sealed now), the list keys of every report stored before them
  retention run --region 34.02 [--dry-run] [--as-of 2030-01-01]
                                              erase the personal data of the region's closed reports past their
                                              retention period (settings.retention.reports, default P5Y), as the
                                              daily purge does; --as-of runs it as if on that day (a demo, a test);
                                              --dry-run lists what it would erase and erases nothing
  digest send --region 34.02 [--date 2024-10-02]   send that day's Bawaslu digest now (local stack; default: today)
  national key issue|rotate --body BKN|BAWASLU_RI   a national body's key (printed once; only its hash is stored);
                                              it calls only /v1/national/...
  national key revoke --body BKN --key-id ABCD1234
  national key list   --body BKN
  national contact set --body BKN --name "Direktorat Wasdal BKN" --email wasdal@bkn.go.id
                                              who gets the body's weekly digest
  national digest send                        send every body's weekly digest now (local stack; in AWS, Mondays
                                              07:00 WIB)

target (default: the local stack started by \`npm start\`, found through $NETRA_DATA_DIR/local.json):
  --endpoint http://127.0.0.1:8000 --table netra   a DynamoDB Local of your own
  --aws [--stack Netra] [--aws-region ap-southeast-3]  the deployed stack, with your AWS credentials
        (table and usage plan from the stack's outputs, or --table and --usage-plan)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    id: { type: 'string' },
    name: { type: 'string' },
    agency: { type: 'string' },
    'time-zone': { type: 'string' },
    region: { type: 'string' },
    'key-id': { type: 'string' },
    body: { type: 'string' },
    email: { type: 'string' },
    date: { type: 'string' },
    hash: { type: 'string' },
    'as-of': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    endpoint: { type: 'string' },
    table: { type: 'string' },
    aws: { type: 'boolean', default: false },
    stack: { type: 'string' },
    'usage-plan': { type: 'string' },
    'aws-region': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function need(flag: keyof typeof values): string {
  const value = values[flag];
  if (typeof value !== 'string' || !value) fail(`missing --${flag}`);
  return value;
}

type KeyDeps = Pick<import('../../functions/ports.ts').Dependencies, 'clock' | 'regions' | 'keys' | 'reports' | 'reportQueries' | 'seal' | 'national'>
  & { migrations: import('../../functions/ports.ts').ReportMigrations };

function stackOrFail(): ReturnType<typeof runningStack> {
  try {
    return runningStack();
  } catch (error) {
    if (error instanceof NoRunningStack) fail(`${error.message}\nOr pass --endpoint and --table.`);
    throw error;
  }
}

/** The commands that only read the running stack's files (no DynamoDB): their output is made to be captured,
 *  as in KEY=$(npm run --silent admin -- demo-key 34.02). */
function localFacts(command: string): boolean {
  if (command === 'local-url') {
    console.log(stackOrFail().apiUrl);
    return true;
  }
  if (command.startsWith('demo-key')) {
    const region = positionals[1] ?? values.region ?? fail('which region? e.g. demo-key 34.02');
    try {
      console.log(demoKey(region));
    } catch (error) {
      if (error instanceof NoRunningStack) fail(error.message);
      throw error;
    }
    return true;
  }
  return false;
}

/** What a new region needs before its first report: a key, an OPD with its head, the agency, PPK and Bawaslu. */
function nextSteps(regionId: string): string {
  const url = values.aws || values.endpoint ? '$NETRA_URL' : stackOrFail().apiUrl;
  const put = (path: string, body: unknown) =>
    `curl -s -X PUT ${url}${path} -H "x-api-key: $KEY" -H 'content-type: application/json' \\\n       -d '${JSON.stringify(body)}'`;
  return `Next:
  1. KEY=$(npm run --silent admin -- key issue --region ${regionId} --json | node -pe 'JSON.parse(require("fs").readFileSync(0)).key')
  2. ${put('/v1/directory/opds/disdik', { name: 'Dinas Pendidikan', head: { name: 'Nama Kepala Dinas', nip: '197501012000031001', email: 'kepala.disdik@pemda.example' } })}
  3. ${put('/v1/directory/contacts', { bkpp: { name: 'BKPSDM', email: 'bkpsdm@pemda.example' }, ppk: { name: 'Nama Bupati', title: 'Bupati', email: 'bupati@pemda.example' }, bawaslu: { name: 'Bawaslu', email: 'bawaslu@bawaslu.example' } })}`;
}

/** The stores of the chosen target, and what else a new region (or a national body's key) needs there. */
async function chooseTarget(): Promise<{ deps: KeyDeps; enableRegion(regionId: string): Promise<unknown>; enableNational(body: string): Promise<unknown> }> {
  if (values.aws) {
    const { connectAws } = await import('./aws-target.ts');
    const aws = await connectAws({
      stackName: values.stack,
      awsRegion: values['aws-region'],
      tableName: values.table,
      usagePlanId: values['usage-plan'],
    });
    return { deps: aws.deps, enableRegion: aws.enableRegion, enableNational: aws.enableNational };
  }
  let endpoint = values.endpoint;
  let table = values.table ?? 'netra';
  if (!endpoint) {
    // The digest's e-mail goes to the running stack's outbox.
    process.env.NETRA_DATA_DIR = dataDirOf();
    const local = stackOrFail();
    endpoint = local.dynamoEndpoint;
    table = local.tableName;
  }
  // The handlers' configuration is read when they load, so it is set first.
  Object.assign(process.env, { NETRA_MODE: 'local', TABLE_NAME: table, DYNAMODB_ENDPOINT: endpoint, POWERTOOLS_LOG_LEVEL: 'SILENT' });
  const { dependencies } = await import('../../functions/composition/root.ts');
  // The migrations are the admin command's own: no function names them, so the root does not build them.
  const { dynamoReportMigrations } = await import('../../functions/adapters/dynamodb/report-migrations.ts');
  const local = dependencies();
  return { deps: { ...local, migrations: dynamoReportMigrations(local.dynamo, table) }, enableRegion: async () => undefined, enableNational: async () => undefined };
}

async function nationalBody() {
  const { isNationalBody, NATIONAL_BODIES } = await import('../../functions/domain/national-bodies.ts');
  const body = need('body');
  if (!isNationalBody(body)) fail(`--body must be one of ${NATIONAL_BODIES.join(', ')}`);
  return body;
}

async function main(): Promise<void> {
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return;
  }
  if (localFacts(positionals.join(' '))) return;
  const { deps, enableRegion, enableNational } = await chooseTarget();
  const keys = await import('../../functions/use-cases/keys.ts');
  const print = (result: unknown, text: string) => console.log(values.json ? JSON.stringify(result) : text);

  switch (positionals.join(' ')) {
    case 'region create': {
      const zone = values['time-zone'];
      const region = await keys.createRegion(deps, { id: need('id'), name: need('name'), agencyName: need('agency'), ...(zone ? { timeZone: zone } : {}) });
      // In AWS, the region's API Gateway usage key gives it its own rate limit (safe to repeat).
      await enableRegion(region.id);
      const { zoneAbbreviation } = await import('../../functions/domain/time-zones.ts');
      print(region, `region ${region.id} (${region.name}, ${region.agencyName}, ${region.timeZone} ${zoneAbbreviation(region.timeZone)}) is ready\n${nextSteps(region.id)}`);
      break;
    }
    case 'key issue': {
      const issued = await keys.issueKey(deps, need('region'));
      print(issued, `key ${issued.keyId} for ${values.region}:\n${issued.key}\nKeep it secret: it is shown only now.`);
      break;
    }
    case 'key rotate': {
      const rotated = await keys.rotateKeys(deps, need('region'));
      print(rotated, `new key ${rotated.keyId} for ${values.region}:\n${rotated.key}\nrevoked: ${rotated.revoked.join(', ') || 'none'}`);
      break;
    }
    case 'key revoke': {
      await keys.revokeKey(deps, need('region'), need('key-id'));
      print({ revoked: values['key-id'] }, `key ${values['key-id']} of ${values.region} is revoked`);
      break;
    }
    case 'key list': {
      const list = await keys.listKeys(deps, need('region'));
      print(list, list.map((k) => `${k.keyId}  created ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : '  active'}`).join('\n') || 'no keys');
      break;
    }
    case 'report verify': {
      const timeline = await import('../../functions/use-cases/timeline.ts');
      if (values.hash) {
        const location = await timeline.locateHash(deps, need('region'), need('id'), values.hash);
        print(location, timeline.locationText(location));
        if (!location.entry?.verifiesUpTo) process.exitCode = 1;
        break;
      }
      const verification = await timeline.verifyReport(deps, need('region'), need('id'));
      print(verification, timeline.verificationText(verification));
      if (!verification.intact) process.exitCode = 1;
      break;
    }
    case 'report migrate': {
      const timeline = await import('../../functions/use-cases/timeline.ts');
      const result = await timeline.migrateRegion(deps, need('region'));
      print(result, `${result.migrated} of ${result.reports} report(s) of ${values.region} got their timeline chain now, ${result.sealed} had their reporter's identity sealed, ${result.listKeysAdded} had their index keys moved off the report item, ${result.personIndexed} were added to their employee's index, ${result.salted} had their timeline salted (personal values committed by salted hash)`);
      break;
    }
    case 'retention run': {
      if (values.aws) fail('in AWS the purge runs daily by its schedule (02:00 WIB, JobRetention); this command is for the local stack');
      const asOf = values['as-of'];
      if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) fail('--as-of must be a date, YYYY-MM-DD');
      const { runRetention } = await import('../../functions/use-cases/retention.ts');
      const full = deps as unknown as import('../../functions/ports.ts').Dependencies;
      const result = await runRetention(full, need('region'), { dryRun: values['dry-run'], ...(asOf ? { asOf: new Date(`${asOf}T00:00:00Z`) } : {}) });
      const verb = result.dryRun ? 'would have their personal data erased (dry run: nothing erased)' : 'had their personal data erased';
      const ceremonies = result.dryRun ? `${result.ceremonies.erased} ceremony(ies) would have their signatures deleted` : `${result.ceremonies.erased} ceremony(ies) had their ${result.ceremonies.signatures} signature(s) deleted (the counts stay)`;
      print(result, `${result.reports.erased} closed report(s) of ${result.regionId} ${verb} as of ${result.asOf.slice(0, 10)}${result.reports.ids.length ? `:\n  ${result.reports.ids.join('\n  ')}` : ''}\n${ceremonies}`);
      break;
    }
    case 'digest send': {
      if (values.aws) fail('in AWS the digest is sent by its schedule (07:00 in each region\'s zone); this command is for the local stack');
      const { sendDailyDigest } = await import('../../functions/use-cases/digest.ts');
      const full = deps as unknown as import('../../functions/ports.ts').Dependencies;
      const result = await sendDailyDigest(full, need('region'), values.date);
      print(result, result.sent
        ? `digest of ${values.region} for ${result.date} sent: ${result.received} received, ${result.overdue} newly overdue (see /local/outbox)`
        : `no digest of ${values.region} for ${result.date}: ${result.reason}`);
      break;
    }
    case 'national key issue':
    case 'national key rotate': {
      const body = await nationalBody();
      const issued = positionals[2] === 'issue' ? await keys.issueKey(deps, { body }) : await keys.rotateKeys(deps, { body });
      // In AWS, the body's API Gateway usage key puts it in the national bodies' usage plan (safe to repeat).
      await enableNational(body);
      const revoked = 'revoked' in issued ? `\nrevoked: ${(issued.revoked as string[]).join(', ') || 'none'}` : '';
      print(issued, `key ${issued.keyId} for ${body} (calls only /v1/national/...):\n${issued.key}\nKeep it secret: it is shown only now.${revoked}`);
      break;
    }
    case 'national key revoke': {
      const body = await nationalBody();
      await keys.revokeKey(deps, { body }, need('key-id'));
      print({ revoked: values['key-id'] }, `key ${values['key-id']} of ${body} is revoked`);
      break;
    }
    case 'national key list': {
      const list = await keys.listKeys(deps, { body: await nationalBody() });
      print(list, list.map((k) => `${k.keyId}  created ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : '  active'}`).join('\n') || 'no keys');
      break;
    }
    case 'national contact set': {
      const body = await nationalBody();
      const { NationalContact } = await import('../../functions/domain/national.schema.ts');
      const z = await import('zod/mini');
      const parsed = z.safeParse(NationalContact, { name: need('name'), email: need('email') });
      if (!parsed.success) fail(`invalid contact: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      await deps.national.putContact(body, parsed.data, deps.clock.now().toISOString());
      print({ body, ...parsed.data }, `${body}'s contact is ${parsed.data.name} <${parsed.data.email}>`);
      break;
    }
    case 'national digest send': {
      if (values.aws) fail('in AWS the weekly digest is sent by its schedule (Mondays 07:00 WIB); this command is for the local stack');
      const { sendNationalDigests } = await import('../../functions/use-cases/national-notices.ts');
      const full = deps as unknown as import('../../functions/ports.ts').Dependencies;
      const results = await sendNationalDigests(full, { force: true });
      print(results, Object.entries(results).map(([body, result]) => `${body}: ${result}`).join('\n') + '\n(see /local/outbox)');
      break;
    }
    default:
      fail(`unknown command: ${positionals.join(' ')}`);
  }
}

main().catch((error: Error & { errors?: { path: string; message: string }[] }) => {
  const detail = error.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
  console.error(`admin: ${error.message}${detail ? ` (${detail})` : ''}`);
  process.exit(1);
});
