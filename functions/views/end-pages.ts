// The pages that end a decision link's use: the words of end-stories.ts as a page.
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { LinkEnd } from '#domain/errors';
import { endStory } from './end-stories.ts';
import { messagePage } from './html.ts';

/** The page of a link that no longer opens a form, with the status its reason answers. */
export function endPage(status: number, end: LinkEnd): APIGatewayProxyResult {
  const story = endStory(end);
  return messagePage(status, story.title, story.text, story.next);
}
