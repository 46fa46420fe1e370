// Crisis phrases in Portuguese (português), in normalised form: no accents ("não" → "nao", "ç" → "c"). See phrase-pattern.ts.
import { clear, unsure, type CrisisPattern } from './phrase-pattern.js';

const SOMEONE = '(?:ele|ela|meu (?:marido|companheiro|namorado|ex)|minha (?:mulher|esposa|companheira|namorada))';

export const PORTUGUESE: readonly CrisisPattern[] = Object.freeze([
  clear('self-harm', 'quero me matar, vou me matar (não "minha mãe vai me matar")',
    '(?:quero|queria|vou|penso em|pensando em|vontade de|pensei em) (?:me matar|me suicidar|tirar (?:a )?minha (?:propria )?vida)|matar-me|suicidar-me'),
  clear('self-harm', 'quero morrer', '(?:quero|queria|vontade de) morrer'),
  clear('self-harm', 'acabar com a minha vida, acabar com tudo',
    'acabar com (?:a )?minha (?:propria )?vida|acabar com tudo(?! (?:isso|isto|o|a|os|as|que|de)(?![\\p{L}\\p{N}]))'),
  clear('self-harm', 'não quero mais viver', 'nao (?:quero|aguento) mais viver|nao quero viver mais|nao quero mais estar aqui'),
  clear('self-harm', 'quero me machucar, me cortar, automutilação',
    '(?:quero|vou|vontade de|voltei a) me (?:machucar|cortar|ferir)(?! (?:o|a|os|as)(?![\\p{L}\\p{N}]))|automutila\\p{L}*'),
  clear('self-harm', 'estariam melhor sem mim', '(?:estariam|estaria|ficariam|ficaria) melhor sem mim|melhor (?:morto|morta)(?![\\p{L}\\p{N}])'),
  clear('self-harm', 'sem razão para viver', '(?:sem|nenhuma|nenhum) (?:razao|motivo) (?:para|pra) viver|nao vale a pena viver'),
  unsure('self-harm', 'não aguento mais', 'nao aguento mais(?!\\s+\\p{L})'),
  unsure('self-harm', 'quero sumir, sem saída', '(?:quero|queria) (?:sumir|desaparecer)|sem saida|nada (?:mais )?faz sentido'),

  clear('urge', 'prestes a recair, vou recair', '(?:prestes a|vou) recair'),
  clear('urge', 'não consigo resistir', 'nao (?:consigo|aguento) (?:mais )?resistir'),

  clear('safety', 'ele me bate, meu marido me agrediu',
    `${SOMEONE} me (?:bate|bateu|agride|agrediu|estrangulou|enforcou|esmurrou|chutou)`),
  clear('safety', 'ameaçou me matar, ele me ameaça', `(?:ameacou|ameaca|ameacando) (?:de )?me (?:matar|bater|machucar)|me ameacou de morte|${SOMEONE} me (?:ameaca|ameacou)`),
  clear('safety', 'tenho medo que ele me machuque', 'medo (?:de )?que (?:ele|ela) me (?:mate|bata|machuque|agrida)'),
  clear('safety', 'não estou segura em casa', 'nao (?:estou|me sinto) (?:segura|seguro) em casa'),
  unsure('safety', 'tenho medo dele', 'medo (?:dele|dela|do meu marido|da minha mulher)(?![\\p{L}\\p{N}])'),
]);
