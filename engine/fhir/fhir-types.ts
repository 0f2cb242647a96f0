/**
 * The few FHIR R4 shapes Mestring writes, declared here so the engine needs no FHIR
 * package at run time (the tests check every resource with a real R4 validator).
 */

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Identifier {
  system: string;
  value: string;
}

export interface Extension {
  url: string;
  valueDecimal?: number;
  valueInteger?: number;
  valueCode?: string;
}

export interface Reference {
  reference?: string;
  type?: string;
  identifier?: Identifier;
}

export interface QuestionnaireItem {
  linkId: string;
  type: 'display' | 'choice' | 'integer' | 'text';
  text?: string;
  required?: boolean;
  extension?: Extension[];
  answerOption?: { valueCoding: Coding; extension?: Extension[] }[];
}

export interface Questionnaire {
  resourceType: 'Questionnaire';
  id: string;
  language: string;
  url: string;
  identifier: Identifier[];
  version: string;
  name: string;
  title: string;
  status: 'active';
  publisher: string;
  description: string;
  copyright: string;
  extension: Extension[];
  derivedFrom?: string[];
  item: QuestionnaireItem[];
}

export interface QuestionnaireResponseAnswer {
  valueCoding?: Coding;
  valueInteger?: number;
  valueString?: string;
}

export interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  identifier: Identifier;
  questionnaire: string;
  status: 'completed';
  subject: Reference;
  authored: string;
  item?: { linkId: string; answer: QuestionnaireResponseAnswer[] }[];
}

export interface Observation {
  resourceType: 'Observation';
  identifier: Identifier[];
  status: 'final';
  category: CodeableConcept[];
  code: CodeableConcept;
  subject: Reference;
  effectiveDateTime: string;
  valueQuantity: { value: number; unit: string; system: string; code: string };
  interpretation?: CodeableConcept[];
  note?: { text: string }[];
  derivedFrom: Reference[];
}

export type Resource = Questionnaire | QuestionnaireResponse | Observation;

export interface BundleEntry<R extends Resource = Resource> {
  fullUrl: string;
  resource: R;
  search?: { mode: 'match' };
}

export interface Bundle<R extends Resource = Resource> {
  resourceType: 'Bundle';
  type: 'searchset' | 'collection';
  timestamp: string;
  total?: number;
  link?: { relation: string; url: string }[];
  entry: BundleEntry<R>[];
}
