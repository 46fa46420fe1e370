import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import type { FormView } from '../../src/index.js';

/** The one text field of every form the core asks for. */
export const FORM_FIELD = 'text';

/** Said when a form is submitted that this bot no longer has (an old version's form). */
export const FORM_GONE = 'That form is no longer in use. Please try again.';

/**
 * A form the core asks for as a Discord modal. Without the message-content intent the bot
 * reads no typed messages, so questions that want typed text become forms; the form's id
 * comes back on submission, and the core turns the typed text into its command.
 */
export function modalOf(form: FormView): APIModalInteractionResponseCallbackData {
  return {
    custom_id: form.id.slice(0, 100),
    title: form.title.slice(0, 45),
    components: [{
      type: ComponentType.ActionRow,
      components: [{
        type: ComponentType.TextInput, custom_id: FORM_FIELD, label: form.label.slice(0, 45), placeholder: form.placeholder.slice(0, 100),
        style: form.long ? TextInputStyle.Paragraph : TextInputStyle.Short, max_length: Math.min(form.maxLength, 4000), min_length: 1, required: true,
      }],
    }],
  };
}
