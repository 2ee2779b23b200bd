// The engine check .npmrc keeps quiet at install (npm makes it against the Node driving npm), made here against
// the Node that runs netra: the project's own, from the `node` package.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/netra-function.ts';

// semver as aws-cdk-lib bundles it: no extra dependency for one check.
const semver = createRequire(createRequire(import.meta.url).resolve('aws-cdk-lib/package.json'))('semver') as {
  satisfies(version: string, range: string, options?: { includePrerelease: boolean }): boolean;
};
const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string }; dev?: boolean }>;
};

describe('engines', () => {
  it('runs on the Node the lock installs (node@24), and the tests run on it', () => {
    const node = lock.packages['node_modules/node']!.version!;
    expect(node.split('.')[0]).toBe('24');
    expect(process.version).toBe(`v${node}`);
  });

  it('every installed package admits that Node, so the warnings npm prints on an older system Node are about a Node that never runs them', () => {
    const refused = Object.entries(lock.packages)
      .filter(([, entry]) => entry.engines?.node && !semver.satisfies(process.version, entry.engines.node, { includePrerelease: true }))
      .map(([path, entry]) => `${path || 'netra'}: node ${entry.engines!.node}`);
    expect(refused).toEqual([]);
    // The check above would see a refusal: an engines range Node 24 does not meet.
    expect(semver.satisfies(process.version, '>=26', { includePrerelease: true })).toBe(false);
  });

  it('the project itself asks for the Node it runs on', () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=24');
    expect(lock.packages['']!.engines?.node).toBe('>=24');
  });
});
