/**
 * The only place tables are declared. Change it, then `npm run db:generate` and commit the new SQL in
 * migrations/ together with this file. Never edit a migration that is already on main.
 */
import { sql, type SQL } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { TASKS } from '../../shared/tasks';

export const QUESTION_POOLS = ['benchmark', 'practice'] as const;
export const ASSIGNMENT_MODES = ['answer', 'verify', 'practice'] as const;
export const ASSIGNMENT_STATUSES = ['open', 'answered', 'skipped', 'expired'] as const;
export const RESPONSE_KINDS = ['answer', 'verify', 'skip'] as const;
export const USER_ROLES = ['curator', 'admin'] as const;

/**
 * A CHECK that `column` holds one of `values`: the enum in SQL too, so a raw-SQL insert (sqlite3 shell,
 * a script) cannot store a task or status the app does not know. The values are the app's own constants.
 */
const oneOf = (name: string, column: AnySQLiteColumn, values: readonly string[]): ReturnType<typeof check> =>
  // The bare column name: a table-qualified one would name drizzle-kit's temporary copy of the table.
  check(name, sql.raw(`"${column.name}" in (${values.map((v) => `'${v}'`).join(', ')})`) as SQL);

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/**
 * One benchmark question, as imported. `item` is the dataset line exactly as imported (JSON text), so
 * export is round-trip exact; the other columns are the fields the app queries. `pool` separates the
 * benchmark questions from the practice pool that contributors train on (never scored in the table).
 */
