// Keeps a bundle's source map to netra's own code. Lambda runs with --enable-source-maps, and Node reads and
// indexes the whole map whenever a bundle loads: for a netra function that is ~1 MB, almost all of it for the
// AWS SDK and the libraries, read at every cold start (~7 ms of it; README, Performance). Frames in node_modules
// then show bundle positions; netra's own frames still map to their source lines.
// `node infra/constructs/own-source-map.ts <index.mjs.map>` rewrites the file; NetraFunction runs it after bundling.
import { readFileSync, writeFileSync } from 'node:fs';

export interface SourceMapV3 {
  version: 3;
  file?: string;
  sourceRoot?: string;
  sources: string[];
  sourcesContent?: (string | null)[];
  names: string[];
  mappings: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, i) => [char, i]));

/** One segment's fields (base64 VLQ: 5 bits a digit, continuation bit 32, sign in the lowest bit). */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char)!;
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
    } else {
      fields.push(value % 2 ? -Math.floor(value / 2) : value / 2);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

function encodeValue(value: number): string {
  let rest = value < 0 ? -value * 2 + 1 : value * 2;
  let out = '';
  do {
    let digit = rest % 32;
    rest = Math.floor(rest / 32);
    if (rest > 0) digit |= 32;
    out += BASE64[digit];
  } while (rest > 0);
  return out;
}

/** The map with only the mappings into sources `isOwn` accepts; every other generated range becomes unmapped
 *  (not attributed to the code before it), and sources and names nothing maps to any more are dropped. */
export function ownSourceMap(map: SourceMapV3, isOwn = (source: string) => !source.includes('node_modules/')): SourceMapV3 {
  const sources: string[] = [];
  const names: string[] = [];
  const sourceIndex = new Map<number, number>();
  const nameIndex = new Map<number, number>();
  const keep = (index: Map<number, number>, list: string[], from: string[], i: number) => {
    if (!index.has(i)) index.set(i, list.push(from[i]!) - 1);
    return index.get(i)!;
  };
  // Source, line, column and name are deltas across the whole map; the generated column restarts every line.
  const read = { source: 0, line: 0, column: 0, name: 0 };
  const written = { source: 0, line: 0, column: 0, name: 0 };
  const lines = map.mappings.split(';').map((text) => {
    let column = 0;
    let writtenColumn = 0;
    let unmapped = false;
    const out: string[] = [];
    for (const segment of text ? text.split(',') : []) {
      const fields = decodeSegment(segment);
      column += fields[0]!;
      if (fields.length >= 4) {
        read.source += fields[1]!;
        read.line += fields[2]!;
        read.column += fields[3]!;
        if (fields.length >= 5) read.name += fields[4]!;
      }
      if (fields.length >= 4 && isOwn(map.sources[read.source]!)) {
        const source = keep(sourceIndex, sources, map.sources, read.source);
        const values = [column - writtenColumn, source - written.source, read.line - written.line, read.column - written.column];
        if (fields.length >= 5) {
          const name = keep(nameIndex, names, map.names, read.name);
          values.push(name - written.name);
          written.name = name;
        }
        Object.assign(written, { source, line: read.line, column: read.column });
        writtenColumn = column;
        out.push(values.map(encodeValue).join(''));
        unmapped = false;
      } else if (!unmapped) {
        out.push(encodeValue(column - writtenColumn));
        writtenColumn = column;
        unmapped = true;
      }
    }
    return out.join(',');
  });
  return {
    version: 3,
    ...(map.file !== undefined ? { file: map.file } : {}),
    ...(map.sourceRoot !== undefined ? { sourceRoot: map.sourceRoot } : {}),
    sources,
    ...(map.sourcesContent ? { sourcesContent: [...sourceIndex.keys()].map((i) => map.sourcesContent![i] ?? null) } : {}),
    names,
    mappings: lines.join(';'),
  };
}

if (process.argv[1] === import.meta.filename) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: own-source-map.ts <source map file>');
  writeFileSync(file, JSON.stringify(ownSourceMap(JSON.parse(readFileSync(file, 'utf8')))));
}
