// Renders a compiled part (section): its sanitized content, notes, exercises with
// their entries, and its questionnaires. Used by the person's client and the preview.
// An exercise shows its form first; saved entries follow, one line each, opened on tap.
import { h, trustedContent, replace, uid } from './dom.js';
import { renderField, readFields, showFieldErrors, describeValue, checkFields } from './fields.js';
import { t } from './i18n.js';
import { formatDate } from './format.js';
import { entrySummary } from './entry-summary.js';

/** @typedef {import('../../types/client').Section} Section */
/** @typedef {import('../../types/client').Exercise} Exercise */
/** @typedef {import('../../types/client').Note} Note */
/** @typedef {import('../../types/client').QuestionnaireRef} QuestionnaireRef */
/** @typedef {import('../../types/client').Instrument} Instrument */

/**
 * An entry as the page shows it: saved on the server (`id`), or kept on the device
 * until it can be sent (`waitingKey`).
 * @typedef {{ id?: string, waitingKey?: string, problem?: string, values: Record<string, unknown>, createdAt: string }} ShownEntry
 */

/**
 * What saving did: saved on the server, kept on the device, or refused with field errors.
 * @typedef {{ entry: ShownEntry, kept?: boolean } | { errors: Record<string, string> }} SaveResult
 */

/**
 * @typedef {{
 *   entries: Record<string, ShownEntry[]>,
 *   responses: Record<string, { createdAt: string }[]>,
 *   saveEntry: (exercise: Exercise, values: Record<string, unknown>, editing?: ShownEntry) => Promise<SaveResult>,
 *   deleteEntry: (exercise: Exercise, entry: ShownEntry) => Promise<void>,
 *   openQuestionnaire: (ref: string) => void,
 *   sectionHref?: (sectionId: string) => string,
 *   drafts?: { load: (exerciseId: string, entryId?: string) => Promise<Record<string, unknown> | undefined>, save: (exerciseId: string, entryId: string | undefined, values: Record<string, unknown>) => void, clear: (exerciseId: string, entryId?: string) => void },
 *   onEntriesChanged?: (exerciseId: string, render: () => void) => void,
 *   contentLang?: string,
 * }} SectionContext
 */

/**
 * @param {Section} section a CompiledSection
 * @param {{ instruments: Record<string, Instrument | undefined> }} program the instruments the part refers to
 * @param {SectionContext} ctx
 */
export function renderSectionBlocks(section, program, ctx) {
  return section.blocks.map((block) => {
    switch (block.type) {
      case 'html':
        return trustedContent('div', block.html, { class: 'content', lang: ctx.contentLang });
      case 'note':
        return renderNote(block, ctx);
      case 'exercise':
        return renderExercise(block, ctx);
      case 'questionnaire':
        return renderQuestionnaireCard(block, program, ctx);
      case 'recall':
        return renderRecall(/** @type {Recall} */ (block), ctx);
      default:
        return null;
    }
  });
}

/**
 * An earlier exercise's entries recalled in a later part (the engine's `::recall`), with
 * the entries the server filled in for this person.
 * @typedef {{ type: 'recall', exercise: string, section: string, sectionNumber: number, sectionTitle: string, title: string,
 *   fields: { id: string, label: string, type: string }[], entries?: { values: Record<string, unknown> }[] }} Recall
 */

/**
 * The person's own entries of an earlier exercise, read-only, with a link to the part where they are edited.
 * @param {Recall} block
 * @param {SectionContext} ctx
 */
function renderRecall(block, ctx) {
  const entries = block.entries ?? [];
  const href = ctx.sectionHref ? ctx.sectionHref(block.section) : `#/section/${block.section}`;
  const id = `recall-${block.exercise}`;
  return h(
    'section',
    { class: 'card recall', 'aria-labelledby': id },
    h('h2', { id, lang: ctx.contentLang }, block.title),
    entries.length
      ? h('ul', { class: 'entries' }, entries.map((entry) => h('li', {}, h('dl', { class: 'values' }, block.fields.flatMap((f) => [h('dt', { lang: ctx.contentLang }, f.label), h('dd', {}, describeValue(/** @type {any} */ (f), entry.values[f.id]))])))))
      : h('p', { class: 'hint' }, t('recallEmpty')),
    h('p', {}, h('a', { href }, t('recallEdit', { n: block.sectionNumber, title: block.sectionTitle }))),
  );
}

/**
 * @param {Note} block
 * @param {SectionContext} ctx
 */
