// The one shape of a message a person reads, {id, en}, and the one way it becomes an API string.
import type { FieldError } from './errors.ts';

/** Indonesian first, English beside it: how netra says anything to a person. */
export interface Message {
  id: string;
  en: string;
}

export function message(id: string, en: string): Message {
  return { id, en };
}

/** The `message` / `detail` string of problem+json and of timeline notes: `Indonesian / English`. */
export function joined(text: Message): string {
  return text.id === text.en ? text.id : `${text.id} / ${text.en}`;
}

/** A message written in place (a schema's own message): the same `Indonesian / English` string as joined(). */
export function bilingual(id: string, en: string): string {
  return joined({ id, en });
}

/** One failing field as problem+json's `errors[]` carries it. */
export function fieldError(path: string, text: Message): FieldError {
  return { path, message: joined(text) };
}

/** A label that names the workflow step "BKPP" in the words of the region, whose agency may be BKPSDM or BKD. */
export function inRegion(text: Message, agency: string): Message {
  const swap = (s: string) => s.replace(/\bBKPP\b/g, agency);
  return { id: swap(text.id), en: swap(text.en) };
}
