// `npm run admin -- ...`: create regions and issue, rotate, revoke and list their API keys,
// against the running local stack or, with --aws, the deployed table.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `usage: npm run admin -- <command> [flags]

commands:
  region create --id 34.02 --name "Kabupaten Bantul" --agency BKPSDM [--time-zone Asia/Jakarta]
                                       the zone defaults to the province's (WIB, WITA or WIT)
  key issue  --region 34.02            issue a new key (printed once; only its hash is stored)
  key rotate --region 34.02            issue a new key and revoke every older one
  key revoke --region 34.02 --key-id ABCD1234
  key list   --region 34.02
  report verify  --region 34.02 --id 01K...   recompute the report's timeline hash chain; names the first
                                              entry that does not match (exit 1 then)
  report migrate --region 34.02               bring older reports up to date: the timeline chain of every report
                                              that has none yet, the list keys of every report stored before them
  digest send --region 34.02 [--date 2024-10-02]   send that day's Bawaslu digest now (local stack; default: today)

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
    date: { type: 'string' },
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

type KeyDeps = Pick<import('../../functions/ports.ts').Dependencies, 'clock' | 'regions' | 'keys' | 'reports'>;

/** The stores of the chosen target, and what else a new region needs there. */
async function chooseTarget(): Promise<{ deps: KeyDeps; enableRegion(regionId: string): Promise<unknown> }> {
  if (values.aws) {
    const { connectAws } = await import('./aws-target.ts');
    const aws = await connectAws({
      stackName: values.stack,
      awsRegion: values['aws-region'],
      tableName: values.table,
      usagePlanId: values['usage-plan'],
    });
    return { deps: aws.deps, enableRegion: aws.enableRegion };
  }
  let endpoint = values.endpoint;
  let table = values.table ?? 'netra';
  if (!endpoint) {
    const dataDir = resolve(process.env.NETRA_DATA_DIR ?? '.netra');
    // The digest's e-mail goes to the running stack's outbox.
    process.env.NETRA_DATA_DIR = dataDir;
    const file = join(dataDir, 'local.json');
    if (!existsSync(file)) fail('The local stack is not running: start it with `npm start` (or pass --endpoint and --table).');
    const local = JSON.parse(readFileSync(file, 'utf8')) as { dynamoEndpoint: string; tableName: string };
    endpoint = local.dynamoEndpoint;
    table = local.tableName;
  }
  // The handlers' configuration is read when they load, so it is set first.
  Object.assign(process.env, { NETRA_MODE: 'local', TABLE_NAME: table, DYNAMODB_ENDPOINT: endpoint, POWERTOOLS_LOG_LEVEL: 'SILENT' });
  await import('../local/adapters.ts');
  const { dependencies } = await import('../../functions/composition/root.ts');
  return { deps: dependencies(), enableRegion: async () => undefined };
}

async function main(): Promise<void> {
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return;
  }
  const { deps, enableRegion } = await chooseTarget();
  const keys = await import('../../functions/use-cases/keys.ts');
  const print = (result: unknown, text: string) => console.log(values.json ? JSON.stringify(result) : text);

  switch (positionals.join(' ')) {
    case 'region create': {
      const zone = values['time-zone'];
      const region = await keys.createRegion(deps, { id: need('id'), name: need('name'), agencyName: need('agency'), ...(zone ? { timeZone: zone } : {}) });
      // In AWS, the region's API Gateway usage key gives it its own rate limit (safe to repeat).
      await enableRegion(region.id);
      const { zoneAbbreviation } = await import('../../functions/domain/time-zones.ts');
      print(region, `region ${region.id} (${region.name}, ${region.agencyName}, ${region.timeZone} ${zoneAbbreviation(region.timeZone)}) is ready`);
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
      const verification = await timeline.verifyReport(deps, need('region'), need('id'));
      print(verification, timeline.verificationText(verification));
      if (!verification.intact) process.exitCode = 1;
      break;
    }
    case 'report migrate': {
      const timeline = await import('../../functions/use-cases/timeline.ts');
      const result = await timeline.migrateRegion(deps, need('region'));
      print(result, `${result.migrated} of ${result.reports} report(s) of ${values.region} got their timeline chain now, ${result.listKeysAdded} had their index keys moved off the report item`);
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
    default:
      fail(`unknown command: ${positionals.join(' ')}`);
  }
}

main().catch((error: Error & { errors?: { path: string; message: string }[] }) => {
  const detail = error.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
  console.error(`admin: ${error.message}${detail ? ` (${detail})` : ''}`);
  process.exit(1);
});
