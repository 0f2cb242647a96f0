// Exercise fields: one input per field type of the compiled program, with its label,
// hint and error wired for screen readers, and reading the value back out.
import { h, uid } from './dom.js';
import { t } from './i18n.js';

/**
 * Renders a field for input.
 * @param {any} field a CompiledField
 * @param {unknown} value the saved value, if any
 * @returns {HTMLElement} a wrapper with data-field-id
 */
export function renderField(field, value) {
  const id = uid(`f-${field.id}`);
  const hintId = field.help ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  const label = `${field.label}${field.required ? '' : ` (${t('optional')})`}`;
  const hint = field.help ? h('p', { class: 'hint', id: hintId }, field.help) : null;
  const error = h('p', { class: 'error-text', id: errorId, hidden: true });
  const wrap = (control, asGroup = false) =>
    asGroup
      ? h('fieldset', { class: 'field', 'data-field-id': field.id, 'aria-describedby': describedBy }, h('legend', {}, label), hint, control, error)
      : h('div', { class: 'field', 'data-field-id': field.id }, h('label', { for: id }, label), hint, control, error);
  const common = { id, name: field.id, 'aria-describedby': describedBy, required: field.required || undefined };

  switch (field.type) {
    case 'longtext':
      return wrap(h('textarea', { ...common, rows: 4, maxlength: 10000, placeholder: field.placeholder, value: value ?? '' }));
    case 'number':
    case 'duration': {
      const unit = field.type === 'duration' ? t('minutes') : field.unit;
      const input = h('input', { ...common, type: 'number', inputmode: 'decimal', min: field.min ?? (field.type === 'duration' ? 0 : undefined), max: field.max, step: field.step ?? 'any', value: value ?? '' });
      return wrap(unit ? h('div', { class: 'with-unit' }, input, ' ', h('span', {}, unit)) : input);
    }
    case 'scale': {
      const pills = [];
      for (let n = field.min ?? 0; n <= (field.max ?? 10); n += field.step ?? 1) {
        pills.push(h('label', {}, h('input', { type: 'radio', name: `${id}`, value: n, checked: value === n, required: field.required || undefined }), h('span', { class: 'pill' }, String(n))));
      }
      const anchors = field.anchors ? h('div', { class: 'anchors', 'aria-hidden': 'true' }, h('span', {}, `${field.min ?? 0} = ${field.anchors[0]}`), h('span', {}, `${field.max ?? 10} = ${field.anchors[1]}`)) : null;
      const hintText = field.anchors ? h('p', { class: 'visually-hidden' }, `${field.min ?? 0}: ${field.anchors[0]}. ${field.max ?? 10}: ${field.anchors[1]}.`) : null;
      return wrap([hintText, h('div', { class: 'scale' }, pills), anchors], true);
    }
    case 'choice':
    case 'multichoice': {
      const multi = field.type === 'multichoice';
      const selected = multi ? new Set(Array.isArray(value) ? value : []) : new Set(value ? [value] : []);
      const options = field.options.map((o) =>
        h('label', { class: 'choice' }, h('input', { type: multi ? 'checkbox' : 'radio', name: id, value: o.value, checked: selected.has(o.value) }), h('span', {}, o.label)),
      );
      return wrap(options, true);
    }
    case 'boolean':
      return wrap(
        [
          h('label', { class: 'choice' }, h('input', { type: 'radio', name: id, value: 'true', checked: value === true }), h('span', {}, t('yes'))),
          h('label', { class: 'choice' }, h('input', { type: 'radio', name: id, value: 'false', checked: value === false }), h('span', {}, t('no'))),
        ],
        true,
      );
    case 'time':
      return wrap(h('input', { ...common, type: 'time', value: value ?? '' }));
    case 'date':
      return wrap(h('input', { ...common, type: 'date', value: value ?? '' }));
    default:
      return wrap(h('input', { ...common, type: 'text', maxlength: 500, placeholder: field.placeholder, value: value ?? '', autocomplete: 'off' }));
  }
}

/**
 * Reads the values of `fields` from the rendered form. Unanswered fields are left out.
 * @param {any[]} fields
 * @param {HTMLElement} form
 * @returns {Record<string, unknown>}
 */
export function readFields(fields, form) {
  /** @type {Record<string, unknown>} */
  const values = {};
  for (const field of fields) {
    const el = form.querySelector(`[data-field-id="${field.id}"]`);
    if (!el) continue;
    const inputs = /** @type {HTMLInputElement[]} */ ([...el.querySelectorAll('input, textarea')]);
    let value;
    switch (field.type) {
      case 'scale': {
        const checked = inputs.find((i) => i.checked);
        value = checked ? Number(checked.value) : undefined;
        break;
      }
      case 'number':
      case 'duration':
        value = inputs[0]?.value === '' ? undefined : Number(inputs[0]?.value);
        break;
      case 'choice':
        value = inputs.find((i) => i.checked)?.value;
        break;
      case 'multichoice': {
        const picked = inputs.filter((i) => i.checked).map((i) => i.value);
        value = picked.length ? picked : undefined;
        break;
      }
      case 'boolean': {
        const checked = inputs.find((i) => i.checked);
        value = checked ? checked.value === 'true' : undefined;
        break;
      }
      default:
        value = inputs[0]?.value.trim() || undefined;
    }
    if (value !== undefined) values[field.id] = value;
  }
  return values;
}

/**
 * Shows per-field errors (and clears old ones); focuses the first field in error.
 * @param {HTMLElement} form
 * @param {Record<string, string>} errors field id to message
 */
export function showFieldErrors(form, errors) {
  let first = null;
  for (const el of form.querySelectorAll('[data-field-id]')) {
    const message = errors[el.getAttribute('data-field-id') ?? ''];
    const errorEl = /** @type {HTMLElement} */ (el.querySelector('.error-text'));
    const controls = el.querySelectorAll('input, textarea');
    if (errorEl) {
      errorEl.hidden = !message;
      errorEl.textContent = message ?? '';
    }
    for (const c of controls) c.setAttribute('aria-invalid', message ? 'true' : 'false');
    if (message && !first) first = controls[0];
  }
  if (first) /** @type {HTMLElement} */ (first).focus();
}

/** Shows a saved value for reading (entries lists, the professional's view). */
export function describeValue(field, value) {
  if (value === undefined || value === null || value === '') return '–';
  switch (field.type) {
    case 'choice':
      return field.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'multichoice':
      return (Array.isArray(value) ? value : [value]).map((v) => field.options?.find((o) => o.value === v)?.label ?? v).join(', ');
    case 'boolean':
      return value ? t('yes') : t('no');
    case 'duration':
      return `${value} ${t('minutes')}`;
    case 'scale':
      return `${value} / ${field.max ?? 10}`;
    case 'number':
      return field.unit ? `${value} ${field.unit}` : String(value);
    default:
      return String(value);
  }
}
