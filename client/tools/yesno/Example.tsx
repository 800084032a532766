/** The yes/no example: the two answer buttons and their keys (the caption says what is asked). */
const W = 360;

export function YesNoExample() {
  // As the real buttons look: outlined; the chosen one filled and ticked.
  return (
    <svg viewBox={`0 0 ${W} 90`} width={W} height="90" role="img" aria-label="Answer with Yes or No" data-testid="task-example">
      <rect x="70" y="30" width="100" height="44" rx="6" fill="#0072B2" stroke="#222" strokeWidth="2" />
      <text x="120" y="58" fontSize="16" fontWeight="700" fill="#fff" textAnchor="middle">✓ Yes (Y)</text>
      <rect x="190" y="30" width="100" height="44" rx="6" fill="#fff" stroke="#222" strokeWidth="2" />
      <text x="240" y="58" fontSize="16" fill="#222" textAnchor="middle">No (N)</text>
    </svg>
  );
}
