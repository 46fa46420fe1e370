/**
 * Text as the phrase lists read it, so one written form matches what people type:
 * lower case; accents off ("suïcide", "möchte" → "mochte", "não" → "nao"); "ß" as "ss";
 * full-width letters plain (NFKD); curly apostrophes and Unicode dashes plain; invisible
 * characters (zero-width, soft hyphen) gone. Punctuation that ends a clause (. , ; : ! ? …)
 * becomes " . ", so a phrase never runs across it; any other symbol or emoji becomes a space.
 */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u2018\u2019\u201B\u02BC\u2032\u00B4`\uFF07]/g, "'")
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/[.,;:!?\u2026\u00A1\u00BF]+/g, ' . ')
    .replace(/[^\p{L}\p{N}\s'.-]/gu, ' ');
}
