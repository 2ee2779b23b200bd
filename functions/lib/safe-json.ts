// JSON parsing for untrusted bodies: rejects prototype-pollution keys and deep nesting, naming the path.
import { bilingual } from '#domain/messages';
import { InputError } from '#domain/errors';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_DEPTH = 8;

export function parseUntrustedJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError([{ path: '', message: bilingual('JSON tidak valid', `malformed JSON: ${(error as Error).message}`) }]);
  }
  inspect(value, [], 0);
  return value;
}

function inspect(value: unknown, path: (string | number)[], depth: number): void {
  if (typeof value !== 'object' || value === null) return;
  if (depth >= MAX_DEPTH) {
    throw new InputError([{ path: path.join('.'), message: bilingual(`terlalu dalam (maksimal ${MAX_DEPTH} tingkat)`, `nested too deeply (at most ${MAX_DEPTH} levels)`) }]);
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => inspect(item, [...path, index], depth + 1));
    return;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      throw new InputError([{ path: [...path, key].join('.'), message: bilingual('nama kunci tidak diizinkan', 'key not allowed') }]);
    }
    inspect((value as Record<string, unknown>)[key], [...path, key], depth + 1);
  }
}
