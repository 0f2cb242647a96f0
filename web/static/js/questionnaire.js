// A questionnaire or form, one item at a time (easy on a phone and for a tired
// person), with Back and Next, then a summary and Send.
import { h, replace, uid } from './dom.js';
import { t } from './i18n.js';

/**
 * @param {any} instrument an Instrument of the compiled program
 * @param {{ onSubmit: (answers: Record<string, unknown>) => Promise<void>, onCancel?: () => void }} options
 * @returns {HTMLElement}
 */
export function renderQuestionnaire(instrument, { onSubmit, onCancel }) {
  const items = instrument.items;
  /** @type {Record<string, unknown>} */
  const answers = {};
  let index = 0;
  const root = h('section', { class: 'questionnaire', 'aria-labelledby': uid('q') });
  const titleId = root.getAttribute('aria-labelledby');
  const status = h('p', { class: 'question-step', 'aria-live': 'polite' });
  const body = h('div');
  // Our own wording of a published instrument says so by name ("Egen norsk tilpasning av PHQ-9 ...").
  const wording = instrument.wording?.source === 'adapted' ? h('p', { class: 'hint' }, instrument.wording.label ?? t('adaptedWording')) : null;
  root.append(
    h('h1', { id: titleId }, instrument.title),
    instrument.instructions ? h('p', {}, instrument.instructions) : null,
    instrument.recallPeriod ? h('p', { class: 'muted' }, instrument.recallPeriod) : null,
    wording,
    status,
    body,
  );

  const show = () => {
    if (index >= items.length) return showSummary();
    const item = items[index];
    status.textContent = t('questionOf', { n: index + 1, total: items.length });
    const legendId = uid('legend');
    const error = h('p', { class: 'error-text', hidden: true, role: 'alert' });
    let control;
    if (item.type === 'text') {
      const id = uid('text');
      control = h('div', { class: 'field' }, h('label', { for: id, class: 'visually-hidden' }, item.text), h('textarea', { id, rows: 4, value: answers[item.id] ?? '' }));
    } else {
      const options =
        item.type === 'scale'
          ? Array.from({ length: item.max - item.min + 1 }, (_, i) => ({ value: item.min + i, label: String(item.min + i) }))
          : (item.options ?? instrument.options);
      control = h(
        'div',
        { class: item.type === 'scale' ? 'scale' : '' },
        options.map((o) =>
          h(
            'label',
            { class: item.type === 'scale' ? '' : 'choice' },
            h('input', { type: 'radio', name: `item-${item.id}`, value: o.value, checked: answers[item.id] === o.value }),
            item.type === 'scale' ? h('span', { class: 'pill' }, o.label) : h('span', {}, o.label),
          ),
        ),
      );
      if (item.type === 'scale' && item.anchors) control = h('div', {}, control, h('div', { class: 'anchors' }, h('span', {}, `${item.min} = ${item.anchors[0]}`), h('span', {}, `${item.max} = ${item.anchors[1]}`)));
    }
    const fieldset = h('fieldset', { class: 'plain' }, h('legend', { id: legendId }, item.text ?? item.id), control, error);
    const read = () => {
      if (item.type === 'text') {
        const v = /** @type {HTMLTextAreaElement} */ (fieldset.querySelector('textarea')).value.trim();
        return v || undefined;
      }
      const checked = /** @type {HTMLInputElement|null} */ (fieldset.querySelector('input:checked'));
      return checked ? Number(checked.value) : undefined;
    };
    const next = h('button', { type: 'submit' }, index === items.length - 1 ? t('review') : t('next'));
    const back = h('button', { type: 'button', class: 'secondary', onclick: () => { answers[item.id] = read(); index = Math.max(0, index - 1); show(); } }, t('back'));
    const form = h('form', { novalidate: true }, fieldset, h('div', { class: 'actions' }, next, index > 0 ? back : onCancel ? h('button', { type: 'button', class: 'secondary', onclick: onCancel }, t('cancel')) : null));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = read();
      if (value === undefined && !item.optional) {
        error.hidden = false;
        error.textContent = t('chooseAnswer');
        return;
      }
      answers[item.id] = value;
      index += 1;
      show();
    });
    replace(body, form);
    /** @type {HTMLElement|null} */ (form.querySelector('input, textarea'))?.focus();
  };

  const showSummary = () => {
    status.textContent = t('reviewAnswers');
    const rows = items.map((item) => {
      const value = answers[item.id];
      const options = item.options ?? instrument.options ?? [];
      const label = value === undefined ? '–' : item.type === 'choice' || !item.type ? (options.find((o) => o.value === value)?.label ?? String(value)) : String(value);
      return h('li', {}, h('span', {}, item.text ?? item.id), ': ', h('strong', {}, label));
    });
    const error = h('p', { class: 'error-text', hidden: true, role: 'alert' });
    const send = h('button', { type: 'submit' }, t('send'));
    const form = h('form', {}, h('ol', {}, rows), error, h('div', { class: 'actions' }, send, h('button', { type: 'button', class: 'secondary', onclick: () => { index = items.length - 1; show(); } }, t('back'))));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      send.disabled = true;
      try {
        await onSubmit(answers);
      } catch (err) {
        error.hidden = false;
        error.textContent = /** @type {Error} */ (err).message;
        send.disabled = false;
      }
    });
    replace(body, form);
    send.focus();
  };

  show();
  return root;
}
