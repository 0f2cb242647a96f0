// Unsaved text in an exercise form, kept on the device as it is typed, so that
// closing the page (or the phone killing it) loses nothing. Tied to the owner key;
// removed when the entry is saved, and on logout and erasure.
import * as idb from '../idb.js';
import { getOwner } from './session.js';

/**
 * @param {string} exerciseId
 * @param {string} [entryId] the entry being edited; none for a new entry
 */
const keyOf = (exerciseId, entryId) => `${getOwner()}:${exerciseId}:${entryId ?? 'new'}`;

/**
 * The draft of a form, if any.
 * @param {string} exerciseId
 * @param {string} [entryId]
 * @returns {Promise<Record<string, unknown> | undefined>}
 */
export async function loadDraft(exerciseId, entryId) {
  if (!getOwner()) return undefined;
  const record = await idb.get('drafts', keyOf(exerciseId, entryId)).catch(() => undefined);
  return record?.values;
}

/**
 * @param {string} exerciseId
 * @param {string | undefined} entryId
 * @param {Record<string, unknown>} values
 */
export async function saveDraft(exerciseId, entryId, values) {
  const owner = getOwner();
  if (!owner) return;
  if (Object.keys(values).length === 0) return clearDraft(exerciseId, entryId);
  await idb.put('drafts', { key: keyOf(exerciseId, entryId), owner, values }).catch(() => {});
}

/**
 * @param {string} exerciseId
 * @param {string} [entryId]
 */
export async function clearDraft(exerciseId, entryId) {
  if (!getOwner()) return;
  await idb.remove('drafts', keyOf(exerciseId, entryId)).catch(() => {});
}
