/**
 * Resolves living content once every part of a program is compiled: a `::recall`
 * gets the exercise's part, kind and fields (it must be an exercise of an earlier
 * part), and a `:value{of=sleep-window}` gets the sleep diary exercises and the rise
 * time fields it is computed from. Run on the source (reporting problems) and on
 * each edition (to take the edition's words).
 */
import type { VFile } from 'vfile';
import type { Block, CompiledExercise, CompiledSection, ValueSpec } from '../../schemas/types.ts';
import { report } from '../diagnostics.ts';
import type { OutlineItem } from '../compile/compile-section.ts';

export interface LivingPart {
  section: CompiledSection;
  outline: readonly OutlineItem[];
  /** The part's file, for messages; undefined to resolve without reporting (editions). */
  file: VFile | undefined;
}

/**
 * Fills in recall blocks and (unless `values` is false) sleep-window sources in place;
 * reports what cannot be resolved.
 */
export function resolveLivingContent(parts: readonly LivingPart[], options: { values?: boolean } = {}): void {
  const exercises = new Map<string, { exercise: CompiledExercise; index: number; section: CompiledSection }>();
  parts.forEach(({ section }, index) => {
    for (const block of section.blocks) if (block.type === 'exercise') exercises.set(block.id, { exercise: block, index, section });
  });
  const fail = (part: LivingPart, rule: 'recall-exercise-unknown' | 'recall-forward' | 'value-source-missing', reason: string, position: OutlineItem['position']) => {
    if (part.file) report(part.file, 'error', rule, reason, position);
  };

  parts.forEach((part, index) => {
    const recalls = part.outline.filter((i): i is Extract<OutlineItem, { type: 'recall' }> => i.type === 'recall');
    part.section.blocks = part.section.blocks.flatMap((block): Block[] => {
      if (block.type !== 'recall') return [block];
      const place = recalls.find((r) => r.exercise === block.exercise)?.position;
      const found = exercises.get(block.exercise);
      if (!found) {
        fail(part, 'recall-exercise-unknown', `Unknown exercise '${block.exercise}' in ::recall, expected an exercise of an earlier part: ${[...exercises.values()].filter((e) => e.index < index).map((e) => e.exercise.id).join(', ') || 'none'}`, place);
        return [];
      }
      if (found.index >= index) {
        fail(part, 'recall-forward', `Unexpected ::recall of '${block.exercise}' from part ${found.index + 1}, expected an exercise of a part before this one (part ${index + 1})`, place);
        return [];
      }
      return [{
        ...block,
        section: found.section.id,
        sectionNumber: found.section.number,
        sectionTitle: found.section.title,
        title: block.title || found.exercise.title,
        kind: found.exercise.kind,
        fields: found.exercise.fields,
      }];
    });

    if (!part.section.values || options.values === false) return;
    const all = [...exercises.values()].map((e) => e.exercise);
    // Every :value{of=sleep-window} is checked; the part's value takes the first one's sources.
    const sources = part.outline
      .filter((i): i is Extract<OutlineItem, { type: 'value' }> => i.type === 'value' && i.spec.of === 'sleep-window')
      .map((item) => {
        const attrs = item.spec;
        const diaries = attrs.diary ? all.filter((e) => e.id === attrs.diary) : all.filter((e) => e.kind === 'sleep-diary');
        if (attrs.diary && diaries[0]?.kind !== 'sleep-diary') {
          fail(part, 'value-source-missing', `Unknown sleep diary '${attrs.diary}' in :value, expected an exercise with kind=sleep-diary`, item.position);
        } else if (!diaries.length) {
          fail(part, 'value-source-missing', 'Missing sleep diary for :value{of=sleep-window}, expected an exercise with kind=sleep-diary in the program', item.position);
        }
        let riseTime: { exercise: string; field: string }[];
        if (attrs.rise) {
          const [exercise = '', field = ''] = attrs.rise.split('.');
          const target = exercises.get(exercise)?.exercise.fields.find((f) => f.id === field);
          riseTime = target?.type === 'time' ? [{ exercise, field }] : [];
          if (!riseTime.length) fail(part, 'value-source-missing', `Unknown rise time field '${attrs.rise}' in :value, expected <exercise>.<field> of a type=time field`, item.position);
        } else {
          riseTime = all.flatMap((e) => e.fields.filter((f) => f.id === 'rise-time' && f.type === 'time').map((f) => ({ exercise: e.id, field: f.id })));
          if (!riseTime.length) fail(part, 'value-source-missing', 'Missing rise time for :value{of=sleep-window}, expected a ::field[...]{#rise-time type=time} in an exercise, or rise=<exercise>.<field>', item.position);
        }
        return { diary: diaries.filter((e) => e.kind === 'sleep-diary').map((e) => e.id), riseTime };
      });
    part.section.values = part.section.values.map((spec): ValueSpec => (spec.of === 'sleep-window' && sources[0] ? { ...spec, ...sources[0] } : spec));
  });
}
