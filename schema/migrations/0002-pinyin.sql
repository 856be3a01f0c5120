-- kg store schema version 2, applied on top of graph.sql (version 1).
--
-- Pinyin of each entity's Chinese label, so `kg query`, `kg entity` and `kg search` find
-- 苏州工业园区 by "suzhou gongye yuanqu": lowercase Latin letters and digits only, no tones, no
-- spaces ("suzhougongyeyuanqu"). kg computes it when it stores an entity (and fills it for
-- entities stored before this version when it migrates).
ALTER TABLE entities ADD COLUMN pinyin TEXT;
CREATE INDEX IF NOT EXISTS entities_by_pinyin ON entities(pinyin);
