import {
  ComponentType, InteractionContextType, MessageFlags, PermissionFlagsBits,
  type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction,
  type InteractionEditReplyOptions, type ModalSubmitInteraction, type StringSelectMenuInteraction,
} from 'discord.js';
import type { CommandSpec } from '../../src/commands/spec.js';
import type { Core } from '../../src/core.js';
import type { Log } from '../../src/log.js';
import type { InboundMessage } from '../../src/ports/inbound.js';
import type { Reply } from '../../src/ports/reply.js';
import { commandLineOf, commandNameOf } from './command-line.js';
import { AUTOCOMPLETED } from './commands.js';
import { accountOf, groupChatOf, interactionKey } from './ids.js';
import { commandOfSubmission, formFor } from './modals.js';
import { escapeText, NO_MENTIONS, renderReply, type RenderedMessage } from './render.js';
import { zoneChoices } from './timezones.js';

export interface InteractionDeps {
  core: Pick<Core, 'handle'>;
  catalog: ReadonlyMap<string, CommandSpec>;
  log: Log;
  /** Learns DM channels from interactions, saving a request when the outbox next writes there. */
  dmChannels?: { rememberDmChannel(userId: string, channelId: string): void };
}

type Answerable = ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

/** How the answer appears: a new reply, or the message whose button was pressed, changed in place. */
type Mode = 'reply' | 'update';

