// `npm run workflow:generate`: writes workflows/sanction.asl.json from its template (the file CDK deploys and the local runner runs).
import { writeFileSync } from 'node:fs';
import { sanctionDefinitionText } from './sanction.template.ts';

writeFileSync(new URL('./sanction.asl.json', import.meta.url), sanctionDefinitionText());
