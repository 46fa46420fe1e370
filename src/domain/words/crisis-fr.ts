// Crisis phrases in French (français), in normalised form: no accents ("à" → "a", "été" → "ete"). See phrase-pattern.ts.
import { clear, unsure, type CrisisPattern } from './phrase-pattern.js';

const SOMEONE = "(?:il|elle|mon (?:mari|conjoint|compagnon|copain|ex)|ma (?:femme|conjointe|compagne|copine))";

export const FRENCH: readonly CrisisPattern[] = Object.freeze([
  clear('self-harm', 'je vais me tuer, envie de me tuer (pas "il va me tuer")', "(?:vais|veux|voudrais|envie de|pense a|penser a|besoin de) me (?:tuer|suicider)"),
  clear('self-harm', 'envie de mourir, je veux mourir', "(?:envie|besoin) de mourir|(?:je )?(?:veux|voudrais|voulais) mourir"),
  clear('self-harm', 'mettre fin à mes jours', 'mettre fin a (?:mes jours|ma vie)'),
  clear('self-harm', 'en finir avec la vie', 'en finir avec (?:la vie|ma vie|tout|moi)'),
  clear('self-harm', "je n'ai plus envie de vivre, je ne veux plus vivre", "(?:n'?ai |j'?ai )?plus envie de vivre|(?:ne )?veux plus vivre|(?:je )?n'?en peux plus de vivre"),
  clear('self-harm', 'me faire du mal, me scarifier, automutilation', "me faire du mal|(?:me )?scarifi\\p{L}*|automutil\\p{L}*"),
  clear('self-harm', 'mieux sans moi, mieux mort', '(?:seraient|serait|seriez) mieux sans moi|mieux (?:mort|morte)(?![\\p{L}\\p{N}])'),
  clear('self-harm', 'aucune raison de vivre', '(?:aucune|plus de|pas de) raisons? de vivre'),
  unsure('self-harm', "je n'en peux plus", "(?:je )?n'?en peux plus(?!\\s+\\p{L})"),
  unsure('self-harm', 'envie de disparaître, à quoi bon, en finir', "envie de disparaitre|a quoi bon(?!\\s+\\p{L})|plus aucun sens|(?:veux|envie d'?|besoin d'?) en finir(?! avec)"),

  clear('urge', 'sur le point de rechuter, je vais rechuter', '(?:sur le point de|je vais|vais) rechuter'),
  unsure('urge', 'je vais craquer', '(?:sur le point de|je vais) craquer'),
  clear('urge', "je n'arrive pas à résister à l'envie", "(?:n'?arrive|ne peux) (?:pas|plus) (?:a )?resister"),

  clear('safety', "il me frappe, mon mari m'a frappée",
    `${SOMEONE} (?:me (?:frappe|bat|battait|frappait|etrangle|gifle|cogne)|m'?a (?:frappee?|battue?|etranglee?|gifle?e?|cognee?))`),
  clear('safety', "il a menacé de me tuer, il me menace", `menace de me (?:tuer|frapper|faire du mal)|${SOMEONE} (?:me menace|m'?a menacee?)`),
  clear('safety', "j'ai peur qu'il me fasse du mal", "peur qu'?(?:il|elle) me (?:tue|frappe|fasse du mal|batte)"),
  clear('safety', 'pas en sécurité chez moi', "pas en securite (?:a la maison|chez moi)"),
  unsure('safety', "j'ai peur de lui", "peur de (?:lui|mon mari|ma femme|mon conjoint|ma conjointe)(?![\\p{L}\\p{N}])"),
]);