export async function onInteraction(i: Interaction, deps: InteractionDeps): Promise<void> {
  if (i.isAutocomplete()) return suggest(i);
  if (i.isChatInputCommand()) {
    const line = commandLineOf(i.commandName, i.options.data, deps.catalog);
    if (!line.ok) {
      await i.reply({ content: escapeText(line.message), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    return run(i, line.line, 'reply', deps);
  }
  if (i.isButton()) {
    const line = i.customId.trim();
    return run(i, line, changesInPlace(line) && !onPublicServerMessage(i) ? 'update' : 'reply', deps);
  }
  if (i.isStringSelectMenu()) {
    // A menu's chosen value is the command its button would have sent.
    const line = (i.values[0] ?? '').trim();
    if (!line.startsWith('/')) return;
    return run(i, line, changesInPlace(line) && !onPublicServerMessage(i) ? 'update' : 'reply', deps);
  }
  if (i.isModalSubmit()) {
    const line = commandOfSubmission(i.customId, textFields(i));
    if (!line) {
      await i.reply({ content: 'That form is no longer in use. Please try again.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    return run(i, line, i.isFromMessage() && changesInPlace(line) && !onPublicServerMessage(i) ? 'update' : 'reply', deps);
  }
}

async function suggest(i: AutocompleteInteraction): Promise<void> {
  const focused = i.options.getFocused(true);
  const wanted = AUTOCOMPLETED.has(`${i.commandName} ${focused.name}`);
  await i.respond(wanted ? zoneChoices(String(focused.value)) : []);
}

async function run(i: Answerable, line: string, mode: Mode, deps: InteractionDeps): Promise<void> {
  const form = formFor(line);
  if (form && !i.isModalSubmit()) {
    await i.showModal(form.modal); // a form must be the first answer, so it is not deferred
    return;
  }
  const spec = deps.catalog.get(commandNameOf(line));
  const onServer = i.inGuild();
  // On a server, anything that may carry personal data is visible only to the person.
  const hidden = onServer && (!spec || spec.private || spec.where === 'dm-only');
  try {
    if (mode === 'update' && !i.isChatInputCommand()) await i.deferUpdate();
    else await i.deferReply(hidden ? { flags: MessageFlags.Ephemeral } : {});
  } catch (e) {
    // Already answered (a redelivery) or expired: nobody is waiting for this answer.
    deps.log.warn({ event: 'interaction-ack-failed', err: (e as Error).message.slice(0, 120) }, 'could not acknowledge an interaction');
    return;
  }
  if (!onServer && i.channelId) deps.dmChannels?.rememberDmChannel(i.user.id, i.channelId);
  deps.log.info({ event: 'interaction', kind: i.type, command: spec?.name ?? null, mode }, 'interaction');
  let replies: Reply[];
  try {
    replies = await deps.core.handle(inboundOf(i, line));
  } catch (e) {
    deps.log.error({ event: 'interaction-failed', command: spec?.name ?? null, err: (e as Error).message }, 'handling an interaction failed');
    replies = [{ text: 'Something went wrong on my side. Please try again in a moment.', private: true }];
  }
  await deliver(i, replies, { onServer, hidden, mode });
}

export function inboundOf(i: Answerable, text: string): InboundMessage {
  const onServer = i.inGuild();
  const account = accountOf(i.user.id);
  return {
    account,
    displayName: i.user.globalName ?? i.user.username,
    chat: onServer
      ? { id: groupChatOf(i.channelId ?? i.guildId ?? ''), kind: 'group', title: channelName(i) }
      : { id: account, kind: 'dm' },
    text,
    idempotencyKey: interactionKey(i.id),
    // Checked here, from the permissions Discord computed for this member in this channel:
    // server admins can change who may use a command, so the command's visibility proves nothing.
    senderIsGroupAdmin: onServer
      ? i.memberPermissions.any([PermissionFlagsBits.ManageGuild, PermissionFlagsBits.ManageChannels])
      : undefined,
  };
}

async function deliver(i: Answerable, replies: Reply[], o: { onServer: boolean; hidden: boolean; mode: Mode }): Promise<void> {
  const messages = replies.flatMap((r) => renderReply(r).map((m) => ({ m, ephemeral: o.onServer && (o.hidden || r.private) })));
  if (messages.length === 0) {
    if (o.mode === 'reply') await i.deleteReply();
    return;
  }
  for (const [n, { m, ephemeral }] of messages.entries()) {
    if (n > 0) {
      await i.followUp({ ...payloadOf(m), flags: ephemeral ? MessageFlags.Ephemeral : undefined });
    } else if (ephemeral && !o.hidden && o.mode === 'reply') {
      // The "thinking…" placeholder is public but this answer is private: replace it with a hidden one.
      await i.deleteReply();
      await i.followUp({ ...payloadOf(m), flags: MessageFlags.Ephemeral });
    } else {
      await i.editReply({ ...payloadOf(m), ...(o.mode === 'update' ? { attachments: [] } : {}) });
    }
  }
}

function payloadOf(m: RenderedMessage): InteractionEditReplyOptions & { content: string } {
  return {
    content: m.content,
    components: m.components,
    files: m.files.map((f) => ({ attachment: f.data, name: f.name, description: f.description })),
    allowedMentions: NO_MENTIONS,
  };
}

/**
 * The guided check-in is one form filled in over several taps, so its message changes in place
 * and stale buttons go away. Any other button answers in a new message, so nothing the person
 * may still need (crisis numbers above an SOS button) disappears.
 */
function changesInPlace(line: string): boolean {
  return commandNameOf(line) === 'checkin';
}

/** A button under a message everyone on the server sees (a group prompt) answers in a new, hidden reply. */
function onPublicServerMessage(i: ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction): boolean {
  if (!i.inGuild() || !i.message) return false;
  const flags = i.message.flags as unknown;
  const bits = typeof flags === 'number' ? flags : (flags as { bitfield: number }).bitfield;
  return (bits & MessageFlags.Ephemeral) === 0;
}

function textFields(i: ModalSubmitInteraction): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, f] of i.fields.fields) {
    if (f.type === ComponentType.TextInput) out.set(id, (f as { value: string }).value);
  }
  return out;
}

function channelName(i: Answerable): string | undefined {
  const c = i.channel as { name?: unknown } | null;
  return typeof c?.name === 'string' ? c.name : undefined;
}

/** Interactions from a user-installed app in someone else's DM are not ours to answer. */
export function isSupportedContext(i: Interaction): boolean {
  return i.context !== InteractionContextType.PrivateChannel;
}
