-- Structures' places by age group (bébés, moyens, grands: reference/commission.md), edited by
-- admins on the staff desk (issue 9 item 7). `capacity` stays the total, kept equal to the sum.
ALTER TABLE structures ADD COLUMN capacity_babies INTEGER NOT NULL DEFAULT 0 CHECK (capacity_babies >= 0);
ALTER TABLE structures ADD COLUMN capacity_toddlers INTEGER NOT NULL DEFAULT 0 CHECK (capacity_toddlers >= 0);
ALTER TABLE structures ADD COLUMN capacity_older INTEGER NOT NULL DEFAULT 0 CHECK (capacity_older >= 0);
ALTER TABLE structures ADD COLUMN updated_at INTEGER;

-- A first split of the existing totals (a quarter bébés, the rest shared), as splitCapacity does.
UPDATE structures SET
	capacity_babies = capacity / 4,
	capacity_toddlers = (capacity - capacity / 4) / 2,
	capacity_older = capacity - capacity / 4 - (capacity - capacity / 4) / 2;
