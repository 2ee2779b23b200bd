// Reporter identities sealed with the stack's KMS key, for the functions that seal (intake) or unseal them: a
// function names which it does, and is granted that alone (kms:GenerateDataKey to seal, kms:Decrypt to open).
import type { IdentitySeal } from '#ports';
import { envelopeSeal } from '#adapters/seal/envelope';
import { kmsDataKeys } from '#adapters/seal/kms-keys';
import { required } from '#lib/config';
import { granting, type Factory } from '../types.ts';

export function kmsSeal(use: 'seal' | 'unseal'): Factory<IdentitySeal> {
  return granting([use === 'seal' ? 'sealReporter' : 'unsealReporter'], (cfg) => {
    const { reporterKeyArn, region } = required(cfg, 'reporterKeyArn', 'region');
    return envelopeSeal(kmsDataKeys(reporterKeyArn, { region }));
  });
}
