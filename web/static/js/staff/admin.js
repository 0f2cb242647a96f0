// Administration for organisation admins: staff accounts (new accounts, resetting a
// colleague's two-step login), licences, and API keys for partners' back ends.
import { h, uid, replace } from '../dom.js';
import { t } from '../i18n.js';
import { formatDate } from '../format.js';
import { show, alertBox } from '../shell.js';
import { api, staffInfo } from './session.js';

export async function adminView() {
  if (staffInfo()?.role !== 'admin') {
    show(h('h1', {}, t('adminTitle')), alertBox(t('adminOnly')));
    return;
  }
  const [{ programs }, { keys }, { accounts }] = await Promise.all([api.get('/v1/staff/programs'), api.get('/v1/staff/api-keys'), api.get('/v1/staff/accounts')]);
  const licences = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ['programLabel', 'colTotal', 'colUsed', 'colRemaining'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, programs.map((p) => h('tr', {}, h('td', {}, p.title), h('td', {}, String(p.licences.total)), h('td', {}, String(p.licences.used)), h('td', {}, String(p.licences.remaining))))),
    ),
  );
  const nameId = uid('key');
  const status = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {},
    h('div', { class: 'field' }, h('label', { for: nameId }, t('apiKeyName')), h('input', { id: nameId, type: 'text', required: true })),
    h(
      'fieldset',
      {},
      h('legend', {}, t('apiKeyScopes')),
      ['codes:create', 'codes:read'].map((s) => h('label', { class: 'choice' }, h('input', { type: 'checkbox', value: s, checked: true }), h('span', {}, t(`scope_${s.replace(':', '_')}`)))),
    ),
    status,
    h('button', { type: 'submit', class: 'secondary strong' }, t('createKey')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const scopes = [...form.querySelectorAll('input[type=checkbox]:checked')].map((i) => /** @type {HTMLInputElement} */ (i).value);
    try {
      const created = await api.post('/v1/staff/api-keys', {}, { name: /** @type {HTMLInputElement} */ (form.querySelector(`#${nameId}`)).value, scopes: /** @type {('codes:create' | 'codes:read')[]} */ (scopes) });
      replace(status, alertBox(t('keyShownOnce', { key: created.key ?? '' }), 'success'));
    } catch (err) {
      replace(status, alertBox(/** @type {Error} */ (err).message, 'error'));
    }
  });
  const keyList = keys.length
    ? h(
        'ul',
        {},
        keys.map((k) =>
          h('li', {}, `${k.name} (${k.scopes.join(', ')}) – ${formatDate(k.createdAt)} `, h('button', { type: 'button', class: 'link', onclick: async () => { await api.del('/v1/staff/api-keys/{ref}', { ref: k.ref }); adminView(); } }, t('revokeKey')), keyAllowances(k.ref, programs)),
        ),
      )
    : h('p', {}, t('noKeys'));
  show(h('h1', {}, t('adminTitle')), h('h2', {}, t('staffAccountsTitle')), staffAccounts(accounts), h('h2', {}, t('licencesTitle')), licences, h('h2', {}, t('apiKeysTitle')), keyList, form);
}

