// A code field that groups the characters as they are typed (7K3M-Q9XH-2WDC-R4TB-J),
// keeping the caret where the person is typing. The server ignores dashes, spaces and
// case, so the grouping is only for the eye.

/** Characters that are not part of the code itself. */
const separators = /[\s-]/;

/**
 * Groups what was typed and moves the caret with it: the first 16 characters in
 * groups of four, then the check character. Letters are shown in upper case; no
 * trailing dash is added, so deleting never fights the grouping.
 *
 * @example
 *   groupAsTyped('7k3mq', 5) // { value: '7K3M-Q', caret: 6 }
 * @param {string} raw the field's value
 * @param {number} caret the caret position in `raw`
 * @returns {{ value: string, caret: number }}
 */
export function groupAsTyped(raw, caret) {
  const chars = [...raw].filter((c) => !separators.test(c)).map((c) => c.toUpperCase());
  const before = [...raw.slice(0, caret)].filter((c) => !separators.test(c)).length;
  let value = '';
  let newCaret = 0;
  chars.forEach((c, i) => {
    if (i > 0 && i % 4 === 0 && i <= 16) value += '-';
    value += c;
    if (i + 1 === before) newCaret = value.length;
  });
  return { value, caret: before === 0 ? 0 : newCaret };
}

/**
 * Makes `input` group its characters as typed. Backspace just after a dash deletes the
 * character before the dash, as a person expects.
 * @param {HTMLInputElement} input
 */
export function groupWhileTyping(input) {
  const apply = () => {
    const caret = input.selectionStart ?? input.value.length;
    const next = groupAsTyped(input.value, caret);
    if (next.value !== input.value) {
      input.value = next.value;
      if (document.activeElement === input) input.setSelectionRange(next.caret, next.caret);
    }
  };
  input.addEventListener('beforeinput', (event) => {
    const start = input.selectionStart ?? 0;
    if (event.inputType === 'deleteContentBackward' && start === input.selectionEnd && start > 1 && input.value[start - 1] === '-') {
      event.preventDefault();
      const next = groupAsTyped(input.value.slice(0, start - 2) + input.value.slice(start), start - 2);
      input.value = next.value;
      input.setSelectionRange(next.caret, next.caret);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  input.addEventListener('input', (event) => {
    if (/** @type {InputEvent} */ (event).isComposing) return;
    apply();
  });
  input.addEventListener('blur', apply);
}
