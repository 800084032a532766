import { useState } from 'react';
import { useNavigate } from 'react-router';

/** Open a question by id (from the results page or anywhere). */
export function QuestionSearch() {
  const navigate = useNavigate();
  const [id, setId] = useState('');
  return (
    <form className="inline" onSubmit={(e) => { e.preventDefault(); if (id.trim()) navigate(`/question/${encodeURIComponent(id.trim())}`); }}>
      <input aria-label="Question id" placeholder="question id" value={id} onChange={(e) => setId(e.target.value)} />
      <button type="submit">Open question</button>
    </form>
  );
}
