// The local stack's dependencies as the admin command has them: with the report migrations, which the composition
// root does not build (no function names them; infra/admin/cli.ts builds them itself).
import { dependencies, type RuntimeDependencies } from '../../functions/composition/root.ts';
import { dynamoReportMigrations } from '../../functions/adapters/dynamodb/report-migrations.ts';
import { config } from '../../functions/lib/config.ts';
import type { ReportMigrations } from '../../functions/ports.ts';

export function adminDependencies(): RuntimeDependencies & { migrations: ReportMigrations } {
  const deps = dependencies();
  return { ...deps, migrations: dynamoReportMigrations(deps.dynamo, config().tableName) };
}
