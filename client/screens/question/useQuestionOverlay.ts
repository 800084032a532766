/** The question page's data turned into overlay answers: ground truth first, then each answer in its style. */
import { useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/routers/_app';
import { answerStyle, GROUND_TRUTH_COLOR, type OverlayAnswer } from '../../components/AnswersOverlay';
import { trpc } from '../../trpc';
import { scoreText } from './scoreText';

export type QuestionData = inferRouterOutputs<AppRouter>['items']['answers'];

export interface LegendEntry extends OverlayAnswer {
  detail: string;
  isExcluded: boolean;
}

const shortId = (id: string) => (id.length <= 16 ? id : id.slice(0, 8));

export function legendFor(data: QuestionData): LegendEntry[] {
  const task = data.question.task;
  const gt: LegendEntry = { key: 'gt', label: 'Ground truth', color: GROUND_TRUTH_COLOR, answer: data.groundTruth, detail: 'the label', isExcluded: false };
  const answers = data.answers.map((a, i): LegendEntry => ({
    key: a.id,
    // Participant ids are UUIDs: their first 8 characters tell contributors apart; short ids stay whole.
    label: a.source === 'Human' ? `Human ${shortId(a.annotator ?? '')}` : a.source,
    ...answerStyle(i),
    answer: a.answer,
    detail: `${scoreText(task, a.scores)}${a.timeMs !== null ? ` · ${(a.timeMs / 1000).toFixed(1)} s` : ''}`,
    isExcluded: a.isExcluded,
  }));
  return [gt, ...answers];
}

export function useQuestionOverlay(questionId: string) {
  const query = useQuery({ ...trpc.items.answers.queryOptions({ questionId }), enabled: questionId !== '' });
  return { query, legend: query.data ? legendFor(query.data) : [] };
}
