// The import-graph rules of the layering (docs/conventions.md, "Layers"). `npm run lint:deps` checks them;
// `npm test` and the lint step run it. Type-only imports count: a type from storage code is still a
// dependency of the contract on storage.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'shared/domain is pure: it knows neither storage (shared/repos, shared/aws), HTTP (shared/http) nor the use cases.',
      severity: 'error',
      from: { path: '^shared/domain/' },
      to: { path: '^shared/(repos|aws|http|use-cases)/' },
    },
    {
      name: 'web-not-to-storage',
      comment:
        'The web UI takes its types from the contract (shared/http/routes) and the domain, never from storage, not even through another module.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^shared/(repos|aws)/', reachable: true },
    },
    {
      name: 'contract-not-to-storage',
      comment:
        'The API contract (the route table and its schemas) is built from domain entities, not storage records.',
      severity: 'error',
      from: { path: '^shared/http/routes' },
      to: { path: '^shared/(repos|aws)/' },
    },
    {
      name: 'use-cases-not-to-http',
      comment:
        'A use case takes (actor, input, ctx) and throws domain errors; headers and statuses belong to the binding.',
      severity: 'error',
      from: { path: '^shared/use-cases/' },
      to: { path: '^shared/http/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|cdk.out|web/dist|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
