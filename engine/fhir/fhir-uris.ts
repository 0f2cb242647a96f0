/**
 * The URIs Mestring's FHIR resources use: the project's own namespace for canonical
 * questionnaire URLs, identifiers and code systems, and the HL7 and LOINC URIs it
 * refers to. A code's ref (the random id staff see, never the code itself) is the only
 * link from a resource to a person, and only the organisation that issued the code can
 * tie a ref to anyone.
 */

export const fhirBase = 'https://mestring.no/fhir';

/** The identifier system of a code's ref (`cod_...`): the subject of every response and score. */
export const codeRefSystem = `${fhirBase}/sid/code-ref`;
/** The identifier system of a stored questionnaire response's ref (`rsp_...`). */
export const responseRefSystem = `${fhirBase}/sid/response-ref`;
/** The identifier system of a score Observation: the response ref and the score's name. */
export const scoreIdSystem = `${fhirBase}/sid/score`;
/** The identifier system of an instrument id (`phq9`), the same in every language edition. */
export const instrumentIdSystem = `${fhirBase}/sid/instrument`;
/** Mestring's own code system for scores (`phq9-total`, `dass21-anxiety`). */
export const scoreCodeSystem = `${fhirBase}/CodeSystem/score`;
/** Extension saying whose wording a questionnaire has: adapted (the project's own), official (licensed) or none. */
export const wordingSourceExtension = `${fhirBase}/StructureDefinition/wording-source`;

export const loincSystem = 'http://loinc.org';
export const ucumSystem = 'http://unitsofmeasure.org';
export const observationCategorySystem = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const ordinalValueExtension = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
export const minValueExtension = 'http://hl7.org/fhir/StructureDefinition/minValue';
export const maxValueExtension = 'http://hl7.org/fhir/StructureDefinition/maxValue';

/** The FHIR id of an instrument's edition: `phq9` for the source, `phq9.en` for the English edition (a dot never occurs in an instrument id). */
export const questionnaireId = (instrumentId: string, locale?: string) => (locale ? `${instrumentId}.${locale}` : instrumentId);

/** The canonical URL of a questionnaire edition. */
export const questionnaireUrl = (id: string) => `${fhirBase}/Questionnaire/${id}`;

/** The code system of an instrument's answer options (or of one item's own options). */
export const answerSystem = (instrumentId: string, itemId?: string) => `${fhirBase}/CodeSystem/${instrumentId}${itemId ? `-${itemId}` : ''}-answers`;

/** The code system of an instrument's bands and classes. */
export const bandSystem = (instrumentId: string) => `${fhirBase}/CodeSystem/${instrumentId}-bands`;
