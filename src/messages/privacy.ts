/** Shown at /start, before anything is asked. Plain words about what is kept and who sees it. */
export const PRIVACY_NOTICE = [
  'Welcome to Steadfast. This is a private space for the work you came for: your recovery, your own healing, or walking beside someone.',
  '',
  'What I keep: your check-ins (answers, mood, healing work, private notes), your counters, goals, boundaries and circles.',
  'Who sees it: only you. Nothing is shared with anyone unless you link a supporter and choose exactly what they receive.',
  'Your rights: /export gives you everything I store about you; /delete erases all of it.',
  'I am not a therapist or an emergency service. If you are in danger, call your local emergency number.',
].join('\n');
