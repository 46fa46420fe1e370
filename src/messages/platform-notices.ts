// What the bot says about the conversation itself, on any platform. Nothing here carries
// anything a person shared.

/** Posted in a group instead of a private answer, when the person never opened a private chat with the bot. */
export const OPEN_PRIVATE_CHAT = 'Please open a private chat with me first (tap my name, then Start), so I can answer you privately.';

export const ADDED_TO_GROUP = [
  'Hello! I am Steadfast, a companion for accountability in recovery.',
  'A group admin can make this an accountability group with /group setup 20:00, and members opt in with /group join.',
  'Check-ins stay private: nothing anyone shares with me is ever posted here.',
].join('\n');

export const ANONYMOUS_SENDER = 'I can only answer people, not anonymous admins or channels. Please send that as yourself.';

export const ONLY_TEXT = 'I can only read text messages. Send /help to see what I can do.';

export const SOMETHING_WENT_WRONG = 'Sorry, something went wrong on my side. Please try again in a moment.';

export const TOO_FAST = 'That is a lot of messages at once. Please wait a few seconds; nothing was changed.';

export const WAS_UNREACHABLE = 'I could not reach you by direct message earlier, so some reminders or alerts did not arrive. I will try again from now on; if your direct messages are closed, please open them for me.';
