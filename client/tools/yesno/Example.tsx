/** The yes/no example: the two answer buttons and their keys (the caption says what is asked). */
import { OKABE_ITO } from '../../canvas/colors';

const GREEN = OKABE_ITO.bluishGreen;

export function YesNoExample() {
  return (
    <svg viewBox="0 0 280 100" width="280" height="100" role="img" aria-label="Answer with Yes or No">
      <rect x="40" y="40" width="80" height="40" rx="8" fill={GREEN} />
      <text x="80" y="65" fontSize="15" fill="#fff" textAnchor="middle">Yes (Y)</text>
      <rect x="160" y="40" width="80" height="40" rx="8" fill="#c0362c" />
      <text x="200" y="65" fontSize="15" fill="#fff" textAnchor="middle">No (N)</text>
    </svg>
  );
}