/** @param {import('../../../types/client').Schemas['StaffAccountList']['accounts']} accounts */
function staffAccounts(accounts) {
  const status = h('div', { 'aria-live': 'polite' });
  const rows = accounts.map((a) =>
    h(
      'tr',
      {},
      h('td', {}, a.username),
      h('td', {}, t(`role_${a.role}`)),
      h('td', {}, a.twoFactor ? t('twoFactorOn') : t('twoFactorOff')),
      h(
        'td',
        {},
        a.twoFactor
          ? h('button', {
              type: 'button',
              class: 'link',
              onclick: async () => {
                await api.post('/v1/staff/accounts/{username}/totp/reset', { username: a.username });
                replace(status, alertBox(t('resetTwoFactorDone', { username: a.username }), 'success'));
              },
            }, `${t('resetTwoFactor')} (${a.username})`)
          : null,
      ),
    ),
  );
  const usernameId = uid('username');
  const roleId = uid('role');
  const form = h(
    'form',
    {},
    h('h3', {}, t('newStaffTitle')),
    h('div', { class: 'field' }, h('label', { for: usernameId }, t('usernameLabel')), h('input', { id: usernameId, type: 'text', required: true, autocomplete: 'off', pattern: '[a-z0-9][a-z0-9._\\-]{1,62}' })),
    h('div', { class: 'field' }, h('label', { for: roleId }, t('roleLabel')), h('select', { id: roleId }, ['professional', 'admin'].map((r) => h('option', { value: r }, t(`role_${r}`))))),
    h('button', { type: 'submit', class: 'secondary' }, t('createStaff')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await api.post('/v1/staff/accounts', {}, {
        username: /** @type {HTMLInputElement} */ (form.querySelector(`#${usernameId}`)).value.trim(),
        role: /** @type {'admin' | 'professional'} */ (/** @type {HTMLSelectElement} */ (form.querySelector('select')).value),
      });
      replace(status, alertBox(t('oneTimePassword', { username: created.username, password: created.password }), 'success'));
    } catch (err) {
      replace(status, alertBox(/** @type {Error} */ (err).message, 'error'));
    }
  });
  return h(
    'div',
    {},
    h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, ['colUsername', 'colRole', 'colTwoFactor'].map((k) => h('th', { scope: 'col' }, t(k))), h('td', {}))), h('tbody', {}, rows))),
    status,
    form,
  );
}

/**
 * A key's own licences per program (a sub-pool of the organisation's) and what it issued,
 * loaded when opened.
 * @param {string} ref
 * @param {import('../../../types/client').Schemas['StaffPrograms']['programs']} programs
 */
function keyAllowances(ref, programs) {
  const body = h('div', {});
  const box = h('details', { class: 'key-allowances' }, h('summary', {}, t('keyAllowances')), body);
  const load = async () => {
    const [{ allowances }, { issued }] = await Promise.all([api.get('/v1/staff/api-keys/{ref}/allowances', { ref }), api.get('/v1/staff/api-keys/{ref}/issued', { ref })]);
    const programId = uid('kprog');
    const totalId = uid('ktotal');
    const status = h('div', { 'aria-live': 'polite' });
    const form = h(
      'form',
      {},
      h('div', { class: 'field' }, h('label', { for: programId }, t('programLabel')), h('select', { id: programId }, programs.map((p) => h('option', { value: p.id }, p.title)))),
      h('div', { class: 'field' }, h('label', { for: totalId }, t('keyAllowanceTotal')), h('input', { id: totalId, type: 'number', min: '0', step: '1', required: true })),
      status,
      h('button', { type: 'submit', class: 'secondary' }, t('keyAllowanceSet')),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await api.put('/v1/staff/api-keys/{ref}/allowances/{programId}', { ref, programId: /** @type {HTMLSelectElement} */ (form.querySelector(`#${programId}`)).value }, { total: Number(/** @type {HTMLInputElement} */ (form.querySelector(`#${totalId}`)).value) });
        await load();
      } catch (err) {
        replace(status, alertBox(/** @type {Error} */ (err).message, 'error'));
      }
    });
    replace(
      body,
      h('div', {},
        allowances.length
          ? h('ul', {}, allowances.map((a) => h('li', {}, t('keyAllowanceLine', { program: programs.find((p) => p.id === a.programId)?.title ?? a.programId, remaining: String(a.remaining), total: String(a.total) }))))
          : h('p', {}, t('keyAllowanceNone')),
        form,
        h('p', {}, t('keyIssued', { n: String(issued.length) })),
      ),
    );
  };
  box.addEventListener('toggle', () => {
    if (/** @type {HTMLDetailsElement} */ (box).open) load().catch((err) => replace(body, alertBox(/** @type {Error} */ (err).message, 'error')));
  });
  return box;
}
