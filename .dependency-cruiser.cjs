// netra's layer rules, checked by `npm run layers` and by test/infra/layers.test.ts (which runs the same cruise).
// Dependencies point inward: domain and support (utilities: retry, faults, time budget) ← use cases ← adapters and
// views ← lib (the HTTP and step chains, configuration) ← composition (the root: which adapters a function gets) ←
// handlers (http/, steps/, scheduled/, subscribers/) ← infra. No import runs back up.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle, type-only imports included, makes two modules one: cut it or merge them. A cycle through an import() made ' +
        'at run time is no load-time knot (the OpenAPI endpoint, listed in the route table, reads that table on its first request).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['dynamic-import'] } },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'Rules and schemas import nothing of ours but the domain, and no AWS, Powertools or middy.',
      from: { path: '^functions/domain/' },
      to: { pathNot: ['^functions/domain/', '^node_modules/zod/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'use-cases-reach-ports-only',
      severity: 'error',
      comment: 'Use cases see the domain and the ports; adapters, views, handlers and the SDK come in through Dependencies.',
      from: { path: '^functions/use-cases/' },
      to: { path: ['^functions/(adapters|views|http|steps|scheduled|subscribers|lib|composition)/', '^node_modules/(@aws-sdk|@smithy|@aws-lambda-powertools|@middy)/', '^infra/'] },
    },
    {
      name: 'views-are-pure',
      severity: 'error',
      comment: 'Pages and e-mails are built from the domain alone: no store, no SDK, no handler.',
      from: { path: '^functions/views/' },
      to: { path: ['^functions/(adapters|lib|composition|use-cases|http|steps|scheduled|subscribers)/', '^node_modules/(@aws-sdk|@smithy|@aws-lambda-powertools|@middy)/', '^infra/'] },
    },
    {
      name: 'adapters-below-the-root',
      severity: 'error',
      comment: 'Adapters implement ports with the domain and support/ alone; they never reach up into the chains, the ' +
        'composition root that builds them, handlers or use cases.',
      from: { path: '^functions/adapters/' },
      to: { path: ['^functions/(lib|composition|http|steps|scheduled|subscribers|use-cases|views)/', '^infra/'] },
    },
    {
      name: 'support-is-the-floor',
      severity: 'error',
      comment: 'The utilities every layer may use (retry, faults, the time budget) import the domain at most.',
      from: { path: '^functions/support/' },
      to: { path: ['^functions/(adapters|lib|composition|http|steps|scheduled|subscribers|use-cases|views)/', '^functions/ports\\.ts$', '^infra/'] },
    },
    {
      name: 'chains-below-the-root',
      severity: 'error',
      comment: 'The HTTP and step chains and the configuration are what the composition root and handlers build on, never the reverse.',
      from: { path: '^functions/lib/' },
      to: { path: '^functions/(composition|http|steps|scheduled|subscribers)/' },
    },
    {
      name: 'functions-no-dev-dependencies',
      severity: 'error',
      comment: 'What Lambda runs is bundled from dependencies only; a dev dependency in functions/ would be missing or bloated in a bundle. The local-only adapters (built by composition/local.ts, never bundled) are the exception.',
      from: { path: '^functions/', pathNot: '^functions/adapters/(local-workflow|outbox)/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'local-adapters-stay-local',
      severity: 'error',
      comment: 'Only composition/local.ts builds the local runner and outbox (handlers, steps, lib and the rest of the root reach ' +
        'them as types): in a Lambda bundle `#composition/local` is local-in-lambda.ts, so no bundle carries them.',
      from: { path: '^functions/(http|steps|scheduled|subscribers|lib|composition|support|use-cases|views|domain)/', pathNot: '^functions/composition/local\\.ts$' },
      to: { path: '^functions/adapters/(local-workflow|outbox)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'local-mode-through-the-root',
      severity: 'error',
      comment: 'The composition root alone chooses AWS or local adapters: nothing else imports local mode\'s module.',
      from: { path: '^functions/', pathNot: '^functions/composition/root\\.ts$' },
      to: { path: '^functions/composition/local(-in-lambda)?\\.ts$' },
    },
    {
      name: 'migrations-stay-in-the-admin-command',
      comment: 'Bringing older reports up to date is the admin command\'s (`report migrate`, and npm start on a table kept from an ' +
        'earlier version): no function names the migrations, so no Lambda bundle carries them and no grant covers them.',
      severity: 'error',
      from: { path: '^(functions|infra)/', pathNot: '^infra/(admin/(cli|aws-target)|local/start)\\.ts$' },
      to: { path: '^functions/adapters/dynamodb/report-migrations\\.ts$' },
    },
    {
      name: 'route-table-outside-functions',
      severity: 'error',
      comment: 'The route table imports every endpoint: a Lambda bundle starts at its own endpoint module and never reaches the ' +
        'table, or it would carry every route\'s schemas and handler (the OpenAPI endpoint reads it only unbundled, at run time).',
      from: { path: '^functions/' },
      to: { path: '^functions/http/routes\\.ts$', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'functions-not-to-infra',
      severity: 'error',
      comment: 'The Lambda code never imports the stack, the local stand-ins or the admin command.',
      from: { path: '^functions/' },
      to: { path: '^infra/' },
    },
    {
      name: 'production-not-to-tests',
      severity: 'error',
      comment: 'Production code never imports test code or test data.',
      from: { path: '^(functions|infra|clients)/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type-level cycle is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
    exclude: { path: ['^cdk\.out/', '^\.netra/', '^bench/tmp/', '^clients/typescript/dist/'] },
  },
};
