// The errors of the pages for people (decision links) as pages: the same problem as problem+json, shown in
// Indonesian and English; a link that cannot be used gets its own end page.
import type { APIGatewayProxyResult } from 'aws-lambda';
import { DecisionLinkError } from '#domain/errors';
import { message, type Message } from '#domain/messages';
import { endPage } from '#views/end-pages';
import { messagePage } from '#views/html';
import { problemOf } from './problem-of.ts';
import type { Problem } from './problem.ts';

const PAGE_TITLES: Record<number, Message> = {
  400: message('Isian tidak valid', 'Invalid input'),
  404: message('Tidak ditemukan', 'Not found'),
  413: message('Isian terlalu besar', 'Too large'),
  415: message('Format tidak didukung', 'Unsupported format'),
  503: message('Layanan sedang tidak tersedia', 'Service unavailable'),
};
const SOMETHING_WENT_WRONG = message('Terjadi kesalahan', 'Something went wrong');
const OPEN_AGAIN_LATER = message('Coba buka lagi tautan ini beberapa saat lagi', 'Open this link again in a little while');

/** A problem as a page; a 503 keeps its Retry-After and says when to try the link again. */
export function problemPage({ status, detail, headers }: Problem): APIGatewayProxyResult {
  const page = messagePage(status, PAGE_TITLES[status] ?? SOMETHING_WENT_WRONG, detail, status === 503 ? OPEN_AGAIN_LATER : undefined);
  const retryAfter = headers?.['retry-after'];
  return retryAfter ? { ...page, headers: { ...page.headers, 'retry-after': retryAfter } } : page;
}

/** The error as a page for people. */
export function toHtmlProblem(error: unknown): APIGatewayProxyResult {
  if (error instanceof DecisionLinkError) return endPage(error.status, error.end);
  return problemPage(problemOf(error));
}
