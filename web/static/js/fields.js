// Exercise fields: one input per field type of the compiled program, with its label,
// hint and error wired for screen readers, and reading the value back out. Choices
// are large tappable options with the native input underneath.
import { h, uid } from './dom.js';
import { t, formatNumber } from './i18n.js';
import { formatDate } from './format.js';
import { scaleText, durationText } from './entry-summary.js';

/** @typedef {import('../../types/client').Field} Field */

/** A label that already says it is optional ("(hvis du vil)") gets no second marker. */
const saysOptional = /\((valgfritt|valfritt|hvis du vil|om du vil|viss du vil|frivillig|optional|if you like|if you want)\)/i;

/**
 * The label with "(valgfritt)" when the field is optional and the label does not say so.
 * @param {Field} field
 */
export function fieldLabel(field) {
  return field.required || saysOptional.test(field.label) ? field.label : `${field.label} (${t('optional')})`;
}

/**
 * The numbers of a scale field, from min to max by step.
 * @param {{ min?: number, max?: number, step?: number }} field
 */
export function scaleSteps(field) {
  const steps = [];
  const step = field.step && field.step > 0 ? field.step : 1;
  for (let n = field.min ?? 0; n <= (field.max ?? 10); n += step) steps.push(n);
  return steps;
}

/**
 * A row of large number options 0..10 with the anchors' meaning below.
 * @param {{ name: string, steps: number[], checked?: unknown, anchors?: string[], min: number, max: number, describedBy?: string }} options
 */
export function scaleOptions({ name, steps, checked, anchors, min, max, describedBy }) {
  return h(
    'div',
    { class: 'scale-wrap' },
    h('div', { class: 'scale' }, steps.map((n) => h('label', { class: 'scale-option' }, h('input', { type: 'radio', name, value: n, checked: checked === n, 'aria-describedby': describedBy }), h('span', {}, formatNumber(n))))),
    anchors ? h('p', { class: 'anchors' }, h('span', {}, `${formatNumber(min)} = ${anchors[0]}`), h('span', {}, `${formatNumber(max)} = ${anchors[1]}`)) : null,
  );
}

/**
 * Renders a field for input.
 * @param {Field} field a CompiledField
 * @param {unknown} value the saved value, if any
 * @returns {HTMLElement} a wrapper with data-field-id
 */
export function renderField(field, value) {
  const id = uid(`f-${field.id}`);
  const hintId = field.help ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  const label = fieldLabel(field);
  const hint = field.help ? h('p', { class: 'hint', id: hintId }, field.help) : null;
  const error = h('p', { class: 'error-text', id: errorId, hidden: true });
  /** @param {import('./dom.js').Children} control @param {boolean} [asGroup] */
  const wrap = (control, asGroup = false) =>
    asGroup
      ? h('fieldset', { class: 'field', 'data-field-id': field.id, 'aria-describedby': describedBy }, h('legend', {}, label), hint, control, error)
      : h('div', { class: 'field', 'data-field-id': field.id }, h('label', { for: id }, label), hint, control, error);
  const common = { id, name: field.id, 'aria-describedby': describedBy, required: field.required || undefined };
  const text = typeof value === 'string' ? value : '';

  switch (field.type) {
    case 'longtext':
      return wrap(h('textarea', { ...common, rows: 4, maxlength: 10000, placeholder: field.placeholder, value: text }));
    case 'number':
    case 'duration': {
      const unit = field.type === 'duration' ? t('minutesUnit') : field.unit;
      const input = h('input', { ...common, type: 'text', inputmode: field.type === 'duration' || Number.isInteger(field.step ?? 1) ? 'numeric' : 'decimal', autocomplete: 'off', value: typeof value === 'number' ? formatNumber(value, { maximumFractionDigits: 3, useGrouping: false }) : '' });
      return wrap(unit ? h('div', { class: 'with-unit' }, input, h('span', {}, unit)) : input);
    }
    case 'scale':
      return wrap(scaleOptions({ name: id, steps: scaleSteps(field), checked: value, anchors: field.anchors, min: field.min ?? 0, max: field.max ?? 10 }), true);
    case 'choice':
    case 'multichoice': {
      const multi = field.type === 'multichoice';
      const selected = new Set(Array.isArray(value) ? value : value ? [value] : []);
      const options = (field.options ?? []).map((o) =>
        h('label', { class: 'choice' }, h('input', { type: multi ? 'checkbox' : 'radio', name: id, value: o.value, checked: selected.has(o.value) }), h('span', {}, o.label)),
      );
      return wrap(h('div', { class: 'choices' }, options), true);
    }
    case 'boolean':
      return wrap(
        h(
          'div',
          { class: 'choices choices-row' },
          h('label', { class: 'choice' }, h('input', { type: 'radio', name: id, value: 'true', checked: value === true }), h('span', {}, t('yes'))),
          h('label', { class: 'choice' }, h('input', { type: 'radio', name: id, value: 'false', checked: value === false }), h('span', {}, t('no'))),
        ),
        true,
      );
    case 'time':
      return wrap(h('input', { ...common, type: 'time', value: text }));
    case 'date':
      return wrap(h('input', { ...common, type: 'date', value: text }));
    default:
      return wrap(h('input', { ...common, type: 'text', maxlength: 500, placeholder: field.placeholder, value: text, autocomplete: 'off' }));
  }
}

