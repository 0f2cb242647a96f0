// About Mestring: what it is, who sees what, where the questionnaires' wording comes
// from (told here once, not on every questionnaire), and where to get help.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { show } from '../shell.js';

export function aboutView() {
  show(
    h('h1', {}, t('aboutTitle')),
    h('p', {}, t('aboutIntro')),
    h('h2', {}, t('aboutPrivacyTitle')),
    h('p', {}, t('aboutPrivacy')),
    h('h2', { id: 'questionnaires' }, t('aboutQuestionnairesTitle')),
    h('p', {}, t('aboutQuestionnairesBody')),
    h('h2', {}, t('aboutHelpTitle')),
    h('p', {}, t('aboutHelpBody')),
    h('p', {}, h('a', { href: '#/' }, t('overviewBack'))),
  );
}
