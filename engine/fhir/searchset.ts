/** A FHIR R4 searchset Bundle of resources found by a search, each with the URL it is read at. */
import type { Bundle, Resource } from './fhir-types.ts';

/**
 * @example
 *   searchset(questionnaires, (q) => `${base}/Questionnaire/${q.id}`, `${base}/Questionnaire`, now);
 */
export function searchset<R extends Resource>(resources: readonly R[], urlOf: (resource: R) => string, self: string, now: string): Bundle<R> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp: now,
    total: resources.length,
    link: [{ relation: 'self', url: self }],
    entry: resources.map((resource) => ({ fullUrl: urlOf(resource), resource, search: { mode: 'match' } })),
  };
}