/**
 * A number as typed, with a decimal comma or point; NaN when it is not a number.
 * @param {string} typed
 */
export function parseNumber(typed) {
  const clean = typed.trim().replace(/\s/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(clean) ? Number(clean) : Number.NaN;
}

/**
 * Reads the values of `fields` from the rendered form. Unanswered fields are left out;
 * a number that is not one is returned as NaN (showFieldErrors explains it).
 * @param {Field[]} fields
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
        value = inputs[0]?.value.trim() === '' ? undefined : parseNumber(inputs[0]?.value ?? '');
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
 * What is wrong with `values` before anything is sent: required fields left empty,
 * numbers that are not numbers or out of range. Field id to message.
 * @param {Field[]} fields
 * @param {Record<string, unknown>} values
 */
export function checkFields(fields, values) {
  /** @type {Record<string, string>} */
  const errors = {};
  for (const f of fields) {
    const v = values[f.id];
    if (v === undefined) {
      if (f.required) errors[f.id] = t('fieldRequired');
    } else if ((f.type === 'number' || f.type === 'duration') && typeof v === 'number') {
      if (Number.isNaN(v)) errors[f.id] = t('fieldNotANumber');
      else if ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max) || (f.type === 'duration' && v < 0)) {
        errors[f.id] = f.max !== undefined ? t('fieldBetween', { min: formatNumber(f.min ?? 0), max: formatNumber(f.max) }) : t('fieldAtLeast', { min: formatNumber(f.min ?? 0) });
      }
    }
  }
  return errors;
}

/**
 * Shows per-field errors (and clears old ones); focuses the first field in error.
 * @param {HTMLElement} form
 * @param {Record<string, string>} errors field id to message
 */
export function showFieldErrors(form, errors) {
  /** @type {HTMLElement | null} */
  let first = null;
  for (const el of form.querySelectorAll('[data-field-id]')) {
    const message = errors[el.getAttribute('data-field-id') ?? ''];
    const errorEl = /** @type {HTMLElement | null} */ (el.querySelector('.error-text'));
    const controls = el.querySelectorAll('input, textarea');
    if (errorEl) {
      errorEl.hidden = !message;
      errorEl.textContent = message ?? '';
    }
    for (const c of controls) c.setAttribute('aria-invalid', message ? 'true' : 'false');
    if (message && !first) first = /** @type {HTMLElement | null} */ (controls[0] ?? null);
  }
  first?.focus();
}

/**
 * Shows a saved value for reading (entries, the professional's view), in words.
 * @param {Field} field
 * @param {unknown} value
 */
export function describeValue(field, value) {
  if (value === undefined || value === null || value === '') return t('notAnswered');
  switch (field.type) {
    case 'choice':
      return field.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'multichoice':
      return (Array.isArray(value) ? value : [value]).map((v) => field.options?.find((o) => o.value === v)?.label ?? String(v)).join(', ');
    case 'boolean':
      return value ? t('yes') : t('no');
    case 'duration':
      return typeof value === 'number' ? durationText(value) : String(value);
    case 'scale':
      return typeof value === 'number' ? scaleText(value, field) : String(value);
    case 'number':
      return typeof value === 'number' ? (field.unit ? `${formatNumber(value, { maximumFractionDigits: 3 })} ${field.unit}` : formatNumber(value, { maximumFractionDigits: 3 })) : String(value);
    case 'date':
      return typeof value === 'string' ? formatDate(value) : String(value);
    default:
      return String(value);
  }
}
