import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import { NOTE_MAX } from '../../src/commands/checkin.js';

/**
 * Commands that ask for typed text. Without the message-content intent the bot reads no typed
 * messages, so on Discord these open a form instead, and its answer becomes the command.
 */
interface TextForm {
  title: string;
  label: string;
  placeholder: string;
  style: TextInputStyle;
  max: number;
  /** The command the typed text completes. */
  prefix: string;
}

const FORMS: Record<string, TextForm> = {
  '/checkin note': {
    title: 'A private note', label: 'Your note (only you can see it)', placeholder: 'What happened, how you feel, one next step…',
    style: TextInputStyle.Paragraph, max: NOTE_MAX, prefix: '/checkin note:',
  },
  '/timezone': {
    title: 'Your time zone', label: 'Time zone', placeholder: 'Europe/Berlin',
    style: TextInputStyle.Short, max: 64, prefix: '/timezone ',
  },
};

/** The same requests in the form a slash command produces. */
const ALIASES: Record<string, string> = { '/checkin step:note': '/checkin note' };

const FIELD = 'text';

/** The form a command line opens, keyed by the line; null when the line is an ordinary command. */
export function formFor(line: string): { key: string; modal: APIModalInteractionResponseCallbackData } | null {
  const key = ALIASES[line.trim()] ?? line.trim();
  const form = FORMS[key];
  if (!form) return null;
  return {
    key,
    modal: {
      custom_id: key,
      title: form.title,
      components: [{
        type: ComponentType.ActionRow,
        components: [{
          type: ComponentType.TextInput, custom_id: FIELD, label: form.label, placeholder: form.placeholder,
          style: form.style, max_length: form.max, min_length: 1, required: true,
        }],
      }],
    },
  };
}

/** The command line a submitted form stands for; null for a form this bot did not open. */
export function commandOfSubmission(customId: string, fields: ReadonlyMap<string, string>): string | null {
  const form = FORMS[customId];
  const text = fields.get(FIELD)?.trim();
  return form && text ? `${form.prefix}${text}` : null;
}
