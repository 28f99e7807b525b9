-- The org tree as a flat list with parent ids, in the order it was loaded.
SELECT id, name, parent_id, level, avatar_url FROM org ORDER BY input_ord;