export const questions = sqliteTable(
  'questions',
  {
    id: text('id').primaryKey(),
    task: text('task', { enum: TASKS }).notNull(),
    pool: text('pool', { enum: QUESTION_POOLS }).notNull().default('benchmark'),
    image: text('image').notNull(),
    /**
     * Random key under which the image is served (/img/<key>): contributors never see the dataset's
     * image path, which would name the public BOP frame and so its published labels.
     */
    imageKey: text('image_key').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    question: text('question').notNull(),
    item: text('item', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    /**
     * A stable uniform number in [0, 2^32) from the id's SHA-1: the questions below
     * redundancyShare · 2^32 want a second contributor, and it orders equals at random without a sort.
     */
    hashRank: integer('hash_rank'),
    /**
     * Benchmark slots taken: answered answer-mode assignments plus open ones still within their hold
     * (services/assignment.ts keeps it as assignments are bound, answered, skipped or expire). It lets
     * a contributor's next question be found through one index instead of counting over the dataset.
     */
    load: integer('load').notNull().default(0),
    createdAt: createdAt(),
    /** The label's current version (1 = as imported); the curators' optimistic-concurrency token. */
    version: integer('version').notNull().default(1),
    reviewStatus: text('review_status', { enum: ['unreviewed', 'accepted', 'corrected', 'rejected'] })
      .notNull()
      .default('unreviewed'),
    reviewReason: text('review_reason'),
    /**
     * The review queue's sort key, lowest first: how much the evidence agrees with the label (0–1, the
     * lower of the crowd's mean agreement and the share of "correct" verification votes); 2 with no
     * evidence yet. Kept up to date by services/review/crowdStats.ts, so the queue is an index walk.
     */
    reviewPriority: real('review_priority').notNull().default(2),
    /** Crowd answers to this question and their agreement with the current label (0–1). */
    crowdCount: integer('crowd_count').notNull().default(0),
    crowdMeanAgreement: real('crowd_mean_agreement'),
    crowdMinAgreement: real('crowd_min_agreement'),
    /** Verification votes on the label itself (verify items that showed the label, not a model). */
    verifyYes: integer('verify_yes').notNull().default(0),
    verifyNo: integer('verify_no').notNull().default(0),
    /** meta.dataset and meta.scene, for the queue's filters (virtual: read from `item`, indexed). */
    metaDataset: text('meta_dataset').generatedAlwaysAs(sql`json_extract(item, '$.meta.dataset')`, { mode: 'virtual' }),
    metaScene: text('meta_scene').generatedAlwaysAs(sql`cast(json_extract(item, '$.meta.scene') as text)`, { mode: 'virtual' }),
    /**
     * How well the first crowd answer agrees with the label, 0–1 (services/secondOpinion.ts); 2 until
     * one is stored (after every score, as `reviewPriority`; a value, unlike null, lets SQLite walk the
     * index for the unscored). With `redundancyByDisagreement` on, second answers go to the lowest first.
     * Never shown to contributors: it is a function of the label.
     */
    firstAnswerScore: real('first_answer_score').notNull().default(2),
  },
  (t) => [
    index('questions_task_idx').on(t.task),
    index('questions_pool_idx').on(t.pool),
    index('questions_image_key_idx').on(t.imageKey),
    index('questions_queue_idx').on(t.pool, t.reviewPriority, t.id),
    index('questions_queue_status_idx').on(t.pool, t.reviewStatus, t.reviewPriority, t.id),
    index('questions_queue_task_idx').on(t.pool, t.task, t.reviewPriority, t.id),
    index('questions_queue_task_status_idx').on(t.pool, t.task, t.reviewStatus, t.reviewPriority, t.id),
    index('questions_queue_dataset_idx').on(t.pool, t.metaDataset, t.metaScene, t.reviewPriority, t.id),
    oneOf('questions_task_check', t.task, TASKS),
    oneOf('questions_pool_check', t.pool, QUESTION_POOLS),
    index('questions_need_idx').on(t.pool, t.task, t.load, t.hashRank),
    index('questions_second_opinion_idx').on(t.pool, t.task, t.load, t.firstAnswerScore, t.hashRank),
  ],
);

/**
 * Every version of a label after the imported one (version 1 is written here too, from the imported
 * item, when the label first changes). `item` is the whole dataset line as it was at that version, so
 * any version can be restored and `--history` can write it.
 */
export const labelVersions = sqliteTable(
  'label_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    version: integer('version').notNull(),
    action: text('action', { enum: ['import', 'accept', 'correct', 'reject', 'restore', 'bulk-accept'] }).notNull(),
    status: text('status', { enum: ['unreviewed', 'accepted', 'corrected', 'rejected'] }).notNull(),
    item: text('item', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    /** The fields this version changed, e.g. ["answer", "box3d"]; empty for a status change. */
    changed: text('changed', { mode: 'json' }).notNull().$type<string[]>(),
    reason: text('reason'),
    userId: integer('user_id').references(() => users.id),
    /** Who, when not an account of this database (an import of another database's history). */
    userName: text('user_name'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('label_versions_question_version_idx').on(t.questionId, t.version)],
);

/** An anonymous crowd contributor, identified by a random token kept in their browser. */
export const participants = sqliteTable(
  'participants',
  {
    id: text('id').primaryKey(),
    token: text('token').notNull(),
    /** The crowd platform's participant id (`?pid=`), when given. */
    externalId: text('external_id'),
    batchSize: integer('batch_size').notNull(),
    completionCode: text('completion_code'),
    createdAt: createdAt(),
    /**
     * `baseline`: the ordinary campaign (answers, and verifications of models' answers). `labels`: the
     * separate label-verification campaign, the one place contributors are shown benchmark labels.
     */
    campaign: text('campaign', { enum: ['baseline', 'labels'] }).notNull().default('baseline'),
    /** Baseline batches: this browser's label-campaign batch, whose verified questions it never answers. */
    labelsParticipantId: text('labels_participant_id'),
  },
  // external_id is not unique: a platform id is a claim, not a credential, so the first browser to use
  // one must not shut its owner out (services/annotate.ts, MAX_BATCHES_PER_EXTERNAL_ID).
  (t) => [
    uniqueIndex('participants_token_idx').on(t.token),
    index('participants_campaign_external_id_idx').on(t.campaign, t.externalId),
    index('participants_external_id_idx').on(t.externalId),
  ],
);

/**
 * One question in one contributor's batch. `(participant, question)` is unique: a question is never
 * given twice to the same contributor.
 */
export const assignments = sqliteTable(
  'assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    /**
     * Null until the contributor reaches the item: a batch is a plan (the task of each position) and
     * an answer-mode question is taken only then (late binding), so opening batches holds nothing.
     */
    questionId: text('question_id').references(() => questions.id),
    /** The planned task of this position (the question's task once bound). */
    task: text('task', { enum: ['pose', 'grasp', 'trajectory', 'rearrangement', 'spatial', 'depth'] }),
    position: integer('position').notNull(),
    mode: text('mode', { enum: ASSIGNMENT_MODES }).notNull(),
    /** `expired`: left open past the hold (assignment.ts OPEN_HOLD_MS), given back; a late answer is refused. */
    status: text('status', { enum: ASSIGNMENT_STATUSES }).notNull().default('open'),
    /** verify mode: the response whose answer is shown for checking. */
    verifyResponseId: text('verify_response_id').references((): AnySQLiteColumn => responses.id),
    /** When the question was bound: its hold (OPEN_HOLD_MS) runs from here. */
    boundAt: integer('bound_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('assignments_participant_question_idx').on(t.participantId, t.questionId),
    index('assignments_question_idx').on(t.questionId),
    index('assignments_verify_response_idx').on(t.verifyResponseId),
    oneOf('assignments_mode_check', t.mode, ASSIGNMENT_MODES),
    oneOf('assignments_status_check', t.status, ASSIGNMENT_STATUSES),
    index('assignments_participant_idx').on(t.participantId, t.position),
    index('assignments_hold_idx').on(t.status, t.boundAt),
  ],
);

/**
 * A scored answer to a question: a contributor's, a model's or a verification. `id` is generated by the
 * client (or derived from the import line) so a retried submit stores one row. `scores` is the output of
 * shared/metrics `scoreAnswer`, computed by the server when stored.
 */
export const responses = sqliteTable(
  'responses',
  {
    id: text('id').primaryKey(),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    source: text('source').notNull(),
    annotator: text('annotator'),
    kind: text('kind', { enum: RESPONSE_KINDS }).notNull(),
    /** The crowd assignment this response answers (null for imported predictions). */
    assignmentId: integer('assignment_id').references(() => assignments.id),
    output: text('output', { mode: 'json' }).$type<unknown>(),
    /** verify: did the contributor judge the shown answer correct. */
    isCorrectVerdict: integer('is_correct_verdict', { mode: 'boolean' }),
    skipReason: text('skip_reason'),
    timeMs: integer('time_ms'),
    scores: text('scores', { mode: 'json' }).$type<Record<string, unknown>>(),
    /**
     * shared/metrics METRIC_VERSION of the code that computed `scores` (null: before versions were
     * stored, i.e. version 1). Older scores are recomputed by `bopask rescore` and at server start.
     */
    metricVersion: integer('metric_version'),
    createdAt: createdAt(),
    /**
     * The `pending_imports` row of the import that staged this response: while that row exists the
     * response is invisible to every reader (server/db/visibility.ts), so a large import is written in
     * short transactions and still appears all at once. Null for everything else; kept after publish
     * (clearing it would rewrite every imported row).
     */
    importId: integer('import_id'),
  },
  (t) => [
    index('responses_question_idx').on(t.questionId),
    // Partial: only staged and imported rows, found by import when staged rows are removed.
    index('responses_import_idx').on(t.importId).where(sql`import_id is not null`),
    index('responses_metric_version_idx').on(t.metricVersion),
    // At most one response per crowd assignment (imported predictions have none, so the index is partial).
    uniqueIndex('responses_one_per_assignment_idx').on(t.assignmentId).where(sql`assignment_id is not null`),
    oneOf('responses_kind_check', t.kind, RESPONSE_KINDS),
    /**
     * Per-contributor figures and exclusions look a contributor's responses up by annotator; a source's
     * responses are found by its prefix (a separate index on source alone was one more b-tree entry on
     * every answer for nothing).
     */
    index('responses_source_annotator_idx').on(t.source, t.annotator),
  ],
);

/** Curator and admin accounts (contributors are anonymous participants). */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull(),
    createdAt: createdAt(),
    /** A disabled account cannot sign in, and its open sessions stop working at once. */
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [oneOf('users_role_check', t.role, USER_ROLES)],
);

/** Key/value settings editable by an admin (batch size, redundancy share). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: real('value').notNull(),
});

/**
 * Login sessions of curators and admins. The token lives only in the user's http-only cookie; the
 * table keeps its SHA-256, so a copy of the database (a backup) opens no session.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 (hex) of the session token, never the token itself. */
    tokenHash: text('token').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Contributors a curator left out of the human baseline (a median time far below the others', the
 * same answer every time, …), with the reason, which the table's notes repeat. Keyed by the
 * responses' `annotator` (a participant id, or an imported file's annotator). Deleting the row undoes it.
 */
