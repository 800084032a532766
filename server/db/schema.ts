/**
 * The only place tables are declared. Change it, then `npm run db:generate` and commit the new SQL in
 * migrations/ together with this file. Never edit a migration that is already on main.
 */
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
    task: text('task', { enum: ['pose', 'grasp', 'trajectory', 'rearrangement', 'spatial', 'depth'] }).notNull(),
    pool: text('pool', { enum: ['benchmark', 'practice'] }).notNull().default('benchmark'),
    image: text('image').notNull(),
    /**
     * Random key under which the image is served (/img/<key>): contributors never see the dataset's
     * image path, which would name the public BOP frame and so its published labels.
     */
    imageKey: text('image_key'),
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
  },
  (t) => [
    index('questions_task_idx').on(t.task),
    index('questions_pool_idx').on(t.pool),
    index('questions_image_key_idx').on(t.imageKey),
    index('questions_need_idx').on(t.pool, t.task, t.load, t.hashRank),
  ],
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
  },
  // external_id is not unique: a platform id is a claim, not a credential, so the first browser to use
  // one must not shut its owner out (services/annotate.ts, MAX_BATCHES_PER_EXTERNAL_ID).
  (t) => [uniqueIndex('participants_token_idx').on(t.token), index('participants_external_id_idx').on(t.externalId)],
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
    mode: text('mode', { enum: ['answer', 'verify', 'practice'] }).notNull(),
    /** `expired`: left open past the hold (assignment.ts OPEN_HOLD_MS), given back; a late answer is refused. */
    status: text('status', { enum: ['open', 'answered', 'skipped', 'expired'] }).notNull().default('open'),
    /** verify mode: the response whose answer is shown for checking. */
    verifyResponseId: text('verify_response_id'),
    /** When the question was bound: its hold (OPEN_HOLD_MS) runs from here. */
    boundAt: integer('bound_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('assignments_participant_question_idx').on(t.participantId, t.questionId),
    index('assignments_question_idx').on(t.questionId),
    index('assignments_verify_response_idx').on(t.verifyResponseId),
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
    kind: text('kind', { enum: ['answer', 'verify', 'skip'] }).notNull(),
    /** The crowd assignment this response answers (null for imported predictions). */
    assignmentId: integer('assignment_id').references(() => assignments.id),
    output: text('output', { mode: 'json' }).$type<unknown>(),
    /** verify: did the contributor judge the shown answer correct. */
    isCorrectVerdict: integer('is_correct_verdict', { mode: 'boolean' }),
    skipReason: text('skip_reason'),
    timeMs: integer('time_ms'),
    scores: text('scores', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('responses_question_idx').on(t.questionId),
    index('responses_source_idx').on(t.source),
    index('responses_assignment_idx').on(t.assignmentId),
  ],
);

/** Curator and admin accounts (contributors are anonymous participants). */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['curator', 'admin'] }).notNull(),
  /** A disabled account cannot sign in, and its open sessions stop working at once. */
  isDisabled: integer('is_disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
});

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
