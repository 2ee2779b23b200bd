// Decision links signed with the key in Secrets Manager, for the functions that make or check links.
import type { DecisionLinks } from '#ports';
import { secretsManagerLinkSecret } from '#adapters/secrets/link-secret';
import { required } from '#lib/config';
import { granting } from '../types.ts';

export const linkSecret = granting(['linkSecret'], (cfg): DecisionLinks => {
  const { baseUrl, linkSecretArn } = required(cfg, 'baseUrl', 'linkSecretArn');
  return { baseUrl, secret: secretsManagerLinkSecret(linkSecretArn) };
});