export const contributorExclusions = sqliteTable('contributor_exclusions', {
  annotator: text('annotator').primaryKey(),
  reason: text('reason').notNull(),
  excludedBy: integer('excluded_by').references(() => users.id),
  createdAt: createdAt(),
});

/** Questions a curator took out of the table (a wrong or ambiguous label), with the reason; reversible. */
export const questionExclusions = sqliteTable('question_exclusions', {
  questionId: text('question_id')
    .primaryKey()
    .references(() => questions.id),
  reason: text('reason').notNull(),
  excludedBy: integer('excluded_by').references(() => users.id),
  createdAt: createdAt(),
});

/**
 * Model groups of the table (the paper: proprietary, open-source, trained on BOP-Ask), in the order
 * they were declared (`position`), which is the order of the table's blocks.
 */
export const modelGroups = sqliteTable('model_groups', {
  name: text('name').primaryKey(),
  position: integer('position').notNull(),
});

/** Which group a source (a model's name) belongs to; a source without a row is ungrouped. */
export const sourceGroups = sqliteTable('source_groups', {
  source: text('source').primaryKey(),
  groupName: text('group_name')
    .notNull()
    .references(() => modelGroups.name, { onUpdate: 'cascade' }),
});

/**
 * The table's running sums (METRICS.md "From scores to the table"), maintained on write so a page view
 * never re-reads the responses: per (source, question) the means of the responses that count
 * (step 2, services/tableSums.ts), kept by SQL triggers and a flush in each writing transaction.
 * Plain REAL columns, not JSON: a full recomputation reads a million rows, and parsing was half of it.
 */
