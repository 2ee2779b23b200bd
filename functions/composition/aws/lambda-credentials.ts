// The SDK's default credential provider as a Lambda function needs it: the execution role's credentials, which
// Lambda puts in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), the first link
// of the SDK's own chain and the one that always answers there. NetraFunction aliases
// @aws-sdk/credential-provider-node to this module in every bundle, so no function carries the rest of the chain
// (SSO, shared INI files, credential processes, web identity, login, ECS and EC2 metadata, and the STS, SSO and
// sign-in clients they use). Unbundled code (npm start, the tests, the admin command) keeps the SDK's full chain.
import { fromEnv } from '@aws-sdk/credential-provider-env';

type Init = Parameters<typeof fromEnv>[0];

export const defaultProvider = (init?: Init) => fromEnv(init);
