// The author's preview page: every part of one program as a person sees it, with no
// gating; exercises and questionnaires work but save nothing; the compiler's
// diagnostics come first. Reloads itself when the server says a file changed.
import { h, replace } from './dom.js';
import { loadLanguage } from './i18n.js';
import { renderSectionBlocks } from './blocks.js';
import { renderQuestionnaire } from './questionnaire.js';

/** @typedef {import('../../types/client').Program} Program */
/** @typedef {{ file: string, line?: number, column?: number, severity: string, message: string, ruleId: string }} Diagnostic */

// The preview is for authors, in bokmål like the content.
await loadLanguage('nb');

const main = /** @type {HTMLElement} */ (document.getElementById('main'));

/** @param {Diagnostic[]} diagnostics */
function diagnosticsList(diagnostics) {
  if (!diagnostics.length) return h('div', { class: 'alert success', role: 'status' }, h('p', {}, 'Ingen feil eller advarsler.'));
  return h(
    'section',
    { class: 'alert error', 'aria-labelledby': 'diag-title' },
    h('h2', { id: 'diag-title' }, `${diagnostics.length} melding(er) fra kompilatoren`),
    h('ul', {}, diagnostics.map((d) => h('li', {}, h('code', {}, `${d.file}:${d.line ?? 0}:${d.column ?? 0}`), ` ${d.severity === 'error' ? 'feil' : 'advarsel'}: ${d.message} `, h('code', {}, `[${d.ruleId}]`)))),
  );
}

async function render() {
  const { program, diagnostics } = /** @type {{ program: Program | null, diagnostics: Diagnostic[] }} */ (await (await fetch('/preview/program.json')).json());
  if (!program) {
    replace(main, h('h1', {}, 'Programmet kan ikke vises'), diagnosticsList(diagnostics));
    return;
  }
  /** @type {import('./blocks.js').SectionContext} */
  const ctx = {
    sectionHref: (id) => `#section-${id}`,
    entries: {},
    responses: {},
    // Nothing is saved in the preview: an entry is shown as if saved, until the page reloads.
    saveEntry: async (_exercise, values) => ({ entry: { id: crypto.randomUUID(), values, createdAt: new Date().toISOString() } }),
    deleteEntry: async () => undefined,
    openQuestionnaire: (ref) => {
      const holder = document.getElementById(`q-${ref}`);
      const instrument = program.instruments[ref];
      if (holder && instrument) replace(holder, renderQuestionnaire(instrument, { onSubmit: async () => replace(holder, h('p', {}, 'Forhåndsvisning: svarene lagres ikke.')) }));
    },
  };
  const toc = h('nav', { 'aria-label': 'Deler' }, h('ol', {}, program.sections.map((s) => h('li', {}, h('a', { href: `#section-${s.id}` }, s.title)))));
  const sections = program.sections.map((section) =>
    h(
      'section',
      { id: `section-${section.id}`, class: 'card', 'aria-labelledby': `title-${section.id}` },
      h('p', { class: 'muted' }, `Del ${section.number} · ${section.estimatedMinutes} min · id: ${section.id}${section.unlock.minDaysAfterPrevious ? ` · åpner tidligst ${section.unlock.minDaysAfterPrevious} dager etter forrige del` : ''}`),
      h('h2', { id: `title-${section.id}` }, section.title),
      h('p', {}, h('em', {}, section.summary)),
      renderSectionBlocks(section, program, ctx),
      section.blocks.filter((b) => b.type === 'questionnaire').map((b) => h('div', { id: `q-${b.ref}` })),
    ),
  );
  const plan = program.measurement;
  replace(
    main,
    h('h1', {}, `${program.title} (${program.version})`),
    diagnosticsList(diagnostics),
    h('p', {}, program.summary),
    h('p', { class: 'muted' }, `Måling – start: ${plan.start.join(', ')}; underveis: ${plan.repeated.map((r) => `${r.instrument} (${r.every})`).join(', ') || 'ingen'}; slutt: ${plan.end.join(', ')}; innsjekk: ${program.instruments.checkin.items.map((i) => i.text).join(' / ')}`),
    toc,
    sections,
  );
  // Images in the preview come from the pack's assets folder.
  for (const img of main.querySelectorAll('img[src^="assets/"]')) img.setAttribute('src', `/preview/${img.getAttribute('src')}`);
}

const events = new EventSource('/preview/events');
events.addEventListener('version', () => render());
render();
