/**
 * Type helpers for the reference client's JSDoc types (written by hand; api.d.ts is
 * generated). The client calls the API by its documented path template, so each call's
 * request and response bodies follow from the OpenAPI document.
 */
import type { components, paths } from './api';
import type { CompiledExercise, CompiledField, CompiledProgram, CompiledSection, Instrument as InstrumentDefinition, NoteBlock, QuestionnaireBlock, SafetyBlock } from '../../schemas/types.ts';

export type Schemas = components['schemas'];
export type Method = 'get' | 'post' | 'put' | 'delete';

/** The path templates that have `M`. */
export type PathsWith<M extends Method> = { [P in keyof paths]: [paths[P][M]] extends [never] ? never : paths[P][M] extends undefined ? never : P }[keyof paths];

type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Success<R> = R extends { 200: infer A } ? A : R extends { 201: infer B } ? B : R extends { 204: unknown } ? null : never;

/** The JSON body of the success response of `M P` (null for 204). */
export type ResponseOf<P extends keyof paths, M extends Method> =
  Success<Operation<P, M> extends { responses: infer R } ? R : never> extends infer S
    ? S extends { content: { 'application/json': infer J } } ? J : null
    : never;

/** The JSON request body of `M P` (undefined when it takes none). */
export type RequestOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody: { content: { 'application/json': infer B } } } ? B
    : Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B | undefined
      : undefined;

/** The path parameters of `P`, by name. */
export type ParamsOf<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? { [K in Name | keyof ParamsOf<Rest>]: string } : {};

/** A compiled part as the person's routes return it (schemas/program.schema.json). */
export type Section = CompiledSection;
export type Block = CompiledSection['blocks'][number];
export type Exercise = CompiledExercise;
export type Field = CompiledField;
export type Note = NoteBlock;
export type QuestionnaireRef = QuestionnaireBlock;
export type Program = CompiledProgram;
/** A questionnaire or form (schemas/instrument.schema.json). */
export type Instrument = InstrumentDefinition;
export type Safety = SafetyBlock;
