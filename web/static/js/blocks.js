// Renders a compiled part (section): its sanitized content, notes, exercises with
// their entries, and its questionnaires. Used by the person's client and the preview.
import { h, trustedContent, formatDateTime, replace } from './dom.js';
import { renderField, readFields, showFieldErrors, describeValue } from './fields.js';
import { t, lang } from './i18n.js';

/**
 * @typedef {{ id: string, values: Record<string, unknown>, createdAt: string, updatedAt?: string }} Entry
 * @typedef {{
 *   entries: Record<string, Entry[]>,
 *   responses: Record<string, { createdAt: string }[]>,
 *   saveEntry: (exercise: any, values: Record<string, unknown>, entryId?: string) => Promise<Record<string, string> | void>,
 *   deleteEntry: (exercise: any, entryId: string) => Promise<void>,
 *   openQuestionnaire: (ref: string) => void,
 *   sectionHref?: (sectionId: string) => string,
 * }} SectionContext
 */

/**
 * @param {any} section a CompiledSection
 * @param {any} program the CompiledProgram (for instrument titles)
 * @param {SectionContext} ctx
 */
export function renderSectionBlocks(section, program, ctx) {
  return section.blocks.map((block) => {
    switch (block.type) {
      case 'html':
        return trustedContent('div', block.html, { class: 'content' });
      case 'note':
        return renderNote(block);
      case 'exercise':
        return renderExercise(block, ctx);
      case 'questionnaire':
        return renderQuestionnaireCard(block, program, ctx);
      case 'recall':
        return renderRecall(block, ctx);
      default:
        return null;
    }
  });
}

function renderNote(block) {
  const label = block.title ?? t(`note_${block.kind}`);
  return h('aside', { class: `note note-${block.kind}`, 'aria-label': label }, h('p', { class: 'note-title' }, h('strong', {}, label)), trustedContent('div', block.html));
}

/** The person's own entries of an earlier exercise, read-only, with a link to the part where they are edited. */
function renderRecall(block, ctx) {
  const entries = block.entries ?? [];
  const href = ctx.sectionHref ? ctx.sectionHref(block.section) : `#/section/${block.section}`;
  const id = `recall-${block.exercise}`;
  return h(
    'section',
    { class: 'card recall', 'aria-labelledby': id },
    h('h2', { id }, block.title),
    entries.length
      ? h('ul', { class: 'entries' }, entries.map((entry) => h('li', {}, h('dl', { class: 'values' }, block.fields.flatMap((f) => [h('dt', {}, f.label), h('dd', {}, describeValue(f, entry.values[f.id]))])))))
      : null,
    h('p', {}, h('a', { href }, `${t('edit')}: ${t('partNumber', { n: block.sectionNumber })}, ${block.sectionTitle}`)),
  );
}

function renderQuestionnaireCard(block, program, ctx) {
  const instrument = program.instruments[block.ref];
  const answered = ctx.responses[block.ref] ?? [];
  const last = answered[answered.length - 1];
  return h(
    'div',
    { class: 'card' },
    h('h2', {}, instrument?.title ?? block.ref),
    h('p', {}, last ? t('answeredOn', { date: formatDateTime(last.createdAt, lang()) }) : block.required ? t('questionnaireRequired') : t('questionnaireOptional')),
    h('button', { type: 'button', onclick: () => ctx.openQuestionnaire(block.ref) }, last ? t('answerAgain') : t('answerNow')),
  );
}

/** An exercise: instructions, the entries so far (edit, delete) and a form for a new entry. */
function renderExercise(exercise, ctx) {
  const root = h('section', { class: 'exercise', id: `exercise-${exercise.id}`, 'aria-labelledby': `exercise-${exercise.id}-title` });
  const entries = (ctx.entries[exercise.id] ??= []);
  const status = h('p', { class: 'muted', role: 'status' });
  const need = exercise.required ? t('entriesNeeded', { n: exercise.minEntries }) : t('exerciseOptional');
  const entriesList = h('ul', { class: 'entries' });
  const formHolder = h('div');

  // A ladder is shown from its easiest step to its hardest, by its first rating field.
  const rating = exercise.fields.find((f) => f.type === 'scale');
  const ordered = () => (exercise.kind === 'ladder' && rating ? [...entries].sort((a, b) => (a.values[rating.id] ?? 0) - (b.values[rating.id] ?? 0)) : entries);

  const renderEntries = () => {
    replace(
      entriesList,
      ordered().map((entry, i) =>
        h(
          'li',
          {},
          h('h3', {}, exercise.repeatable ? t('entryNumber', { n: i + 1, date: formatDateTime(entry.createdAt, lang()) }) : t('yourAnswer')),
          h('dl', { class: 'values' }, exercise.fields.flatMap((f) => [h('dt', {}, f.label), h('dd', {}, describeValue(f, entry.values[f.id]))])),
          h(
            'div',
            { class: 'actions' },
            h('button', { type: 'button', class: 'secondary', onclick: () => showForm(entry) }, t('edit')),
            h('button', { type: 'button', class: 'secondary', onclick: () => remove(entry) }, t('delete')),
          ),
        ),
      ),
    );
    status.textContent = `${need} ${t('entriesSoFar', { n: entries.length })}`;
  };

  const remove = async (entry) => {
    if (!window.confirm(t('confirmDeleteEntry'))) return;
    await ctx.deleteEntry(exercise, entry.id);
    entries.splice(entries.indexOf(entry), 1);
    renderEntries();
    showForm(undefined);
    status.textContent = t('entryDeleted');
  };

  const showForm = (/** @type {Entry|undefined} */ editing) => {
    if (!editing && !exercise.repeatable && entries.length > 0) {
      replace(formHolder);
      return;
    }
    const submit = h('button', { type: 'submit' }, editing ? t('saveChanges') : exercise.repeatable ? t('addEntry') : t('save'));
    const formError = h('p', { class: 'error-text', role: 'alert', hidden: true });
    const form = h(
      'form',
      { novalidate: true, 'aria-label': editing ? t('editEntry') : exercise.title },
      editing ? h('h3', {}, t('editEntry')) : exercise.repeatable && entries.length ? h('h3', {}, t('newEntry')) : null,
      exercise.fields.map((f) => renderField(f, editing?.values[f.id])),
      formError,
      h('div', { class: 'actions' }, submit, editing ? h('button', { type: 'button', class: 'secondary', onclick: () => showForm(undefined) }, t('cancel')) : null),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const values = readFields(exercise.fields, form);
      /** @type {Record<string, string>} */
      const missing = {};
      for (const f of exercise.fields) if (f.required && values[f.id] === undefined) missing[f.id] = t('fieldRequired');
      if (Object.keys(missing).length) return showFieldErrors(form, missing);
      submit.disabled = true;
      try {
        const fieldErrors = await ctx.saveEntry(exercise, values, editing?.id);
        if (fieldErrors && Object.keys(fieldErrors).length) {
          showFieldErrors(form, fieldErrors);
          return;
        }
        if (editing) editing.values = values;
        renderEntries();
        showForm(undefined);
        status.textContent = t('entrySaved');
        status.focus?.();
      } catch (err) {
        formError.hidden = false;
        formError.textContent = /** @type {Error} */ (err).message;
      } finally {
        submit.disabled = false;
      }
    });
    replace(formHolder, form);
  };

  root.append(h('h2', { id: `exercise-${exercise.id}-title` }, exercise.title), trustedContent('div', exercise.html, { class: 'content' }), status, entriesList, formHolder);
  renderEntries();
  showForm(undefined);
  return root;
}
