/** Mapping instruments and stored answers to FHIR R4 resources: pure functions, no HTTP, no database. */
export { questionnaireOf, optionScore, instructionsLinkId, type EditionOf } from './questionnaire.ts';
export { personBundle, questionnaireResponseOf, observationsOf, uuidUrn, type StoredResponse, type PersonBundleOptions } from './person-bundle.ts';
export { searchset } from './searchset.ts';
export * from './fhir-uris.ts';
export type * from './fhir-types.ts';
