// Reporter identities sealed with the stack's KMS key, for the functions that seal (intake) or unseal them.
import type { IdentitySeal } from '#ports';
import { envelopeSeal } from '#adapters/seal/envelope';
import { kmsDataKeys } from '#adapters/seal/kms-keys';
import { required, type Config } from '../config.ts';

export function kmsSeal(cfg: Config): IdentitySeal {
  const { reporterKeyArn, region } = required(cfg, 'reporterKeyArn', 'region');
  return envelopeSeal(kmsDataKeys(reporterKeyArn, { region }));
}
