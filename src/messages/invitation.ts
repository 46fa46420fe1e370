/**
 * The message a person forwards to the one they invite. It stands on its own (the reader may
 * never have heard of the bot) and says nothing about why the sender is here: its first lines
 * may show on the reader's lock screen, and the sender may not have told them everything.
 */
export function forwardableInvitation(o: { from: string; relation: 'sponsor' | 'partner' | 'coach'; code: string; link: string | null }): string {
  const asWhat = o.relation === 'partner' ? 'to link with them on Steadfast, as their partner' : `to be their ${o.relation} on Steadfast`;
  const lines = [`${o.from} invites you ${asWhat}.`, ''];
  if (o.link) lines.push(`Tap to accept: ${o.link}`, '', 'Or, by hand:');
  else lines.push('To accept:');
  lines.push(
    `1. Open a private chat with the Steadfast bot ${o.from} uses (ask them where to find it, on Telegram or Discord).`,
    '2. Send it this line:',
    `/accept ${o.code}`,
    '',
    `The invitation works once, within 24 hours. ${o.relation === 'partner'
      ? 'You decide what, if anything, you receive'
      : 'You see only what they choose to share with you'}, and either of you can end the link at any time.`,
  );
  return lines.join('\n');
}
