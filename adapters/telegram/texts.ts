// What the Telegram adapter itself says. It never carries anything a person shared.

/** Posted in a group instead of a private answer, when the person never opened a chat with the bot. */
export const OPEN_PRIVATE_CHAT = 'Please open a private chat with me first (tap my name, then Start), so I can answer you privately.';

export const ADDED_TO_GROUP = [
  'Hello! I am Steadfast, a companion for accountability in recovery.',
  'A group admin can make this an accountability group with /group setup 20:00, and members opt in with /group join.',
  'Check-ins stay private: nothing anyone shares with me is ever posted here.',
].join('\n');

export const ANONYMOUS_SENDER = 'I can only answer people, not anonymous admins or channels. Please send that as yourself.';

export const ONLY_TEXT = 'I can only read text messages. Send /help to see what I can do.';

export const SOMETHING_WENT_WRONG = 'Sorry, something went wrong on my side. Please try again in a moment.';
