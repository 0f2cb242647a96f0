/**
 * A made-up person for the author's preview: a week of sleep diary nights, a rise
 * time, a middle answer to every questionnaire and two entries in every exercise, so
 * that computed values and recalled entries show as a person would see them.
 */
import type { CompiledField, CompiledProgram } from '../../schemas/types.ts';
import type { PersonData } from '../../engine/index.ts';

function sampleValue(field: CompiledField, n: number): unknown {
  switch (field.type) {
    case 'text':
    case 'longtext':
      return `(eksempel ${n}) ${field.label}`;
    case 'number':
    case 'scale':
      return Math.round(((field.min ?? 0) + (field.max ?? 10)) / 2);
    case 'duration':
      return 20;
    case 'choice':
      return field.options?.[n % field.options.length]?.value;
    case 'multichoice':
      return field.options?.slice(0, 1).map((o) => o.value);
    case 'boolean':
      return n % 2 === 0;
    case 'time':
      return '07:00';
    case 'date':
      return `2025-03-0${n + 1}`;
  }
}

/** Sample data for `program`: diary nights of 6 t 10 min asleep, rise time 07:00, middle answers. */
export function samplePerson(program: CompiledProgram): PersonData {
  const entries: PersonData['entries'][number][] = [];
  for (const section of program.sections) {
    for (const block of section.blocks) {
      if (block.type !== 'exercise') continue;
      const nights = block.kind === 'sleep-diary' ? 7 : 2;
      for (let n = 0; n < nights; n++) {
        const values = Object.fromEntries(block.fields.map((f) => [f.id, sampleValue(f, n)]));
        if (block.kind === 'sleep-diary') Object.assign(values, { 'in-bed': '23:00', 'lights-out': '23:00', 'sleep-latency': 20, 'awake-during-night': 30, 'final-wake': '06:00', 'out-of-bed': '06:30' });
        entries.push({ id: `sample-${block.id}-${n}`, exerciseId: block.id, values, createdAt: `2025-03-0${n + 1}T08:00:00Z` });
      }
    }
  }
  const responses = Object.values(program.instruments).map((instrument) => ({
    instrument: instrument.id,
    answers: Object.fromEntries(instrument.items.map((item) => {
      const options = item.options ?? instrument.options ?? [];
      const middle = options[Math.floor(options.length / 2)]?.value;
      return [item.id, item.type === 'scale' ? Math.round(((item.min ?? 0) + (item.max ?? 0)) / 2) : item.type === 'text' ? '' : middle];
    })),
    createdAt: '2025-03-08T08:00:00Z',
  }));
  return { entries, responses };
}