function renderNote(block, ctx) {
  const label = block.title ?? t(`note_${block.kind}`);
  return h('aside', { class: `note note-${block.kind}`, 'aria-label': label }, h('p', { class: 'note-title', lang: block.title ? ctx.contentLang : undefined }, h('strong', {}, label)), trustedContent('div', block.html, { lang: ctx.contentLang }));
}

/**
 * @param {QuestionnaireRef} block
 * @param {{ instruments: Record<string, Instrument | undefined> }} program
 * @param {SectionContext} ctx
 */
function renderQuestionnaireCard(block, program, ctx) {
  const instrument = program.instruments[block.ref];
  const answered = ctx.responses[block.ref] ?? [];
  const last = answered[answered.length - 1];
  const titleId = uid('questionnaire');
  return h(
    'section',
    { class: 'card questionnaire-card', 'aria-labelledby': titleId },
    h('h2', { id: titleId, lang: ctx.contentLang }, instrument?.title ?? t('questionnaireFallback')),
    h('p', {}, last ? t('answeredOn', { date: formatDate(last.createdAt) }) : block.required ? t('questionnaireRequired') : t('questionnaireOptional')),
    h('button', { type: 'button', class: last ? 'secondary' : 'primary', onclick: () => ctx.openQuestionnaire(block.ref) }, last ? t('answerAgain') : t('answerNow')),
  );
}

/**
 * Whether a value was given (unanswered optional fields are left out of what is shown).
 * @param {unknown} value
 */
const answered = (value) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

/**
 * What the exercise asks for, in words.
 * @param {Exercise} exercise
 * @param {number} count entries so far
 */
function requirementText(exercise, count) {
  if (!exercise.required) return t('exerciseOptional');
  if (!exercise.repeatable || exercise.minEntries <= 1) return count > 0 ? t('exerciseDone') : t('exerciseRequiredOnce');
  const need = t('exerciseRequiredMany', { n: exercise.minEntries });
  return `${need} ${count === 0 ? t('entriesNone') : t('entriesSoFar', { n: count })}`;
}

/**
 * An exercise: instructions, the form (first), and the entries so far, one line each.
 * @param {Exercise} exercise
 * @param {SectionContext} ctx
 */
