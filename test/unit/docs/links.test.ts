// Every relative link in README.md and docs/ resolves inside the repository, and every #anchor names a heading.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** The text outside fenced code blocks, where a line starting with `#` is a heading. */
const outsideFences = (markdown: string) => markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
/** ... and outside inline code, where a `[x](y)` is a link. */
const prose = (markdown: string) => outsideFences(markdown).replace(/`[^`\n]*`/g, '');

/** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of outsideFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = heading!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*`]/g, '');
    const slug = text.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count ? `${slug}-${count}` : slug);
  }
  return anchors;
}

function linksOf(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]!);
}

const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];
const external = /^(https?:|mailto:)/;

describe('links in README.md and docs/', () => {
  it('finds the documents', () => {
    expect(files.map((file) => relative(root, file))).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md']));
  });

  it.each(files.map((file) => [relative(root, file), file]))('%s: every relative link resolves', (_name, file) => {
    const broken: string[] = [];
    for (const link of linksOf(readFileSync(file, 'utf8'))) {
      if (external.test(link)) continue;
      const [path = '', anchor] = link.split('#');
      const target = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
      if (relative(root, target).startsWith('..')) broken.push(`${link}: outside the repository`);
      else if (!existsSync(target)) broken.push(`${link}: no such file`);
      else if (anchor !== undefined) {
        if (statSync(target).isDirectory() || !target.endsWith('.md')) broken.push(`${link}: an anchor into a file that is not markdown`);
        else if (!anchorsOf(readFileSync(target, 'utf8')).has(anchor)) broken.push(`${link}: no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('anchorsOf', () => {
  it('spells anchors as GitHub does, outside code blocks only', () => {
    const anchors = anchorsOf("# The signature writer's lease\n## A database outage: 503 within `x`\n```sh\n# not a heading\n```\n## Tests\n## Tests\n");
    expect([...anchors]).toEqual(['the-signature-writers-lease', 'a-database-outage-503-within-x', 'tests', 'tests-1']);
  });
});

describe('docs/adr/README.md', () => {
  it('lists every decision record in docs/adr/, each under its own number', () => {
    const index = readFileSync(join(root, 'docs/adr/README.md'), 'utf8');
    const records = readdirSync(join(root, 'docs/adr')).filter((name) => /^\d{4}-.+\.md$/.test(name));
    expect(records.length).toBeGreaterThan(0);
    expect(records.filter((name) => !index.includes(`](${name})`))).toEqual([]);
    const numbers = records.map((name) => name.slice(0, 4));
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

