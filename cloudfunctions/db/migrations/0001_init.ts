// Initial schema. Ids are text so that the domain's ids (department ids are a routing contract) and
// generated ids share one shape. Timestamps are timestamptz; dates shown to people are Asia/Shanghai.
export const sql = `
CREATE TABLE departments (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  matters text NOT NULL DEFAULT '',
  kind text NOT NULL DEFAULT 'district' CHECK (kind IN ('district', 'town'))
);

CREATE TABLE towns (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  department_id text REFERENCES departments(id)
);

CREATE TABLE chains (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  leader text,
  lead_department_id text NOT NULL REFERENCES departments(id)
);

CREATE TABLE chain_cooperating_departments (
  chain_id text NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  department_id text NOT NULL REFERENCES departments(id),
  PRIMARY KEY (chain_id, department_id)
);

CREATE TABLE enterprises (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  credit_code text UNIQUE,
  chain_id text REFERENCES chains(id),
  town_id text REFERENCES towns(id),
  is_chain_leader boolean NOT NULL DEFAULT false
);

CREATE TABLE people (
  id text PRIMARY KEY,
  name text NOT NULL,
  phone text,
  openid text UNIQUE,
  -- Party member: may book services open only to Party members (组织关系转接 …)
  party_member boolean NOT NULL DEFAULT false,
  -- console sign-in (local and self-hosted): a login name and a scrypt hash; WeChat users have neither
  login text UNIQUE,
  password_hash text,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- set when the person erased themselves: name, phone, login and OPENID are gone, the row stays so
  -- the problems they filed keep a (now anonymous) filer
  erased_at timestamptz
);

-- Single-use, expiring codes an administrator issues to grant a role; only the code's hash is kept.
CREATE TABLE invites (
  id text PRIMARY KEY,
  code_hash text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('enterprise', 'secretary', 'handler', 'dispatcher', 'station', 'admin')),
  scope_id text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  created_by text REFERENCES people(id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_by text REFERENCES people(id),
  used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE person_roles (
  person_id text NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('enterprise', 'secretary', 'handler', 'dispatcher', 'station', 'admin')),
  -- enterprise id, department id or station id, depending on the role; '' for district-wide roles
  scope_id text NOT NULL DEFAULT '',
  PRIMARY KEY (person_id, role, scope_id)
);

CREATE TABLE stations (
  id text PRIMARY KEY,
  name text NOT NULL,
  type text NOT NULL CHECK (type IN ('warm', 'party', 'redhelp', 'lab')),
  address text NOT NULL,
  town_id text NOT NULL REFERENCES towns(id),
  department_id text REFERENCES departments(id),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  open_24h boolean NOT NULL DEFAULT false,
  -- seven entries, Sunday first: {"open":"08:00","close":"20:00"} or null when closed
  hours jsonb NOT NULL,
  amenities text[] NOT NULL DEFAULT '{}',
  phone text,
  manager_person_id text REFERENCES people(id),
  closed_on_holidays boolean NOT NULL DEFAULT false,
  -- days it is closed besides its weekly hours (repairs, events), China dates
  closures date[] NOT NULL DEFAULT '{}'
);
CREATE INDEX stations_town ON stations (town_id);
-- the finder's range scan: a box around the rider, widened until enough stations fall inside
CREATE INDEX stations_lat_lng ON stations (lat, lng);

-- One counter row per day: numbering is an atomic upsert, so concurrent filings never share a number.
CREATE TABLE problem_counters (
  day text PRIMARY KEY,
  last integer NOT NULL
);

-- 吐槽大会 sessions run by the dispatcher for a chain.
CREATE TABLE tucao_sessions (
  id text PRIMARY KEY,
  chain_id text NOT NULL REFERENCES chains(id),
  title text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  created_by text NOT NULL REFERENCES people(id),
  created_at timestamptz NOT NULL
);

CREATE TABLE problems (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE,
  title text NOT NULL,
  content text NOT NULL,
  category text NOT NULL,
  status text NOT NULL CHECK (status IN ('triage', 'routed', 'accepted', 'replied', 'closed', 'returned', 'reopened')),
  -- an enterprise's problem, or feedback on a service station (then the filer alone is its party)
  enterprise_id text REFERENCES enterprises(id),
  station_id text REFERENCES stations(id),
  chain_id text REFERENCES chains(id),
  town_id text REFERENCES towns(id),
  filed_by text NOT NULL REFERENCES people(id),
  on_behalf boolean NOT NULL DEFAULT false,
  anonymous boolean NOT NULL DEFAULT false,
  lead_department_id text REFERENCES departments(id),
  routing_reason text,
  routing_confidence real,
  routing_suggestions jsonb NOT NULL DEFAULT '[]',
  -- The flow's state is the replay of problem_events (core/problems); the columns below are copies
  -- of it kept for queries (inbox order, sweeper, figures). version = the last event's seq.
  version integer NOT NULL,
  accept_due timestamptz,
  reply_due timestamptz,
  -- earliest open deadline of any unit on it; the sweeper looks only at rows whose next_due passed
  next_due timestamptz,
  overdue boolean NOT NULL DEFAULT false,
  reopen_count integer NOT NULL DEFAULT 0,
  return_count integer NOT NULL DEFAULT 0,
  supervision_level integer NOT NULL DEFAULT 0,
  -- a unit's 延期 request waits for the dispatcher
  pending_extension boolean NOT NULL DEFAULT false,
  solved boolean,
  rating smallint CHECK (rating BETWEEN 1 AND 5),
  -- when the current lead unit's clock started, when it accepted, and whether that was in time (响应率)
  routed_at timestamptz,
  accepted_at timestamptz,
  accepted_in_time boolean,
  visible_to_chain boolean NOT NULL DEFAULT false,
  vote_count integer NOT NULL DEFAULT 0,
  session_id text REFERENCES tucao_sessions(id),
  -- a chain-level item merged from similar problems of several enterprises
  chain_level boolean NOT NULL DEFAULT false,
  merged_into text REFERENCES problems(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (enterprise_id IS NOT NULL OR station_id IS NOT NULL)
);
CREATE INDEX problems_lead_status ON problems (lead_department_id, status, created_at DESC);
CREATE INDEX problems_filed_by ON problems (filed_by, created_at DESC);
CREATE INDEX problems_enterprise ON problems (enterprise_id, created_at DESC);
CREATE INDEX problems_status ON problems (status, created_at DESC);
CREATE INDEX problems_next_due ON problems (next_due) WHERE next_due IS NOT NULL;

CREATE INDEX problems_chain_board ON problems (chain_id, created_at DESC) WHERE visible_to_chain;
CREATE INDEX problems_session ON problems (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX problems_merged_into ON problems (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX problems_created ON problems (created_at);
CREATE INDEX problems_station ON problems (station_id, created_at DESC) WHERE station_id IS NOT NULL;

-- “我也遇到”: one voice per enterprise and problem.
CREATE TABLE problem_votes (
  problem_id text NOT NULL REFERENCES problems(id),
  enterprise_id text NOT NULL REFERENCES enterprises(id),
  person_id text NOT NULL REFERENCES people(id),
  at timestamptz NOT NULL,
  PRIMARY KEY (problem_id, enterprise_id)
);


-- Every unit that has (or had) a part in a problem, for the department inbox: the lead and co-handlers.
CREATE TABLE problem_units (
  problem_id text NOT NULL REFERENCES problems(id),
  department_id text NOT NULL REFERENCES departments(id),
  role text NOT NULL CHECK (role IN ('lead', 'co_handler')),
  -- open: the unit still owes something; done: answered; gone: re-routed away or released
  state text NOT NULL CHECK (state IN ('open', 'done', 'gone')),
  -- this unit's own clock (a co-handler's differs from the lead's); due = the next of the two it owes
  accept_due timestamptz,
  reply_due timestamptz,
  due timestamptz,
  PRIMARY KEY (problem_id, department_id)
);
CREATE INDEX problem_units_inbox ON problem_units (department_id, state, due);

CREATE TABLE problem_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  problem_id text NOT NULL REFERENCES problems(id),
  seq integer NOT NULL,
  type text NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('filer', 'unit', 'dispatcher', 'system')),
  actor_person_id text REFERENCES people(id),
  actor_department_id text REFERENCES departments(id),
  note text,
  data jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL,
  -- two writers that read the same version cannot both append: the second violates this
  UNIQUE (problem_id, seq)
);
-- 退单 counted per unit and month (figures)
CREATE INDEX problem_events_returned ON problem_events (at) WHERE type = 'returned';

-- The history is evidence: it only grows.
CREATE FUNCTION problem_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'problem_events is append-only';
END;
$$;
CREATE TRIGGER problem_events_no_change BEFORE UPDATE OR DELETE ON problem_events
  FOR EACH ROW EXECUTE FUNCTION problem_events_append_only();

CREATE TABLE service_items (
  id text PRIMARY KEY,
  station_id text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
  capacity integer NOT NULL CHECK (capacity > 0),
  audience text NOT NULL DEFAULT 'anyone' CHECK (audience IN ('anyone', 'enterprise', 'party_member')),
  -- seven entries, Sunday first: [{"start":"09:00","end":"10:00"}, …] or null; slots are made from it
  schedule jsonb NOT NULL DEFAULT '[null,null,null,null,null,null,null]',
  horizon_days integer NOT NULL DEFAULT 7 CHECK (horizon_days BETWEEN 1 AND 90),
  min_notice_minutes integer NOT NULL DEFAULT 60 CHECK (min_notice_minutes >= 0),
  cancel_cutoff_minutes integer NOT NULL DEFAULT 120 CHECK (cancel_cutoff_minutes >= 0),
  closed_on_holidays boolean NOT NULL DEFAULT true
);
CREATE INDEX service_items_station ON service_items (station_id);

CREATE TABLE slots (
  id text PRIMARY KEY,
  service_item_id text NOT NULL REFERENCES service_items(id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  capacity integer NOT NULL CHECK (capacity > 0),
  CHECK (ends_at > starts_at),
  UNIQUE (service_item_id, starts_at)
);

-- Waitlist order: inserts on one slot are serialised by its row lock, so this is the order of arrival.
CREATE SEQUENCE bookings_line;

CREATE TABLE bookings (
  id text PRIMARY KEY,
  line bigint NOT NULL DEFAULT nextval('bookings_line'),
  slot_id text NOT NULL REFERENCES slots(id),
  person_id text NOT NULL REFERENCES people(id),
  status text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled', 'checked_in', 'no_show')),
  created_at timestamptz NOT NULL,
  -- when it joined the waitlist (its place in line) and when it was promoted from it
  waitlisted_at timestamptz,
  promoted_at timestamptz,
  cancelled_at timestamptz,
  checked_in_at timestamptz,
  no_show_at timestamptz,
  reminded_at timestamptz
);
CREATE INDEX bookings_slot ON bookings (slot_id, status);
CREATE INDEX bookings_person ON bookings (person_id, created_at DESC);
-- one live booking per person and slot
CREATE UNIQUE INDEX bookings_one_per_person ON bookings (slot_id, person_id) WHERE status IN ('confirmed', 'waitlisted', 'checked_in');

-- Arrivals at a station (booked or walk-in): 在站人数 is the count of the last hour.
CREATE TABLE station_check_ins (
  id text PRIMARY KEY,
  station_id text NOT NULL REFERENCES stations(id),
  booking_id text UNIQUE REFERENCES bookings(id),
  recorded_by text REFERENCES people(id),
  at timestamptz NOT NULL
);
CREATE INDEX station_check_ins_recent ON station_check_ins (station_id, at DESC);

CREATE TABLE pairings (
  id text PRIMARY KEY,
  -- branch: an agency branch with an enterprise branch (政企共建); mentoring: 青蓝工程 mentor and mentee
  kind text NOT NULL DEFAULT 'branch' CHECK (kind IN ('branch', 'mentoring')),
  phase integer NOT NULL CHECK (phase > 0),
  agency_branch text NOT NULL,
  agency_department_id text REFERENCES departments(id),
  enterprise_branch text NOT NULL,
  enterprise_id text REFERENCES enterprises(id),
  started_on date NOT NULL,
  ends_on date,
  goals text NOT NULL DEFAULT ''
);

-- The people who run a pair on each side: they post its activities, show the sign-in code and are reminded.
CREATE TABLE pairing_contacts (
  pairing_id text NOT NULL REFERENCES pairings(id) ON DELETE CASCADE,
  person_id text NOT NULL REFERENCES people(id),
  side text NOT NULL CHECK (side IN ('agency', 'enterprise')),
  PRIMARY KEY (pairing_id, person_id)
);
CREATE INDEX pairing_contacts_person ON pairing_contacts (person_id);

CREATE TABLE pairing_activities (
  id text PRIMARY KEY,
  pairing_id text NOT NULL REFERENCES pairings(id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('lecture', 'theme_day', 'development', 'position', 'life_meeting', 'evaluation', 'custom', 'mentoring')),
  title text NOT NULL,
  held_on date NOT NULL,
  place text NOT NULL DEFAULT '',
  summary text NOT NULL DEFAULT '',
  created_by text REFERENCES people(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pairing_activities_pairing ON pairing_activities (pairing_id, held_on DESC);
CREATE INDEX pairing_activities_held ON pairing_activities (held_on DESC);

-- A problem raised at a 共商发展难题 activity counts for its pair (problems is created before activities).
ALTER TABLE problems ADD COLUMN activity_id text REFERENCES pairing_activities(id);
CREATE INDEX problems_activity ON problems (activity_id) WHERE activity_id IS NOT NULL;

-- Sign-in by the activity's QR code: one row per person, so the count is derived and a rescan is harmless.
CREATE TABLE activity_attendance (
  activity_id text NOT NULL REFERENCES pairing_activities(id) ON DELETE CASCADE,
  person_id text NOT NULL REFERENCES people(id),
  at timestamptz NOT NULL,
  PRIMARY KEY (activity_id, person_id)
);

-- Required activities a year by type: pairing_id NULL is the district's default for pairs without their own.
CREATE TABLE pairing_plans (
  pairing_id text REFERENCES pairings(id) ON DELETE CASCADE,
  year integer NOT NULL,
  type text NOT NULL,
  required integer NOT NULL CHECK (required BETWEEN 0 AND 52)
);
CREATE UNIQUE INDEX pairing_plans_key ON pairing_plans (COALESCE(pairing_id, ''), year, type);

-- A first secretary's visit (走访) to an assigned enterprise.
CREATE TABLE secretary_visits (
  id text PRIMARY KEY,
  person_id text NOT NULL REFERENCES people(id),
  enterprise_id text NOT NULL REFERENCES enterprises(id),
  visited_at timestamptz NOT NULL,
  lat double precision CHECK (lat BETWEEN -90 AND 90),
  lng double precision CHECK (lng BETWEEN -180 AND 180),
  address text,
  note text NOT NULL
);
CREATE INDEX secretary_visits_person ON secretary_visits (person_id, visited_at DESC);
CREATE INDEX secretary_visits_enterprise ON secretary_visits (enterprise_id, visited_at DESC);

-- Periodic messages sent once: plan reminders (a pair, a month) and weekly summaries (a person, a week).
CREATE TABLE periodic_notices (
  kind text NOT NULL,
  subject text NOT NULL,
  period text NOT NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (kind, subject, period)
);

-- Photos. Uploaded before the problem exists (owner only), then attached to it; served only to its readers.
CREATE TABLE files (
  id text PRIMARY KEY,
  owner_person_id text NOT NULL REFERENCES people(id),
  -- a photo belongs to a problem or shows a station (or, just uploaded, to neither yet)
  problem_id text REFERENCES problems(id),
  station_id text REFERENCES stations(id),
  activity_id text REFERENCES pairing_activities(id) ON DELETE CASCADE,
  visit_id text REFERENCES secretary_visits(id) ON DELETE CASCADE,
  position smallint,
  -- where the bytes are: a path under the data directory, or a WeChat cloud storage file id
  storage text NOT NULL CHECK (storage IN ('local', 'wxcloud')),
  storage_key text NOT NULL,
  mime_type text NOT NULL,
  bytes integer NOT NULL,
  created_at timestamptz NOT NULL,
  -- content security: pending while WeChat's asynchronous image check runs (moderation_trace is the id
  -- its verdict quotes); only 'pass' photos are shown to anyone but their owner
  moderation text NOT NULL DEFAULT 'pass' CHECK (moderation IN ('pending', 'pass', 'risky')),
  moderation_trace text,
  CHECK (num_nonnulls(problem_id, station_id, activity_id, visit_id) <= 1)
);
CREATE INDEX files_problem ON files (problem_id, position);
CREATE INDEX files_station ON files (station_id, position) WHERE station_id IS NOT NULL;
CREATE INDEX files_activity ON files (activity_id, position) WHERE activity_id IS NOT NULL;
CREATE INDEX files_visit ON files (visit_id, position) WHERE visit_id IS NOT NULL;
CREATE INDEX files_moderation_trace ON files (moderation_trace) WHERE moderation_trace IS NOT NULL;

-- In-app messages: the source of truth for notices.
CREATE TABLE notices (
  id text PRIMARY KEY,
  person_id text NOT NULL REFERENCES people(id),
  title text NOT NULL,
  body text NOT NULL,
  problem_id text REFERENCES problems(id),
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE INDEX notices_person ON notices (person_id, created_at DESC);

-- Messages for channels outside the product (WeChat subscribe messages); a sender marks them sent.
CREATE TABLE outbox (
  id text PRIMARY KEY,
  notice_id text NOT NULL REFERENCES notices(id),
  channel text NOT NULL,
  template text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
CREATE INDEX outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;

-- Working-day calendar corrections entered by an administrator (the next year's notice, 调休 days).
CREATE TABLE calendar_overrides (
  date date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  note text NOT NULL DEFAULT ''
);

-- Per-category time limits in working days; a category without a row uses the defaults (1 / 5 / 10).
CREATE TABLE sla_policies (
  category text PRIMARY KEY,
  accept_days integer NOT NULL CHECK (accept_days BETWEEN 1 AND 30),
  reply_days integer NOT NULL CHECK (reply_days BETWEEN 1 AND 90),
  extension_max_days integer NOT NULL CHECK (extension_max_days BETWEEN 0 AND 90)
);

-- The dispatcher's routing rules: a phrase in the text sends the problem to a department.
CREATE TABLE routing_rules (
  id text PRIMARY KEY,
  phrase text NOT NULL,
  department_id text NOT NULL REFERENCES departments(id),
  priority integer NOT NULL DEFAULT 0,
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Labelled examples learned from the flow: the department that finally accepted a re-routed problem.
CREATE TABLE routing_examples (
  problem_id text PRIMARY KEY REFERENCES problems(id),
  text text NOT NULL,
  category text,
  chain_id text,
  town_id text,
  department_id text NOT NULL REFERENCES departments(id),
  weight real NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL
);

-- Trained routing models; the newest is used.
CREATE TABLE routing_models (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  model jsonb NOT NULL,
  examples integer NOT NULL,
  trained_at timestamptz NOT NULL
);

-- Answers to retried requests: the first answer is kept and returned again.
CREATE TABLE request_log (
  caller text NOT NULL,
  fn text NOT NULL,
  action text NOT NULL,
  request_id text NOT NULL,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (caller, fn, action, request_id)
);

-- Every administrative change: who, when, and the record before and after (null when created or
-- deleted). Written in the same transaction as the change, so neither exists without the other.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id text REFERENCES people(id),
  actor_name text NOT NULL,
  subject text NOT NULL,
  subject_id text NOT NULL,
  action text NOT NULL,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_log_subject ON audit_log (subject, subject_id, id DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id DESC);
`