export const questionSums = sqliteTable(
  'question_sums',
  {
    source: text('source').notNull(),
    questionId: text('question_id').notNull(),
    task: text('task', { enum: TASKS }).notNull(),
    responses: integer('responses').notNull(),
    invalid: integer('invalid').notNull(),
    // Per metric (shared/metrics/aggregate.ts METRICS, in that order: `meanRow`), the mean of the
    // source's responses to the question (+∞ when one was infinite) and the mean of the finite ones.
    iou3d: real('iou3d'),
    iou3dF: real('iou3d_f'),
    iou2d: real('iou2d'),
    iou2dF: real('iou2d_f'),
    success: real('success'),
    successF: real('success_f'),
    dist: real('dist'),
    distF: real('dist_f'),
    nce: real('nce'),
    nceF: real('nce_f'),
    recall: real('recall'),
    recallF: real('recall_f'),
    precision: real('precision'),
    precisionF: real('precision_f'),
    correct: real('correct'),
    correctF: real('correct_f'),
    /**
     * The exact sums behind these means, as doubles: the METRIC_VERSION of the code that made them,
     * then `QuestionAccumulator.toArray()`. A submit adds its answer to them instead of reading the
     * question's other responses again. Null: not stored yet, the responses are read.
     */
    acc: blob('acc', { mode: 'buffer' }),
  },
  (t) => [primaryKey({ columns: [t.source, t.questionId] }), index('question_sums_question_idx').on(t.questionId)],
);

/** Per (source, task): exact sums of the per-question means (shared/metrics/aggregate.ts TaskTotals as JSON). */
export const tableTotals = sqliteTable(
  'table_totals',
  {
    source: text('source').notNull(),
    task: text('task', { enum: TASKS }).notNull(),
    totals: text('totals').notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.task] })],
);

/** (source, question) pairs whose sums a write changed and that the next flush recomputes (triggers fill it). */
export const sumsDirty = sqliteTable(
  'sums_dirty',
  {
    source: text('source').notNull(),
    questionId: text('question_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.questionId] })],
);

/**
 * Imports being staged (services/stagedImports.ts): their responses are stored but invisible until the
 * row is deleted, which publishes them all in one short transaction. `pid`, `host` and `heartbeat_at`
 * tell a running import from one whose process died (its rows are removed by the next import or start).
 */
export const pendingImports = sqliteTable('pending_imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  file: text('file').notNull(),
  pid: integer('pid').notNull(),
  host: text('host').notNull(),
  startedAt: createdAt(),
  heartbeatAt: integer('heartbeat_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Sources whose sums are recomputed question range by question range (services/tableSums.ts), in
 * short transactions: after a large import is published. `after` is the last question id done.
 */
export const sumsRebuild = sqliteTable('sums_rebuild', {
  source: text('source').primaryKey(),
  after: text('after').notNull().default(''),
});

/**
 * Per task, the benchmark questions not rejected and how many of them hold two or more slots (load ≥ 2):
 * the picker's budget of second answers under `redundancyByDisagreement`, read in one lookup instead
 * of a count over the dataset. Kept by SQL triggers on `questions` (migrations/0011), so every path
 * that imports, rejects, restores or binds a question keeps it without knowing of it.
 */
export const redundancyCounts = sqliteTable('redundancy_counts', {
  task: text('task', { enum: TASKS }).primaryKey(),
  questions: integer('questions').notNull().default(0),
  doubled: integer('doubled').notNull().default(0),
});