function renderExercise(exercise, ctx) {
  const titleId = `exercise-${exercise.id}-title`;
  const root = h('section', { class: 'exercise', id: `exercise-${exercise.id}`, 'aria-labelledby': titleId });
  const entries = (ctx.entries[exercise.id] ??= []);
  const requirement = h('p', { class: 'requirement' });
  const status = h('p', { class: 'save-status', role: 'status' });
  const entriesHolder = h('div');
  const formHolder = h('div');

  // A ladder is shown from its easiest step to its hardest, by its first rating field;
  // a log newest first.
  const rating = exercise.fields.find((f) => f.type === 'scale');
  const ordered = () =>
    exercise.kind === 'ladder' && rating
      ? [...entries].sort((a, b) => Number(a.values[rating.id] ?? 0) - Number(b.values[rating.id] ?? 0))
      : [...entries].reverse();

  /** @param {ShownEntry} entry */
  const waitingBadge = (entry) =>
    entry.waitingKey ? h('span', { class: entry.problem ? 'badge badge-problem' : 'badge badge-waiting' }, entry.problem ? t('waitingProblem') : t('waitingOnDevice')) : null;

  /** @param {ShownEntry} entry */
  const details = (entry) =>
    h(
      'div',
      { class: 'entry-body' },
      h('dl', { class: 'values', lang: ctx.contentLang }, exercise.fields.filter((f) => answered(entry.values[f.id])).flatMap((f) => [h('dt', {}, f.label), h('dd', {}, describeValue(f, entry.values[f.id]))])),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => showForm(entry) }, t('edit')),
        h('button', { type: 'button', class: 'secondary', onclick: () => remove(entry) }, t('delete')),
      ),
    );

  const renderEntries = () => {
    requirement.textContent = requirementText(exercise, entries.length);
    if (!exercise.repeatable) {
      const entry = entries[0];
      replace(entriesHolder, entry ? h('div', { class: 'entry-single' }, h('h3', {}, t('yourAnswer')), waitingBadge(entry), details(entry)) : null);
      return;
    }
    if (!entries.length) {
      replace(entriesHolder);
      return;
    }
    const headingId = uid('entries');
    replace(
      entriesHolder,
      h('h3', { id: headingId }, t('yourEntries', { n: entries.length })),
      h(
        'ul',
        { class: 'entries', 'aria-labelledby': headingId },
        ordered().map((entry) =>
          h(
            'li',
            { 'data-entry': entry.id ?? entry.waitingKey },
            h('details', {}, h('summary', {}, h('span', { class: 'entry-line', lang: ctx.contentLang }, entrySummary(exercise, entry.values, entry.createdAt)), waitingBadge(entry)), details(entry)),
          ),
        ),
      ),
    );
  };

  /** @param {ShownEntry} entry */
  const remove = async (entry) => {
    if (!window.confirm(t('confirmDeleteEntry'))) return;
    try {
      await ctx.deleteEntry(exercise, entry);
    } catch {
      status.textContent = t('deleteFailedOffline');
      return;
    }
    entries.splice(entries.indexOf(entry), 1);
    renderEntries();
    showForm(undefined);
    status.textContent = t('entryDeleted');
  };

  /** @param {ShownEntry | undefined} editing */
  const showForm = async (editing) => {
    if (!editing && !exercise.repeatable && entries.length > 0) {
      replace(formHolder);
      return;
    }
    const entryId = editing?.id ?? editing?.waitingKey;
    const draft = await ctx.drafts?.load(exercise.id, entryId);
    const start = draft ?? editing?.values;
    const submit = h('button', { type: 'submit', class: 'secondary strong' }, editing ? t('saveChanges') : t('save'));
    const formError = h('p', { class: 'error-text', role: 'alert', hidden: true });
    const form = h(
      'form',
      { novalidate: true, 'aria-label': editing ? t('editEntry') : exercise.repeatable ? t('newEntryOf', { title: exercise.title }) : exercise.title },
      editing ? h('h3', {}, t('editEntry')) : exercise.repeatable ? h('h3', {}, t('newEntry')) : null,
      draft ? h('p', { class: 'hint draft-note' }, t('draftRestored')) : null,
      exercise.fields.map((f) => renderField(f, start?.[f.id])),
      formError,
      h('div', { class: 'actions' }, submit, editing ? h('button', { type: 'button', class: 'secondary', onclick: () => showForm(undefined) }, t('cancel')) : null),
    );
    // Unsaved text is kept on the device as it is typed.
    form.addEventListener('input', () => ctx.drafts?.save(exercise.id, entryId, readFields(exercise.fields, form)));
    form.addEventListener('change', () => ctx.drafts?.save(exercise.id, entryId, readFields(exercise.fields, form)));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      formError.hidden = true;
      const values = readFields(exercise.fields, form);
      const problems = checkFields(exercise.fields, values);
      showFieldErrors(form, problems);
      if (Object.keys(problems).length) return;
      submit.disabled = true;
      try {
        const result = await ctx.saveEntry(exercise, values, editing);
        if ('errors' in result) {
          showFieldErrors(form, result.errors);
          return;
        }
        ctx.drafts?.clear(exercise.id, entryId);
        if (editing) entries.splice(entries.indexOf(editing), 1, result.entry);
        else entries.push(result.entry);
        renderEntries();
        status.textContent = result.kept ? t('keptOnDevice') : t('entrySaved');
        if (editing || !exercise.repeatable) {
          await showForm(undefined);
          /** @type {HTMLElement | null} */ (root.querySelector(`[data-entry="${result.entry.id ?? result.entry.waitingKey}"] summary`))?.focus();
        } else {
          /** @type {HTMLFormElement} */ (form).reset();
          for (const el of form.querySelectorAll('[aria-invalid]')) el.setAttribute('aria-invalid', 'false');
          form.querySelector('.draft-note')?.remove();
        }
      } catch {
        formError.hidden = false;
        formError.textContent = t('errorGeneric');
      } finally {
        submit.disabled = false;
      }
    });
    replace(formHolder, form);
    if (editing) /** @type {HTMLElement | null} */ (form.querySelector('input, textarea'))?.focus();
  };

  root.append(
    h('h2', { id: titleId, lang: ctx.contentLang }, exercise.title),
    trustedContent('div', exercise.html, { class: 'content', lang: ctx.contentLang }),
    requirement,
    formHolder,
    status,
    entriesHolder,
  );
  renderEntries();
  void showForm(undefined);
  ctx.onEntriesChanged?.(exercise.id, () => {
    renderEntries();
    if (!exercise.repeatable) void showForm(undefined);
  });
  return root;
}

