/** The searchset Bundle of Questionnaires found by a search, each with the URL it is read at. */
import type { Questionnaire, QuestionnaireBundle } from './fhir-types.ts';

/**
 * @example
 *   searchset(questionnaires, (q) => `${base}/Questionnaire/${q.id}`, `${base}/Questionnaire`, now);
 */
export function searchset(resources: readonly Questionnaire[], urlOf: (resource: Questionnaire) => string, self: string, now: string): QuestionnaireBundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp: now,
    total: resources.length,
    link: [{ relation: 'self', url: self }],
    entry: resources.map((resource) => ({ fullUrl: urlOf(resource), resource, search: { mode: 'match' } })),
  };
}
