/**
 * Column types that differ between the dialects, so each migration is written once.
 * Text uses the "C" collation on PostgreSQL: ISO timestamps and usernames then sort and
 * compare byte by byte, exactly as SQLite's default BINARY collation does, so both
 * databases answer in the same order.
 */
import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Expression } from 'kysely';
import type { Dialect } from '../executor.ts';

export interface Columns {
  /** An integer primary key the database numbers. */
  id<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'>;
  /** The text type. */
  text: 'text' | Expression<unknown>;
}

/** The column helpers for `dialect`. */
export function columns(dialect: Dialect): Columns {
  return {
    id: (table) => table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey())),
    text: dialect === 'postgres' ? sql`text collate "C"` : 'text',
  };
}
