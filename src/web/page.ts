/**
 * The training page's HTML and CSS, in Danish or English (its texts are the catalog's,
 * i18n/messages/web.ts). The behaviour is in client/app.ts, compiled by tsconfig.web.json to
 * dist/web/browser/; the fonts are the ones the PDF embeds, served from fonts/. Nothing comes
 * from a network: the page works offline.
 */
import { textsIn } from '../i18n/area.js';
import type { Lang } from '../i18n/lang.js';
import { webTexts, type WebTextId } from '../i18n/messages/web.js';
import { escapeXml } from '../ooxml/xml.js';

/**
 * The page in a language: its own words from the catalog (i18n/messages/web.ts), and the same
 * area's texts for the client, embedded as JSON (a data block: the page's CSP runs no inline
 * script), so the client speaks the page's language without a request of its own.
 */
export function pageHtml(lang: Lang): string {
  const texts = textsIn(webTexts, lang);
  const t = Object.fromEntries(Object.entries(texts).map(([id, text]) => [id, escapeXml(text)])) as Record<WebTextId, string>;
  const other = ({ da: 'en', en: 'da' } as const)[lang];
  // '<' written as \u003c: no text can end the script element.
  const json = JSON.stringify(texts).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/app.css">
<script type="application/json" id="tekster">${json}</script>
<script type="module" src="/app.js"></script>
</head>
<body>
<a class="spring" href="#brev">${t.skip}</a>
<header>
  <h1>kp-brev <span>${t.subtitle}</span></h1>
  <a class="sprog" href="?lang=${other}" lang="${other}" hreflang="${other}">${t.otherLanguage}</a>
</header>
<main>
  <section class="valg" aria-labelledby="valg-overskrift">
    <h2 id="valg-overskrift">${t.choice}</h2>
    <form id="form" novalidate>
      <fieldset>
        <legend>${t.template}</legend>
        <label for="skabelon">${t.fromArchive}</label>
        <select id="skabelon" name="skabelon"></select>
        <label for="kommune">${t.kommune}</label>
        <select id="kommune" name="kommune"></select>
        <label for="fil">${t.ownTemplate}</label>
        <div id="slip" class="slip">
          <input id="fil" name="fil" type="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document">
          <span id="fil-navn" aria-live="polite"></span>
          <button type="button" id="fil-fjern" hidden>${t.useArchive}</button>
        </div>
        <div id="udkast-valg" hidden>
          <label for="udkast-til">${t.draftOf}</label>
          <select id="udkast-til" name="udkast-til" aria-describedby="udkast-hjaelp"></select>
          <p id="udkast-hjaelp" class="hjaelp">${t.draftHelp}</p>
        </div>
      </fieldset>
      <fieldset>
        <legend>${t.case}</legend>
        <label for="sag">${t.sample}</label>
        <select id="sag" name="sag"></select>
        <label for="proces">${t.process}</label>
        <select id="proces" name="proces"></select>
        <label for="variant">${t.variant}</label>
        <select id="variant" name="variant"></select>
        <label for="kontekst">${t.context}</label>
        <textarea id="kontekst" name="kontekst" rows="10" spellcheck="false" aria-describedby="kontekst-fejl"></textarea>
        <p id="kontekst-fejl" class="fejltekst" aria-live="polite"></p>
        <button type="button" id="kopier">${t.copy}</button>
      </fieldset>
      <fieldset id="spoergsmaal">
        <legend>${t.questions}</legend>
        <p id="ingen-spoergsmaal">${t.noQuestions}</p>
        <ul id="spoergsmaal-liste"></ul>
      </fieldset>
      <fieldset>
        <legend>${t.download}</legend>
        <button type="button" id="hent-pdf">${t.downloadPdf}</button>
        <button type="button" id="hent-docx">${t.downloadDocx}</button>
      </fieldset>
    </form>
  </section>
  <section id="brev" class="brev" aria-labelledby="brev-overskrift" tabindex="0">
    <h2 id="brev-overskrift">${t.letter}</h2>
    <p id="status" role="status" aria-live="polite"></p>
    <div id="problemer"></div>
    <div id="sider"></div>
  </section>
  <section class="kontrol" aria-labelledby="kontrol-overskrift" tabindex="0">
    <h2 id="kontrol-overskrift">${t.templateSection}</h2>
    <h3 id="fund-overskrift">${t.findings}</h3>
    <div id="fund" aria-labelledby="fund-overskrift"></div>
    <h3 id="koder-overskrift">${t.codes}</h3>
    <div id="koder" aria-labelledby="koder-overskrift"></div>
  </section>
</main>
</body>
</html>
`;
}

const face = (family: string, file: string, weight: string, style: string): string =>
  `@font-face { font-family: "KP ${family}"; src: url("/fonts/${file}.ttf") format("truetype"); font-weight: ${weight}; font-style: ${style}; font-display: block; }`;

const FACES = [
  ['Liberation Sans', 'LiberationSans'],
  ['Liberation Serif', 'LiberationSerif'],
  ['Liberation Mono', 'LiberationMono'],
  ['Carlito', 'Carlito'],
]
  .flatMap(([family, file]) => [
    face(family!, `${file}-Regular`, 'normal', 'normal'),
    face(family!, `${file}-Bold`, 'bold', 'normal'),
    face(family!, `${file}-Italic`, 'normal', 'italic'),
    face(family!, `${file}-BoldItalic`, 'bold', 'italic'),
  ])
  .join('\n');

export const PAGE_CSS = `${FACES}
:root { --blaa: #1f3864; --graa: #5b5b5b; --kant: #767676; --fejl: #a4000f; --adv: #7a4b00; --info: #1f4e79; --fokus: #c74600; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 "KP Liberation Sans", Arial, sans-serif; color: #1a1a1a; background: #eef1f5; }
.spring { position: absolute; left: -9999px; }
.spring:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
header { background: var(--blaa); color: #fff; padding: .6rem 1.2rem; }
header h1 { margin: 0; font-size: 1.3rem; }
header h1 span { font-weight: normal; font-size: 1rem; margin-left: .5rem; }
header { display: flex; justify-content: space-between; align-items: center; }
header .sprog { color: #fff; }
main { display: grid; grid-template-columns: minmax(16rem, 22rem) 1fr minmax(18rem, 28rem); gap: 1rem; padding: 1rem; align-items: start; }
section { background: #fff; border-radius: 6px; padding: .8rem 1rem; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
h2 { margin: .2rem 0 .6rem; font-size: 1.15rem; color: var(--blaa); }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; color: var(--blaa); }
fieldset { border: 1px solid #c8ced6; border-radius: 4px; margin: 0 0 .8rem; padding: .5rem .7rem .7rem; }
legend { font-weight: bold; padding: 0 .3rem; }
label { display: block; margin: .5rem 0 .15rem; font-weight: bold; font-size: .95rem; }
select, textarea, input[type=file] { width: 100%; font: inherit; border: 1px solid var(--kant); border-radius: 3px; padding: .3rem; background: #fff; color: #1a1a1a; }
textarea { font-family: "KP Liberation Mono", monospace; font-size: .8rem; }
button { font: inherit; margin: .4rem .4rem 0 0; padding: .35rem .8rem; border: 1px solid var(--blaa); background: var(--blaa); color: #fff; border-radius: 3px; cursor: pointer; }
button.let { background: #fff; color: var(--blaa); }
button.let[aria-pressed="true"] { background: var(--blaa); color: #fff; }
:focus-visible { outline: 3px solid var(--fokus); outline-offset: 2px; }
.slip { border: 2px dashed var(--kant); border-radius: 4px; padding: .5rem; }
.slip.over { border-color: var(--blaa); background: #e8eef8; }
#spoergsmaal-liste { list-style: none; margin: 0; padding: 0; }
#spoergsmaal-liste li { padding: .4rem 0; border-bottom: 1px solid #e3e6ea; }
.kontakt { display: flex; gap: .6rem; align-items: flex-start; font-weight: normal; margin: 0; }
.kontakt input { width: 2.6rem; height: 1.4rem; appearance: none; border-radius: 1rem; background: #6b6b6b; position: relative; flex: none; cursor: pointer; margin-top: .1rem; }
.kontakt input::after { content: ""; position: absolute; top: .15rem; left: .15rem; width: 1.1rem; height: 1.1rem; border-radius: 50%; background: #fff; transition: left .15s; }
.kontakt input:checked { background: #1f6e2b; }
.kontakt input:checked::after { left: 1.35rem; }
.svar { font-weight: bold; min-width: 1.2rem; }
.noegle { display: block; color: var(--graa); font-size: .85rem; }
.fejltekst { color: var(--fejl); min-height: 1em; margin: .2rem 0; }
.hjaelp { font-size: .85rem; margin: .2rem 0 .5rem; }
.brev { min-height: 60vh; }
#status { color: var(--graa); margin: 0 0 .5rem; min-height: 1.4em; }
#sider svg.side { display: block; width: 100%; max-width: 50rem; margin: 0 auto 1rem; box-shadow: 0 1px 4px rgba(0,0,0,.25); background: #fff; }
#sider svg rect.tilfoejet { fill: #fff2a8; stroke: #8a6d00; stroke-width: 0.6; stroke-dasharray: 2 1; }
#sider svg text { white-space: pre; }
.problemer { border-left: 4px solid var(--fejl); background: #fdf0f1; padding: .4rem .7rem; margin-bottom: .8rem; }
.problemer h3 { margin: .2rem 0; color: var(--fejl); }
.fund-gruppe h4 { margin: .6rem 0 .2rem; font-size: .95rem; }
.fund-gruppe.fejl h4 { color: var(--fejl); }
.fund-gruppe.advarsel h4 { color: var(--adv); }
.fund-gruppe.info h4 { color: var(--info); }
.fund-gruppe ul { margin: 0; padding-left: 1.1rem; }
.fund-gruppe li { margin-bottom: .4rem; font-size: .92rem; }
.regel { color: var(--graa); font-size: .85rem; }
#koder { font-size: .85rem; }
#koder p { margin: 0 0 .35rem; padding: .2rem .3rem; border-radius: 3px; }
#koder p:target, #koder p.valgt { background: #fff2a8; }
.afsnit { color: var(--graa); font-size: .75rem; display: block; }
.kode { font-family: "KP Liberation Mono", monospace; color: #0b4f8a; }
.vaerdi { background: #e7f3e8; color: #14501d; border-radius: 2px; padding: 0 .2rem; margin-left: .2rem; }
@media (max-width: 70rem) { main { grid-template-columns: 1fr; } }
/* Wide screens: each column scrolls on its own, so the letter stays in view while the questions are answered. */
@media (min-width: 70.01rem) {
  body { height: 100vh; display: flex; flex-direction: column; }
  main { flex: 1; min-height: 0; }
  main > section { max-height: 100%; overflow: auto; }
}
`;
