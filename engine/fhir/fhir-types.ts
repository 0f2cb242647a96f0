/**
 * The FHIR R4 shapes Mestring writes, under short names. They are generated from
 * schemas/api-fhir.schema.json (the OpenAPI document describes the routes with the same
 * schemas); the tests check every resource with a real R4 validator.
 */
import type {
  FhirBundle, FhirCoding, FhirExtension, FhirObservation, FhirQuestionnaire, FhirQuestionnaireBundle,
  FhirQuestionnaireItem, FhirQuestionnaireResponse, FhirAnswer, FhirReference,
} from '../../schemas/types.ts';

export type Coding = FhirCoding;
export type Extension = FhirExtension;
export type Reference = FhirReference;
export type Questionnaire = FhirQuestionnaire;
export type QuestionnaireItem = FhirQuestionnaireItem;
export type QuestionnaireResponse = FhirQuestionnaireResponse;
export type QuestionnaireResponseAnswer = FhirAnswer;
export type Observation = FhirObservation;
/** The collection Bundle of one code's responses and scores. */
export type PersonBundle = FhirBundle;
/** The searchset Bundle of every Questionnaire. */
export type QuestionnaireBundle = FhirQuestionnaireBundle;
