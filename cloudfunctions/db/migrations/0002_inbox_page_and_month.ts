// Two read paths that grew with the district's history (the scale bench, 1,000,000 problems):
//
// - The inbox reads a page straight from an index. Each unit row carries its problem's filing time
//   (problems.created_at never changes; syncUnits copies it), so a department's open part (by deadline)
//   and its answered part (newest first) are each an ordered index range that stops after a page.
// - The dashboard groups by the Shanghai month of the filing time, stored with the row (generated from
//   created_at, so it cannot drift) instead of formatted for every row of every report, and reads the
//   columns its figures count from problems_created alone (an index-only scan, not the wide rows).
export const sql = `
ALTER TABLE problem_units ADD COLUMN problem_created_at timestamptz;
UPDATE problem_units u SET problem_created_at = p.created_at FROM problems p WHERE p.id = u.problem_id;
ALTER TABLE problem_units ALTER COLUMN problem_created_at SET NOT NULL;
DROP INDEX problem_units_inbox;
CREATE INDEX problem_units_inbox ON problem_units (department_id, state, due, problem_created_at DESC);

-- yyyymm of the Shanghai month the problem was filed in (202611 = 2026-11)
ALTER TABLE problems ADD COLUMN created_month integer GENERATED ALWAYS AS (
  (date_part('year', created_at AT TIME ZONE 'Asia/Shanghai') * 100 + date_part('month', created_at AT TIME ZONE 'Asia/Shanghai'))::integer
) STORED;
DROP INDEX problems_created;
CREATE INDEX problems_created ON problems (created_at) INCLUDE (
  created_month, status, merged_into, lead_department_id, chain_id, accepted_at, accept_due, accepted_in_time,
  solved, rating, overdue, supervision_level, reopen_count
);
`
