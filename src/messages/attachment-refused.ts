// Said when a platform would not take a picture or file the bot meant to send: the words go
// without it. Nothing here carries anything a person shared.

import type { Attachment } from '../ports/reply.js';

/** The short note put above the text of a message whose picture or file could not be sent. */
export function attachmentRefusedNote(kind: Attachment['kind'], hasText: boolean): string {
  const what = kind === 'image' ? 'The picture' : 'The file';
  return hasText ? `${what} could not be sent here; the text is below.` : `${what} could not be sent here.`;
}
