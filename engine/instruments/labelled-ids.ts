/**
 * The labels of an instrument's bands and classes by id. A module of its own because the
 * server needs it on the request path (FHIR bundles, the living text) without the
 * translation loader's YAML parser and schema validator.
 */
import type { Instrument } from '../../schemas/types.ts';

/** Every band and class id of an instrument with its label. */
export function labelledIds(instrument: Instrument): Map<string, string> {
  const labels = new Map<string, string>();
  const scoring = instrument.scoring;
  for (const scale of [scoring?.total, ...(scoring?.subscales ?? [])]) for (const band of scale?.bands ?? []) labels.set(band.id, band.label);
  if (scoring?.classification) for (const c of [...scoring.classification.classes, scoring.classification.otherwise]) labels.set(c.id, c.label);
  return labels;
}

