// The audit log for admins: who read or changed what and when, early opens with their
// reasons, failed logins; filtered by time, account and kind of action, newest first,
// a page at a time. It names staff accounts and code refs, never a person.
import { h, uid, replace } from '../dom.js';
import { t } from '../i18n.js';
import { formatDateTime } from '../format.js';
import { show, alertBox } from '../shell.js';
import { api, staffInfo } from './session.js';

/** @typedef {import('../../../types/client').Schemas['AuditPage']['events'][number]} Entry */

/** Kinds of action to filter by: a prefix ending in '.' takes every action under it. */
const kinds = ['', 'code.', 'code.read', 'code.unlock', 'flag.handle', 'staff.login.', 'report.', 'group.', 'audit.read'];

/** @param {Entry} e */
function row(e) {
  const who = e.account ?? (e.apiKey ? t('auditApiKey', { ref: e.apiKey }) : t('auditUnknownAccount'));
  const what = e.sectionId ? t('auditEarlyOpen', { section: e.sectionId, reason: e.reason ?? '' }) : '';
  return h(
    'tr',
    {},
    h('td', {}, formatDateTime(e.at)),
    h('td', {}, who),
    h('td', {}, h('code', {}, e.action)),
    h('td', {}, e.codeRef ? h('a', { href: `#/codes/${e.codeRef}` }, e.codeRef) : ''),
    h('td', {}, what),
  );
}

export async function auditView() {
  if (staffInfo()?.role !== 'admin') {
    show(h('h1', {}, t('auditTitle')), alertBox(t('adminOnly')));
    return;
  }
  const { accounts } = await api.get('/v1/staff/accounts');
  const ids = { from: uid('from'), to: uid('to'), account: uid('account'), action: uid('action') };
  const body = h('tbody', {});
  const status = h('div', { 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('auditOlder'));
  /** @type {number | null} */
  let next = null;
  const form = h(
    'form',
    { class: 'report-form' },
    h('div', { class: 'field' }, h('label', { for: ids.from }, t('auditFrom')), h('input', { id: ids.from, type: 'date' })),
    h('div', { class: 'field' }, h('label', { for: ids.to }, t('auditTo')), h('input', { id: ids.to, type: 'date' })),
    h('div', { class: 'field' }, h('label', { for: ids.account }, t('auditAccount')), h('select', { id: ids.account }, h('option', { value: '' }, t('auditEveryone')), accounts.map((a) => h('option', { value: a.username }, a.username)))),
    h('div', { class: 'field' }, h('label', { for: ids.action }, t('auditAction')), h('select', { id: ids.action }, kinds.map((k) => h('option', { value: k }, k ? t(`auditKind_${k.replace(/\.$/, '').replace(/\./g, '_')}`) : t('auditEveryAction'))))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('auditShow'))),
  );
  /** @param {string} id */
  const value = (id) => /** @type {HTMLInputElement} */ (form.querySelector(`#${id}`)).value;
  /** @param {boolean} fresh */
  const load = async (fresh) => {
    /** @type {Record<string, string>} */
    const q = { from: value(ids.from), account: value(ids.account), action: value(ids.action) };
    // "To" is inclusive on the page: the API's `to` is the start of the next day.
    const to = value(ids.to);
    if (to) q.to = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    if (!fresh && next !== null) q.before = String(next);
    const query = `?${new URLSearchParams(Object.entries(q).filter(([, v]) => v)).toString()}`;
    try {
      const page = await api.get('/v1/staff/audit', {}, query);
      if (fresh) body.replaceChildren();
      body.append(...page.events.map(row));
      next = page.next;
      more.hidden = next === null;
      replace(status, page.events.length || !fresh ? '' : h('p', {}, t('auditNone')));
    } catch (err) {
      replace(status, alertBox(err instanceof Error ? err.message : t('errorGeneric'), 'error'));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load(true);
  });
  more.addEventListener('click', () => load(false));
  const table = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', { class: 'visually-hidden' }, t('auditTitle')),
      h('thead', {}, h('tr', {}, ['auditColWhen', 'auditColWho', 'auditColAction', 'auditColCode', 'auditColDetail'].map((k) => h('th', { scope: 'col' }, t(k))))),
      body,
    ),
  );
  show(h('h1', {}, t('auditTitle')), h('p', {}, t('auditIntro')), form, status, table, h('div', { class: 'actions' }, more));
  await load(true);
}
