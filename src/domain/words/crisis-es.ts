// Crisis phrases in Spanish (español), in normalised form: no accents, "ñ" as "n". See phrase-pattern.ts.
import { clear, unsure, type CrisisPattern } from './phrase-pattern.js';

const SOMEONE = '(?:el|ella|mi (?:marido|esposo|esposa|mujer|pareja|novio|novia|ex))(?: me| ya me)';

export const SPANISH: readonly CrisisPattern[] = Object.freeze([
  clear('self-harm', 'quiero matarme, pienso en suicidarme',
    '(?:quiero|quisiera|deseo|ganas de|voy a|pienso en|pensando en|he pensado en) (?:matarme|suicidarme|quitarme la vida|morirme)'),
  clear('self-harm', 'me quiero morir, me voy a matar', 'me (?:quiero|quisiera) (?:morir|matar|suicidar)|me voy a (?:matar|suicidar)'),
  clear('self-harm', 'quiero morir', '(?:quiero|quisiera|deseo) morir'),
  clear('self-harm', 'quitarme la vida, acabar con mi vida', 'quitarme la vida|acabar con mi (?:propia )?vida'),
  clear('self-harm', 'acabar con todo (no "acabar con todo el trabajo")',
    'acabar con todo(?! (?:el|la|lo|los|las|este|esta|esto|eso|mi|tu)(?![\\p{L}\\p{N}]))'),
  clear('self-harm', 'no quiero vivir (no "no quiero vivir aquí")',
    'no quiero (?:seguir )?(?:vivir|viviendo)(?! (?:aqui|alli|ahi|en|con|cerca|solo|sola|juntos|asi)(?![\\p{L}\\p{N}]))|no quiero seguir (?:aqui|viva|vivo)'),
  clear('self-harm', 'quiero hacerme daño, volví a cortarme',
    '(?:quiero|ganas de|voy a|pienso en) hacerme dano|(?:quiero|ganas de|volvi a|vuelvo a|sigo) cortarme(?! (?:el|la|las|los|un|una)(?![\\p{L}\\p{N}]))'),
  clear('self-harm', 'autolesión', 'autolesion(?:es|arme|andome)?'),
  clear('self-harm', 'estaría mejor muerto, mejor sin mí', '(?:mejor|preferiria estar) (?:muerto|muerta)|(?:estarian|estaran|estarias) mejor sin mi'),
  clear('self-harm', 'no tengo razones para vivir', '(?:no tengo|sin) (?:razon|razones|motivo|motivos) para vivir|no vale la pena vivir'),
  unsure('self-harm', 'no puedo más, ya no aguanto', 'no puedo mas(?!\\s+\\p{L})|ya no (?:aguanto|puedo) mas(?!\\s+\\p{L})'),
  unsure('self-harm', 'quiero desaparecer, sin salida', '(?:quiero|quisiera) desaparecer|no (?:veo|hay|tengo) (?:ninguna )?salida|nada tiene sentido'),

  clear('urge', 'a punto de recaer, voy a recaer', '(?:a punto de|voy a) recaer'),
  clear('urge', 'no puedo resistir el impulso', 'no (?:puedo|consigo) (?:resistir|aguantar|controlar) (?:el|la|las|los|este|estas|estos) (?:impulsos?|ganas|tentacion|tentaciones|deseos?)'),

  clear('safety', 'mi marido me pega, me golpeó', `${SOMEONE} (?:pego|pega|golpeo|golpea|ha pegado|ha golpeado|ahorco|ahorca|estrangulo|pateo|patea|abofeteo)|me (?:golpeo|golpea|ha golpeado)(?! la (?:realidad|idea)(?![\\p{L}\\p{N}]))`),
  clear('safety', 'me amenazó con matarme, él me amenaza', `(?:me amenazo|me amenaza|me ha amenazado) con (?:matarme|hacerme dano|pegarme)|${SOMEONE} (?:amenazo|amenaza|ha amenazado)`),
  clear('safety', 'tengo miedo de que me haga daño', 'miedo (?:de )?que me (?:mate|pegue|haga dano|golpee)'),
  clear('safety', 'no estoy segura en casa', 'no (?:estoy|me siento) (?:segura|seguro) en (?:mi )?casa'),
  unsure('safety', 'le tengo miedo', '(?:le tengo|tengo) miedo (?:a mi (?:marido|esposo|esposa|pareja|novio|novia)|de el|de ella)'),
]);
