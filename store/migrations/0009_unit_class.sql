-- A 事业单位 carries its class (公益一类, 公益二类, 经营类; empty when not
-- known): 102号令 第八条 bars a 公益一类 unit from buying services, and its
-- contracts are flagged.
ALTER TABLE units ADD COLUMN public_class TEXT NOT NULL DEFAULT '';
