import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from './statementCache';

function memoryDb(max?: number): Database.Database {
  const db = new Database(':memory:');
  cacheStatements(db, max);
  db.exec("create table t (id integer primary key, name text); insert into t (name) values ('a'), ('b'), ('c')");
  return db;
}

describe('cacheStatements', () => {
  it('hands back the same statement for the same SQL', () => {
    const db = memoryDb();
    expect(db.prepare('select name from t where id = ?')).toBe(db.prepare('select name from t where id = ?'));
  });

  it('hands a kept statement back in its default mode, whatever its last user set', () => {
    const db = memoryDb();
    const sql = 'select id, name from t where id = ?';
    expect(db.prepare(sql).pluck().get(1)).toBe(1);
    expect(db.prepare(sql).get(1)).toEqual({ id: 1, name: 'a' });
    expect(db.prepare(sql).raw().get(2)).toEqual([2, 'b']);
    expect(db.prepare(sql).get(2)).toEqual({ id: 2, name: 'b' });
    expect(db.prepare(sql).expand().get(3)).toEqual({ t: { id: 3, name: 'c' } });
    expect(db.prepare(sql).all(3)).toEqual([{ id: 3, name: 'c' }]);
    // Writers have no modes: kept and reused as they are.
    const insert = db.prepare('insert into t (name) values (?)');
    expect(db.prepare('insert into t (name) values (?)')).toBe(insert);
    insert.run('d');
    expect(db.prepare('select count(*) from t').pluck().get()).toBe(4);
  });

  it('never hands out a statement that is still iterating', () => {
    const db = memoryDb();
    const sql = 'select id from t order by id';
    const seen: number[][] = [];
    for (const row of db.prepare(sql).pluck().iterate() as IterableIterator<number>) {
      seen.push(db.prepare(sql).pluck().all() as number[]);
      expect(row).toBeGreaterThan(0);
    }
    expect(seen).toEqual([[1, 2, 3], [1, 2, 3], [1, 2, 3]]);
  });

  it('keeps at most `max` statements, dropping the least recently used', () => {
    const db = memoryDb(2);
    const a = db.prepare('select 1');
    const b = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a); // now b is the oldest
    db.prepare('select 3');
    expect(db.prepare('select 1')).toBe(a);
    expect(db.prepare('select 2')).not.toBe(b);
  });

  it('keeps working across a schema change (SQLite re-prepares the statement)', () => {
    const db = memoryDb();
    const sql = 'select * from t where id = 1';
    expect(db.prepare(sql).get()).toEqual({ id: 1, name: 'a' });
    db.exec('alter table t add column extra text');
    expect(db.prepare(sql).get()).toEqual({ id: 1, name: 'a', extra: null });
  });
});
