// What the bot says when a group is asking it the same thing again and again, or more than a
// group should be answered in a minute. Each says plainly what happened; none carries anything
// a person shared.

/** Put before an answer sent to the asker alone, because the group saw the same answer a moment ago. */
export const ANSWERED_IN_GROUP_JUST_NOW = 'I answered this in the group a moment ago, so here it is again just for you:';

/** Put before an answer sent to the asker alone, because the group has had many answers this minute. */
export const GROUP_BUSY_ANSWERED_HERE = 'The group has had a lot of answers from me in the last minute, so I am answering you here instead:';

/** Posted in a group once a minute at most, instead of answers the group has no room for and nobody can get privately. */
export const GROUP_BUSY_NOTE = [
  'I have answered a lot here in the last minute, so I am pausing my answers in this group for a moment.',
  'Ask me again in a minute, or in a private chat with me, where I answer right away.',
].join('\n');

/** A held answer, as the asker alone reads it: what happened, then the answer itself. */
export function answeredPrivately(why: 'repeat' | 'busy', text: string): string {
  return `${why === 'repeat' ? ANSWERED_IN_GROUP_JUST_NOW : GROUP_BUSY_ANSWERED_HERE}\n\n${text}`;
}
