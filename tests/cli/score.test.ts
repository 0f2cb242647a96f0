/** `mestring score`, `outcome` and `overlay check` run as child processes: exit codes, JSON and one-line errors. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/mestring.js', ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('mestring score', () => {
  it('prints the JSON result', () => {
    const { code, stdout } = run('score', 'phq9', '--answers', '2,1,0,3,1,0,2,0,1', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ instrument: 'phq9', valid: true, total: 10, band: 'moderate', subscales: {}, flags: ['risk'], prorated: false });
  });
  it('treats an empty value as unanswered', () => {
    const { code, stdout } = run('score', 'phq9', '--answers', '3,3,3,3,3,3,3,3,', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ total: 27, prorated: true, flags: ['risk_unknown'] });
  });
  it('prints DASS-21 subscales', () => {
    const { stdout } = run('score', 'dass21', '--answers', Array(21).fill('1').join(','), '--json');
    expect(JSON.parse(stdout).subscales).toEqual({ depression: { total: 14, band: 'moderate' }, anxiety: { total: 14, band: 'moderate' }, stress: { total: 14, band: 'normal' } });
  });
  it('WSAS: "not applicable" (9) on the work item is valid and prorated over the other four items', () => {
    const { code, stdout } = run('score', 'wsas', '--answers', '9,3,3,3,2', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ instrument: 'wsas', valid: true, total: 14, band: 'significant_functional_impairment', subscales: {}, flags: [], prorated: true });
  });
  it('WSAS summary names the not-applicable item as missing, not as a 0', () => {
    const { stdout } = run('score', 'wsas', '--answers', '9,3,3,3,2');
    expect(stdout).toContain('Total: 14 of 40 (prorated)');
    expect(stdout).toContain('Missing (unanswered or not applicable): q1');
  });
  it('prints a readable summary with the risk warning', () => {
    const { code, stdout } = run('score', 'phq9', '--answers', '0,0,0,0,0,0,0,0,2');
    expect(code).toBe(0);
    expect(stdout).toContain('Total: 2 of 27');
    expect(stdout).toContain('minimal');
    expect(stdout).toContain('RISK');
  });
  it.each([
    [['score', 'phq10', '--answers', '1'], /unknown instrument 'phq10'/],
    [['score', 'phq9', '--answers', '1,2,3'], /phq9 has 9 items, got 3 answers/],
    [['score', 'gad7', '--answers', '0,0,0,0,0,0,4'], /Unexpected value 4 for item 'q7'/],
    [['score', 'gad7', '--answers', '0,0,0,0,0,0,x'], /expected an integer/],
  ])('bad input %j: one line, exit 2', (args, message) => {
    const { code, stderr } = run(...args);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });
  it('missing --answers is a usage error (exit 2) and --help exits 0', () => {
    expect(run('score', 'phq9').code).toBe(2);
    const help = run('score', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: mestring score');
  });
});

describe('mestring outcome', () => {
  it('prints the JSON classification', () => {
    const { code, stdout } = run('outcome', '--pre', 'phq9=16,gad7=12', '--post', 'phq9=8,gad7=6', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ casenessPre: true, casenessPost: false, reliableImprovement: true, reliableDeterioration: false, recovery: true, reliableRecovery: true, classification: 'reliable_recovery' });
  });
  it('reports deterioration', () => {
    const { stdout } = run('outcome', '--pre', 'phq9=8,gad7=5', '--post', 'phq9=14,gad7=5', '--json');
    expect(JSON.parse(stdout)).toMatchObject({ casenessPre: false, recovery: null, reliableDeterioration: true, classification: 'reliable_deterioration' });
  });
  it.each([
    [['outcome', '--pre', 'phq9=28,gad7=1', '--post', 'phq9=1,gad7=1'], /out of range/],
    [['outcome', '--pre', 'phq9=10', '--post', 'phq9=1,gad7=1'], /missing gad7/],
    [['outcome', '--pre', 'phq9=ten,gad7=1', '--post', 'phq9=1,gad7=1'], /expected id=score/],
  ])('bad input %j exits 2', (args, message) => {
    const { code, stderr } = run(...args);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toMatch(message);
  });
  it('--help exits 0', () => {
    expect(run('outcome', '--help').code).toBe(0);
  });
});

describe('mestring overlay check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'overlay-cli-'));
  mkdirSync(join(dir, 'phq2'));
  it('exits 0 for a complete overlay', () => {
    writeFileSync(join(dir, 'phq2', 'q1.txt'), 'one');
    writeFileSync(join(dir, 'phq2', 'q2.txt'), 'two');
    const { code, stdout } = run('overlay', 'check', dir);
    expect(code).toBe(0);
    expect(stdout).toContain('1 instrument overlay(s) checked');
  });
  it('exits 1 and names the rule for an unknown item', () => {
    writeFileSync(join(dir, 'phq2', 'q3.txt'), 'three');
    const { code, stderr } = run('overlay', 'check', dir);
    expect(code).toBe(1);
    expect(stderr).toContain('overlay-item-unknown');
  });
  it('reads the folder from MESTRING_WORDING_OVERLAY', () => {
    const out = spawnSync(process.execPath, ['bin/mestring.js', 'overlay', 'check'], { cwd: root, encoding: 'utf8', env: { ...process.env, MESTRING_WORDING_OVERLAY: dir } });
    expect(out.status).toBe(1);
  });
  it('a missing action is a usage error', () => {
    expect(run('overlay').code).toBe(2);
  });
});

describe('validate', () => {
  it('the shipped instruments validate', () => {
    expect(() => execFileSync(process.execPath, ['bin/mestring.js', 'validate', 'programs/instruments'], { cwd: root })).not.toThrow();
  });
});
