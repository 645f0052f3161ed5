/** Composing letters: masters, content elements and flettetekster. */
import type { MessageText } from '../message-text.js';

export const composeMessages = {
  // Composition of letters
  'compose.no-placeholder': {
    da: 'Masterskabelonen "{key}" har intet afsnit med { MERGEFIELD Skabelon:Indhold }, så beskedskabelonen har ingen plads.',
    en: 'The master "{key}" has no paragraph with { MERGEFIELD Skabelon:Indhold }, so the message has no place.',
  },
  'compose.many-placeholders': {
    da: 'Masterskabelonen "{key}" har mere end ét { MERGEFIELD Skabelon:Indhold }.',
    en: 'The master "{key}" has more than one { MERGEFIELD Skabelon:Indhold }.',
  },
  'compose.placeholder-place': {
    da: '{ MERGEFIELD {field} } står et sted hvor det ikke kan bruges (i "{key}"): det skal stå i brødteksten, ikke i en sidehoved/sidefod eller inde i en anden feltkode.',
    en: '{ MERGEFIELD {field} } stands where it cannot be used (in "{key}"): it must be in the body, not in a header or footer or inside another field code.',
  },
  'compose.placeholder-alone': {
    da: '{ MERGEFIELD {field} } skal stå alene i sit afsnit.',
    en: '{ MERGEFIELD {field} } must stand alone in its paragraph.',
  },
  'compose.cycle': {
    da: 'Indholdselementerne indsætter hinanden i ring: {chain}.',
    en: 'The content elements include each other in a circle: {chain}.',
  },
  'compose.missing-element': {
    da: 'Indholdselementet "{key}" (brugt i "{from}") findes ikke.',
    en: 'The content element "{key}" (used in "{from}") does not exist.',
  },
  'compose.html-block-place': {
    da: 'Html-flettetekst "{field}" har afsnit, lister eller tabeller og skal derfor stå alene i sit afsnit i brødteksten.',
    en: 'The Html flettetekst "{field}" holds paragraphs, lists or tables and must therefore stand alone in its paragraph in the body.',
  },
  'compose.html-dangerous': {
    da: 'Html-flettetekst "{field}" indeholder farligt indhold ({detail}) og bruges ikke.',
    en: 'The Html flettetekst "{field}" contains dangerous content ({detail}) and is not used.',
  },
  'compose.html-unsupported': {
    da: 'Html-flettetekst "{field}" bruger {detail}, som ikke understøttes (tilladt: p, br, b, strong, i, em, u, ul, ol, li, a, h1-h3, table).',
    en: 'The Html flettetekst "{field}" uses {detail}, which is not supported (allowed: p, br, b, strong, i, em, u, ul, ol, li, a, h1-h3, table).',
  },
  'compose.flettetekst-unclosed': {
    da: 'Flettetekst "{field}" har ved tegn {offset} en { for et felt, som aldrig lukkes med }. Skriv \\{ for en tuborgklamme som tekst.',
    en: 'The flettetekst "{field}" has at character {offset} a { for a field that is never closed with }. Write \\{ for a brace as text.',
  },
  'compose.flettetekst-unopened': {
    da: 'Flettetekst "{field}" har ved tegn {offset} en }, som ikke lukker et felt. Skriv \\} for en tuborgklamme som tekst.',
    en: 'The flettetekst "{field}" has at character {offset} a } that closes no field. Write \\} for a brace as text.',
  },
  'compose.not-in-quotes': {
    da: 'Flettetekst "{field}" står inde i en feltkode uden anførselstegn; sæt den i en tekst i anførselstegn.',
    en: 'The flettetekst "{field}" stands inside a field code without quotation marks; put it in quoted text.',
  },
  'compose.unsupported': {
    da: '"{key}" indeholder noget der ikke kan flyttes ind i brevet: {what}.',
    en: '"{key}" contains something that cannot be moved into the letter: {what}.',
  },
  'compose.docdefaults': {
    da: '"{key}" har en anden standardskrift end masterskabelonen; masterens bruges.',
    en: '"{key}" has other default text formatting than the master; the master\'s is used.',
  },
  'compose.comments-removed': {
    da: 'Kommentarer i "{key}" er fjernet fra brevet.',
    en: 'Comments in "{key}" were removed from the letter.',
  },
  'compose.section-removed': {
    da: 'Sektionsskift i "{key}" er fjernet; masterskabelonen bestemmer siden.',
    en: 'Section breaks in "{key}" were removed; the master decides the page.',
  },
} as const satisfies Record<string, MessageText>;
