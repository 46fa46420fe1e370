import {
  ComponentType, InteractionContextType, MessageFlags, PermissionFlagsBits,
  type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction,
  type InteractionEditReplyOptions, type ModalSubmitInteraction, type StringSelectMenuInteraction,
} from 'discord.js';
import { commandLineOf } from './command-line.js';
import { accountOf, groupChatOf, interactionKey } from './ids.js';
import { FORM_FIELD, FORM_GONE, modalOf } from './modals.js';
import { escapeText, LIMITS, NO_MENTIONS, renderReply, type RenderedMessage } from './render.js';
import type { Answer, Core, InboundMessage, Log } from '../../src/index.js';

export interface InteractionDeps {
  core: Pick<Core, 'handle' | 'plan' | 'formAnswer' | 'suggest' | 'commands'>;
  log: Log;
}

type Answerable = ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

/** How the answer appears: a new reply, or the message whose button was pressed, changed in place. */
type Mode = 'reply' | 'update';

export async function onInteraction(i: Interaction, deps: InteractionDeps): Promise<void> {
  if (i.isAutocomplete()) return suggest(i, deps);
  if (i.isChatInputCommand()) {
    const line = commandLineOf(i.commandName, i.options.data, deps.core.commands);
    if (!line.ok) {
      await i.reply({ content: escapeText(line.message), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    return run(i, line.line, deps);
  }
  if (i.isButton()) return run(i, i.customId.trim(), deps);
  if (i.isStringSelectMenu()) {
    // A menu's chosen value is the command its button would have sent.
    const line = (i.values[0] ?? '').trim();
    if (!line.startsWith('/')) return;
    return run(i, line, deps);
  }
  if (i.isModalSubmit()) {
    const line = deps.core.formAnswer(i.customId, textOf(i));
    if (!line) {
      await i.reply({ content: escapeText(FORM_GONE), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    return run(i, line, deps);
  }
}

async function suggest(i: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const focused = i.options.getFocused(true);
  const values = deps.core.suggest(i.commandName, i.options.getSubcommand(false), focused.name, String(focused.value));
  await i.respond(values.slice(0, LIMITS.menuOptions).map((v) => ({ name: v, value: v })));
}

async function run(i: Answerable, line: string, deps: InteractionDeps): Promise<void> {
  const msg = inboundOf(i, line);
  const plan = deps.core.plan(msg);
  if (plan.form && !i.isModalSubmit()) {
    await i.showModal(modalOf(plan.form)); // a form must be the first answer, so it is not deferred
    return;
  }
  const mode: Mode = plan.editsInPlace && !i.isChatInputCommand() ? 'update' : 'reply';
  try {
    if (mode === 'update') await (i as Exclude<Answerable, ChatInputCommandInteraction>).deferUpdate();
    else await i.deferReply(plan.senderOnly ? { flags: MessageFlags.Ephemeral } : {});
  } catch (e) {
    // Already answered (a redelivery) or expired: nobody is waiting for this answer.
    deps.log.warn({ event: 'interaction-ack-failed', err: (e as Error).message.slice(0, 120) }, 'could not acknowledge an interaction');
    return;
  }
  deps.log.info({ event: 'interaction', kind: i.type, mode }, 'interaction');
  await deliver(i, await deps.core.handle(msg), { onServer: i.inGuild(), hidden: plan.senderOnly, mode });
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
    // From the permissions Discord computed for this member in this channel: server admins can
    // change who may use a command, so the command's visibility proves nothing.
    senderIsGroupAdmin: onServer
      ? i.memberPermissions.any([PermissionFlagsBits.ManageGuild, PermissionFlagsBits.ManageChannels])
      : undefined,
    pressed: i.isChatInputCommand() || (i.isModalSubmit() && !i.isFromMessage()) || !i.message
      ? undefined
      : { messageId: i.message.id, seenBySenderOnly: !onServer || isEphemeral(i.message.flags) },
  };
}

async function deliver(i: Answerable, answers: Answer[], o: { onServer: boolean; hidden: boolean; mode: Mode }): Promise<void> {
  const messages = answers.flatMap((a) => renderReply(a).map((m) => ({ m, ephemeral: o.onServer && (o.hidden || a.visibility === 'sender-only') })));
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

/** The message's flags as discord.js gives them (a bitfield object, or a number from a raw payload). */
function isEphemeral(flags: unknown): boolean {
  const bits = typeof flags === 'number' ? flags : (flags as { bitfield: number } | null)?.bitfield ?? 0;
  return (bits & MessageFlags.Ephemeral) !== 0;
}

/** The text typed into the form's one field. */
function textOf(i: ModalSubmitInteraction): string {
  for (const [id, f] of i.fields.fields) {
    if (id === FORM_FIELD && f.type === ComponentType.TextInput) return (f as { value: string }).value;
  }
  return '';
}

function channelName(i: Answerable): string | undefined {
  const c = i.channel as { name?: unknown } | null;
  return typeof c?.name === 'string' ? c.name : undefined;
}

/** Interactions from a user-installed app in someone else's DM are not ours to answer. */
export function isSupportedContext(i: Interaction): boolean {
  return i.context !== InteractionContextType.PrivateChannel;
}
