// The one zod error map: every validation message a 400 carries is Indonesian and English, never a library default.
import * as z from 'zod/mini';
import { joined, message, type Message } from './messages.ts';

const TYPES: Record<string, Message> = {
  string: message('teks', 'text'),
  number: message('angka', 'a number'),
  int: message('bilangan bulat', 'a whole number'),
  boolean: message('true atau false', 'true or false'),
  array: message('daftar', 'a list'),
  object: message('objek', 'an object'),
  date: message('tanggal', 'a date'),
};

function typeName(expected: string): Message {
  return TYPES[expected] ?? message(expected, expected);
}

function bound(n: number | bigint, origin: string): Message {
  if (origin === 'string') return message(`${n} karakter`, `${n} characters`);
  if (origin === 'array' || origin === 'set') return message(`${n} butir`, `${n} items`);
  return message(String(n), String(n));
}

/** A bilingual message for one zod issue (schemas that carry their own message keep it). */
export function issueMessage(issue: z.core.$ZodRawIssue): Message {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return message('wajib diisi', 'required');
      const want = typeName(issue.expected);
      return message(`harus berupa ${want.id}`, `must be ${want.en}`);
    }
    case 'too_small': {
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return message('wajib diisi', 'required');
      const b = bound(issue.minimum, issue.origin);
      return message(`paling sedikit ${b.id}`, `at least ${b.en}`);
    }
    case 'too_big': {
      const b = bound(issue.maximum, issue.origin);
      return message(`paling banyak ${b.id}`, `at most ${b.en}`);
    }
    case 'invalid_value': {
      const values = issue.values.map(String).join(', ');
      return message(`pilih salah satu: ${values}`, `choose one of: ${values}`);
    }
    case 'invalid_format':
      return message(`format tidak valid (${issue.format})`, `invalid format (${issue.format})`);
    case 'unrecognized_keys': {
      const keys = issue.keys.join(', ');
      return message(`kolom tidak dikenal: ${keys}`, `unknown field(s): ${keys}`);
    }
    case 'invalid_union':
      return message('bentuk isian tidak sesuai', 'does not match any allowed shape');
    case 'invalid_key':
    case 'invalid_element':
      return message('isi tidak valid', 'invalid entry');
    case 'not_multiple_of':
      return message(`harus kelipatan ${issue.divisor}`, `must be a multiple of ${issue.divisor}`);
    default:
      return message('isian tidak valid', 'invalid value');
  }
}

z.config({ customError: (issue) => joined(issueMessage(issue)) });
