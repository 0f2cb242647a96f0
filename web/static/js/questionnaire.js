// A questionnaire or form, one item at a time (easy on a phone and for a tired
// person), with large answer options, Back and Next, then a summary and Send.
import { h, replace, uid } from './dom.js';
import { t, formatNumber } from './i18n.js';
import { OfflineError } from './api.js';
import { scaleOptions } from './fields.js';

/** @typedef {import('../../types/client').Instrument} Instrument */
/** @typedef {Instrument['items'][number]} Item */

/**
 * The answer options of an item: its own, the instrument's shared ones, or a scale's numbers.
 * @param {Instrument} instrument
 * @param {Item} item
 * @returns {{ value: number, label: string }[]}
 */
function optionsOf(instrument, item) {
  if (item.type === 'scale') return Array.from({ length: (item.max ?? 10) - (item.min ?? 0) + 1 }, (_, i) => ({ value: (item.min ?? 0) + i, label: formatNumber((item.min ?? 0) + i) }));
  return item.options ?? instrument.options ?? [];
}

/**
 * @param {Instrument} instrument an Instrument of the compiled program
 * @param {{ onSubmit: (answers: Record<string, number | string | null>) => Promise<void>, onCancel?: () => void, footer?: HTMLElement | null, contentLang?: string }} options
 * @returns {HTMLElement}
 */
export function renderQuestionnaire(instrument, { onSubmit, onCancel, footer, contentLang }) {
  const items = instrument.items;
  /** @type {Record<string, number | string | null>} */
  const answers = {};
  let index = 0;
  const titleId = uid('q');
  const status = h('p', { class: 'question-step', 'aria-live': 'polite' });
  const body = h('div');
  // Through h(), which skips what is absent: a native append() would print "null".
  const root = h(
    'section',
    { class: 'questionnaire', 'aria-labelledby': titleId },
    h('h1', { id: titleId, lang: contentLang }, instrument.title),
    typeof instrument.instructions === 'string' && instrument.instructions ? h('p', { lang: contentLang }, instrument.instructions) : null,
    typeof instrument.recallPeriod === 'string' && instrument.recallPeriod ? h('p', { class: 'muted', lang: contentLang }, instrument.recallPeriod) : null,
    status,
    body,
    footer,
  );

  const showItem = () => {
    if (index >= items.length) return showSummary();
    const item = /** @type {Item} */ (items[index]);
    status.textContent = t('questionOf', { n: index + 1, total: items.length });
    const legendId = uid('legend');
    const error = h('p', { class: 'error-text', hidden: true, role: 'alert' });
    /** @type {HTMLElement} */
    let control;
    if (item.type === 'text') {
      const id = uid('text');
      const saved = answers[item.id];
      control = h('div', { class: 'field' }, h('label', { for: id, class: 'visually-hidden' }, item.text ?? ''), h('textarea', { id, rows: 4, value: typeof saved === 'string' ? saved : '' }));
    } else if (item.type === 'scale') {
      control = scaleOptions({ name: `item-${item.id}`, steps: optionsOf(instrument, item).map((o) => o.value), checked: answers[item.id], anchors: item.anchors, min: item.min ?? 0, max: item.max ?? 10 });
    } else {
      control = h(
        'div',
        { class: 'choices' },
        optionsOf(instrument, item).map((o) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: `item-${item.id}`, value: o.value, checked: answers[item.id] === o.value }), h('span', {}, o.label))),
      );
    }
    const fieldset = h('fieldset', { class: 'plain' }, h('legend', { id: legendId, class: 'question', lang: contentLang }, item.text ?? ''), control, error);
    const read = () => {
      if (item.type === 'text') {
        const v = /** @type {HTMLTextAreaElement} */ (fieldset.querySelector('textarea')).value.trim();
        return v || undefined;
      }
      const checked = /** @type {HTMLInputElement|null} */ (fieldset.querySelector('input:checked'));
      return checked ? Number(checked.value) : undefined;
    };
    const next = h('button', { type: 'submit', class: 'primary' }, index === items.length - 1 ? t('review') : t('next'));
    const back = h('button', { type: 'button', class: 'secondary', onclick: () => { answers[item.id] = read() ?? null; index = Math.max(0, index - 1); showItem(); } }, t('back'));
    const form = h('form', { novalidate: true }, fieldset, h('div', { class: 'actions' }, next, index > 0 ? back : onCancel ? h('button', { type: 'button', class: 'secondary', onclick: onCancel }, t('cancel')) : null));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = read();
      if (value === undefined && !item.optional) {
        error.hidden = false;
        error.textContent = t('chooseAnswer');
        /** @type {HTMLElement | null} */ (fieldset.querySelector('input, textarea'))?.focus();
        return;
      }
      answers[item.id] = value ?? null;
      index += 1;
      showItem();
    });
    replace(body, form);
    /** @type {HTMLElement|null} */ (form.querySelector('input:checked, input, textarea'))?.focus();
  };

  const showSummary = () => {
    status.textContent = t('reviewAnswers');
    const rows = items.map((item) => {
      const value = answers[item.id];
      const label =
        value === undefined || value === null ? t('notAnswered') : typeof value === 'string' ? value : (optionsOf(instrument, item).find((o) => o.value === value)?.label ?? formatNumber(value));
      return h('li', {}, h('span', { lang: contentLang }, item.text ?? ''), h('strong', {}, label));
    });
    const error = h('p', { class: 'error-text', hidden: true, role: 'alert' });
    const send = h('button', { type: 'submit', class: 'primary' }, t('send'));
    const form = h('form', {}, h('ol', { class: 'answers' }, rows), error, h('div', { class: 'actions' }, send, h('button', { type: 'button', class: 'secondary', onclick: () => { index = items.length - 1; showItem(); } }, t('back'))));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      send.disabled = true;
      error.hidden = true;
      try {
        await onSubmit(answers);
      } catch (err) {
        error.hidden = false;
        error.textContent = err instanceof OfflineError ? t('offlineAnswersNotSent') : t('errorGeneric');
        send.disabled = false;
      }
    });
    replace(body, form);
    send.focus();
  };

  showItem();
  return root;
}
