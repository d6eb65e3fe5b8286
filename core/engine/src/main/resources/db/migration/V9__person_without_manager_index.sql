-- No query looks people up by manager (manager links are resolved by the manager's HRIS id, the primary key; the
-- matching rules read every person with a manager at once): the index cost every person write a B-tree entry for
-- nothing — about a tenth of writing a synced person on H2 (benchmarks/sync).
DROP INDEX person_manager;
