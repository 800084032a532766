/** The curators' page: the review queue, and one question at a time in the item view (`?item=`). */
import { LoginGate } from '../components/LoginGate';
import { useSearchParams } from 'react-router';
import { AuthorView } from './review/AuthorView';
import { ItemView } from './review/ItemView';
import { QueuePanel } from './review/QueuePanel';
import { useQueue } from './review/useQueue';

function Review() {
  const q = useQueue();
  const [params, setParams] = useSearchParams();
  if (params.get('author') === '1') return <AuthorView onDone={(id) => setParams(id ? { item: id } : {})} />;
  return q.openId ? <ItemView key={q.openId} id={q.openId} q={q} /> : <QueuePanel q={q} />;
}

export default function CurateScreen() {
  return (
    <LoginGate roles={['curator', 'admin']}>
      <Review />
    </LoginGate>
  );
}
