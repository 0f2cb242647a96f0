/** Published ids: the lock's contents and text, the rename list, and renaming stored values. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { idRenames, idsOf, lockYaml, mergeLocks, renameAnswers, renameEntryValues, resolveRename, validatorFor } from '../../../engine/index.ts';
import { compileFixture } from '../compile/fixture-pack.ts';

describe('idRenames', () => {
  it('resolves chains and the exercise and field a field or option rename belongs to', () => {
    expect(idRenames({
      sections: { a: 'b', b: 'c' },
      exercises: { logg: 'dagbok' },
      fields: { 'logg.hva': 'what', 'dagbok.naar': 'when' },
      options: { 'logg.hva.left': 'escaped' },
      items: { 'phq9.9': 'q9', 'checkin.feeling': 'mood' },
    })).toEqual([
      { kind: 'section', from: 'a', to: 'c' },
      { kind: 'section', from: 'b', to: 'c' },
      { kind: 'exercise', from: 'logg', to: 'dagbok' },
      { kind: 'field', exercise: 'dagbok', from: 'hva', to: 'what' },
      { kind: 'field', exercise: 'dagbok', from: 'naar', to: 'when' },
      { kind: 'option', exercise: 'dagbok', field: 'what', from: 'left', to: 'escaped' },
      { kind: 'item', instrument: 'phq9', from: '9', to: 'q9' },
      { kind: 'item', instrument: 'checkin', from: 'feeling', to: 'mood' },
    ]);
    expect(idRenames(undefined)).toEqual([]);
  });

  it('leaves out a cycle (validate reports it)', () => {
    expect(resolveRename({ a: 'b', b: 'a' }, 'a')).toBeUndefined();
    expect(idRenames({ sections: { a: 'b', b: 'a' } })).toEqual([]);
  });
});

describe('renaming stored values', () => {
  const renames = idRenames({ fields: { 'logg.hva': 'what' }, options: { 'logg.hva.left': 'escaped', 'logg.tags.old': 'new' }, items: { 'phq9.9': 'q9' } });
  it('moves a field key and an option value of the exercise, once', () => {
    const once = renameEntryValues({ hva: 'left', tags: ['old', 'x'], other: 1 }, renames, 'logg');
    expect(once).toEqual({ what: 'escaped', tags: ['new', 'x'], other: 1 });
    expect(renameEntryValues(once, renames, 'logg')).toEqual(once);
    expect(renameEntryValues({ hva: 'left' }, renames, 'annen')).toEqual({ hva: 'left' });
  });
  it('never overwrites a value already under the new key', () => {
    expect(renameEntryValues({ hva: 'a', what: 'b' }, renames, 'logg')).toEqual({ hva: 'a', what: 'b' });
  });
  it('moves answers to a renamed item', () => {
    expect(renameAnswers({ 9: 2, q1: 0 }, renames, 'phq9')).toEqual({ q9: 2, q1: 0 });
    expect(renameAnswers({ 9: 2 }, renames, 'gad7')).toEqual({ 9: 2 });
  });
});

describe('the lock', () => {
  const program = compileFixture(undefined).program!;
  it('records every published id', () => {
    expect(idsOf(program)).toEqual({
      program: 'demo',
      version: '1.0.0',
      sections: ['start', 'videre'],
      exercises: { goals: ['goal', 'importance', 'fit'], 'daily-log': ['what', 'when', 'duration'] },
      options: { 'goals.fit': ['a', 'b'] },
      items: { checkin: ['mood'], eval: ['better', 'why'], mini: ['1', '2'] },
    });
  });
  it('only adds ids, and keeps the new version', () => {
    const merged = mergeLocks({ program: 'demo', version: '0.9.0', sections: ['old', 'start'], exercises: { gone: ['x'], goals: ['goal', 'extra'] } }, idsOf(program));
    expect(merged.version).toBe('1.0.0');
    expect(merged.sections).toEqual(['old', 'start', 'videre']);
    expect(merged.exercises).toEqual({ gone: ['x'], goals: ['goal', 'extra', 'importance', 'fit'], 'daily-log': ['what', 'when', 'duration'] });
  });
  it('writes YAML that reads back the same and matches schemas/ids-lock.schema.json', () => {
    const text = lockYaml(idsOf(program));
    const back = parse(text);
    expect(back).toEqual(idsOf(program));
    expect(validatorFor('ids-lock.schema.json')(back)).toBe(true);
    expect(text).toContain('  mini: ["1", "2"]');
  });
  it('compiles the manifest\'s map into program.ids for the server', () => {
    const renamed = compileFixture('ids-renamed').program!;
    expect(renamed.ids?.renames).toContainEqual({ kind: 'exercise', from: 'aims', to: 'goals' });
    expect(renamed.ids?.retired).toEqual([{ kind: 'exercise', id: 'retired-one', answers: 'read-only' }, { kind: 'field', id: 'goals.note', answers: 'kept' }]);
    expect(program.ids).toBeUndefined();
  });
});
