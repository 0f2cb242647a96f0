/**
 * The project's own Norwegian wording keeps each original item's meaning, and says by name
 * that it is our adaptation. Each expectation here failed on the drifted wording it replaced.
 */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { loadInstrument } from '../../../engine/instruments/load-instrument.ts';
import type { Instrument } from '../../../schemas/types.ts';
import { instrument } from './instruments.ts';

const text = (inst: Instrument, id: string) => inst.items.find((item) => item.id === id)?.text;
const labels = (inst: Instrument) => (inst.options ?? []).map((o) => o.label);

describe('PHQ and GAD answer options', () => {
  it.each(['phq9', 'phq2', 'gad7', 'gad2'])('%s: "Not at all", "Several days", "More than half the days", "Nearly every day"', (id) => {
    const inst = instrument(id);
    expect(labels(inst)).toEqual(['Ikke i det hele tatt', 'Flere dager', 'Mer enn halvparten av dagene', 'Nesten hver dag']);
    expect(inst.options?.map((o) => o.value)).toEqual([0, 1, 2, 3]);
  });
});

describe('items that had drifted from the original meaning', () => {
  it('GAD-7 item 3 is worrying too much about different things (not "many" things)', () => {
    expect(text(instrument('gad7'), 'q3')).toBe('Du har bekymret deg for mye over ulike ting');
  });
  it('GAD-7 item 7 is feeling afraid as if something awful might happen', () => {
    expect(text(instrument('gad7'), 'q7')).toBe('Du har kjent deg redd, som om noe fælt kunne komme til å skje');
  });
  it('PHQ-9 item 1 is about interest, items 3 and 5 about too much, item 6 about being a failure', () => {
    const phq9 = instrument('phq9');
    expect(text(phq9, 'q1')).toBe('Du har hatt lite interesse for å gjøre ting, eller lite glede av det du gjør');
    expect(text(instrument('phq2'), 'q1')).toBe(text(phq9, 'q1'));
    expect(text(phq9, 'q3')).toMatch(/eller du har sovet for mye$/);
    expect(text(phq9, 'q5')).toMatch(/eller du har spist for mye$/);
    expect(text(phq9, 'q6')).toContain('følt at du er mislykket');
  });
  it('PSWQ item 5 is "I know I should not worry", item 7 "I am always worrying"; reverse scoring unchanged', () => {
    const pswq = instrument('pswq');
    expect(text(pswq, 'q5')).toBe('Jeg vet at jeg ikke burde bekymre meg for ting, men jeg klarer ikke å la være');
    expect(text(pswq, 'q7')).toBe('Jeg går alltid og bekymrer meg for noe');
    expect(pswq.scoring?.reverse).toEqual(['q1', 'q3', 'q8', 'q10', 'q11']);
  });
  it('DASS-21 item 16 is being unable to become enthusiastic about anything', () => {
    expect(text(instrument('dass21'), 'q16')).toBe('Jeg klarte ikke å bli begeistret for noe som helst');
  });
  it('WSAS asks how much the problems impair (svekker) each area, in the stem, the items and the title', () => {
    const wsas = instrument('wsas');
    const shown = [wsas.title, wsas.instructions, ...wsas.items.map((item) => item.text)].join('\n');
    expect(shown).not.toMatch(/påvirk/);
    for (const item of wsas.items) expect(item.text).toMatch(/^Problemene mine svekker evnen min til å /);
    expect(wsas.instructions).toContain('hvor mye problemene svekker evnen din');
    // The old work item told a person who is not working to answer 0 ("not impaired").
    expect(text(wsas, 'q1')).not.toMatch(/svar 0/);
  });
  it('WSAS item 1 offers "not applicable" for someone retired or not working by choice', () => {
    const q1 = instrument('wsas').items.find((item) => item.id === 'q1');
    const notApplicable = q1?.options?.filter((o) => o.notApplicable);
    expect(notApplicable).toEqual([{ value: 9, label: expect.stringMatching(/^Ikke aktuelt: jeg er pensjonist eller har valgt ikke å ha jobb/), notApplicable: true }]);
    expect(q1?.options?.find((o) => o.value === 8)?.label).toBe('8 Svært sterkt: jeg klarer ikke å arbeide');
  });
});

describe('the label a person sees', () => {
  const adapted: [string, string][] = [
    ['phq9', 'PHQ-9'], ['phq2', 'PHQ-2'], ['gad7', 'GAD-7'], ['gad2', 'GAD-2'], ['pswq', 'PSWQ'],
    ['pss10', 'PSS-10'], ['dass21', 'DASS-21'], ['wsas', 'WSAS'], ['bis', 'Bergen Insomnia Scale (BIS)'],
  ];
  it.each(adapted)('%s says it is our own Norwegian adaptation of %s', (id, name) => {
    const inst = instrument(id);
    expect(inst.wording.source).toBe('adapted');
    expect(inst.wording.label).toMatch(new RegExp(`^Egen norsk tilpasning av ${name.replace(/[()]/g, '\\$&')}, skrevet av Mestring\\. Ikke `));
    // The title a person sees never is the bare official name.
    expect(inst.title).not.toContain(name);
  });
  it('the project\'s own form and the licensed ISI need no label', () => {
    expect(instrument('evaluation').wording.label).toBeUndefined();
    expect(instrument('isi').wording).toMatchObject({ source: 'none' });
  });
  it('the schema rejects an adapted published instrument without a label, at the wording key', () => {
    const yaml = (licence: string, label = '') => `id: demo
name: Demo Scale (DS)
title: Demo
version: "1"
kind: form
licence: { status: ${licence}, note: n }
wording:
  source: adapted
  note: n${label}
items:
  - { id: q1, text: a, type: text }
`;
    const messages = (value: string) => {
      const file = new VFile({ path: 'demo.yaml', value });
      loadInstrument(file);
      return file.messages.map((m) => `${m.line}:${m.ruleId}:${m.reason}`);
    };
    expect(messages(yaml('free-to-use'))).toEqual([expect.stringMatching(/^7:instrument-schema:Missing required key 'label' in the instrument wording/)]);
    expect(messages(yaml('free-to-use', '\n  label: Egen norsk tilpasning av DS'))).toEqual([]);
    expect(messages(yaml('project'))).toEqual([]);
  });
});
