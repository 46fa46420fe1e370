// Crisis phrases in German (Deutsch), in normalised form: no umlauts ("möchte" → "mochte"), "ß" as "ss". See phrase-pattern.ts.
import { clear, unsure, type CrisisPattern } from './phrase-pattern.js';

const SOMEONE = '(?:er|sie|mein (?:mann|partner|freund|ex)|meine (?:frau|partnerin|freundin|ex))';

export const GERMAN: readonly CrisisPattern[] = Object.freeze([
  clear('self-harm', 'Suizid, suizidal, Suizidgedanken', 'suizid\\p{L}*'),
  clear('self-harm', 'Selbstmord, Selbstmordgedanken', 'selbstmord\\p{L}*'),
  clear('self-harm', 'mich umbringen, ich bringe mich um (nicht "das bringt mich um")',
    '(?:mich|mir) (?:umbringen|toten|das leben nehmen)|bringe mich um'),
  clear('self-harm', 'ich will sterben, möchte einfach sterben', '(?:will|mochte|wurde gern|wurde gerne|wunschte) (?:einfach |nur |einfach nur )?sterben'),
  clear('self-harm', 'will nicht mehr leben', '(?:will|mochte|kann) nicht mehr (?:leben|hier sein|da sein|aufwachen)|nicht mehr leben (?:will|mochte|wollen)'),
  clear('self-harm', 'mich selbst verletzen, ich ritze mich', '(?:mich selbst|mich) (?:verletzen|ritzen)|ritze mich|selbstverletz\\p{L}*'),
  clear('self-harm', 'allem ein Ende setzen', '(?:allem|meinem leben) ein ende (?:setzen|machen|bereiten)'),
  clear('self-harm', 'besser tot, alle wären besser dran ohne mich', 'besser tot|besser dran ohne mich'),
  clear('self-harm', 'kein Grund mehr zu leben', '(?:keinen|kein) (?:grund|sinn) mehr zu leben|(?:keinen|kein) (?:grund|sinn) zu leben'),
  unsure('self-harm', 'ich kann nicht mehr (nicht "… nicht mehr warten")', 'ich kann (?:einfach )?nicht mehr(?!\\s+\\p{L})'),
  unsure('self-harm', 'lebensmüde, will verschwinden, keinen Ausweg', 'lebensmude|(?:will|mochte) (?:einfach )?verschwinden|keinen ausweg|(?:hat|macht) (?:alles )?keinen sinn mehr'),

  clear('urge', 'kurz vor einem Rückfall, ich werde rückfällig', 'kurz vor (?:einem|dem) ruckfall|(?:werde|bin kurz davor) ruckfallig'),
  clear('urge', 'kann dem Drang nicht widerstehen, Suchtdruck', '(?:dem drang|der versuchung) nicht (?:mehr )?widerstehen|(?:starken|starker|extremen|extremer) suchtdruck'),

  clear('safety', 'er schlägt mich, mein Mann hat mich gewürgt',
    `${SOMEONE} (?:schlagt|schlug|trat|tritt|wurgt|wurgte) mich|${SOMEONE} hat mich (?:geschlagen|gewurgt|getreten|verprugelt)`),
  clear('safety', 'hat gedroht, mich umzubringen', '(?:droht|drohte|gedroht)(?: \\.)? (?:mich |mir )?(?:umzubringen|zu toten|zu schlagen)|(?:bedroht|bedrohte) mich|hat mich bedroht'),
  clear('safety', 'ich habe Angst, dass er mir etwas antut', 'angst(?: davor)?(?: \\.)? (?:dass|das) (?:er|sie) (?:mir (?:etwas|was) (?:antut|tut)|mich (?:schlagt|umbringt))'),
  clear('safety', 'zu Hause nicht sicher', '(?:zu ?hause|daheim) nicht (?:mehr )?sicher|nicht (?:mehr )?sicher (?:zu ?hause|daheim)'),
  unsure('safety', 'ich habe Angst vor ihm', 'angst vor (?:ihm|ihr|meinem mann|meiner frau|meinem partner|meiner partnerin)'),
]);
