import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../errors';
import { trpc } from '../../trpc';
import type { TableData } from './types';

/** What the table leaves out, each with its reason and a way back. */
export function ExclusionsPanel({ exclusions }: { exclusions: TableData['exclusions'] }) {
  const queryClient = useQueryClient();
  const invalidate = { onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.results.pathKey() }) };
  const includeContributor = useMutation(trpc.results.exclusions.includeContributor.mutationOptions(invalidate));
  const includeQuestion = useMutation(trpc.results.exclusions.includeQuestion.mutationOptions(invalidate));
  if (exclusions.contributors.length + exclusions.questions.length === 0) return null;
  return (
    <section data-testid="exclusions">
      <h2>Left out of the table</h2>
      <table className="data" style={{ maxWidth: 900 }}>
        <thead>
          <tr>
            <th>Contributor or question</th>
            <th>Reason</th>
            <th>Responses</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {exclusions.contributors.map((c) => (
            <tr key={`c-${c.annotator}`}>
              <td>contributor {c.annotator}</td>
              <td style={{ textAlign: 'left' }}>{c.reason}</td>
              <td>{c.responses}</td>
              <td><button onClick={() => includeContributor.mutate({ annotator: c.annotator })}>Include again</button></td>
            </tr>
          ))}
          {exclusions.questions.map((q) => (
            <tr key={`q-${q.questionId}`}>
              <td>question {q.questionId}</td>
              <td style={{ textAlign: 'left' }}>{q.reason}</td>
              <td>{q.responses}</td>
              <td><button onClick={() => includeQuestion.mutate({ questionId: q.questionId })}>Include again</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {(includeContributor.error || includeQuestion.error) && <p className="error">{errorText(includeContributor.error ?? includeQuestion.error)}</p>}
    </section>
  );
}
