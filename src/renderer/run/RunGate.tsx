// The run bar's (and the Training tab's) line that says why Run or Train is disabled, with a button that goes to
// the field, and the warnings that do not block. Reads a Gate (./gate.ts).
import type { Gate, GateItem } from './gate';

interface Props {
  id: string;
  gate: Gate;
  verb: 'run' | 'train';
  regionOf: (fieldId: string) => string | null;
  onFocusField: (fieldId: string) => void;
  onShowProblem?: (ownerId: string) => void;
}

export function RunGate({ id, gate, verb, regionOf, onFocusField, onShowProblem }: Props) {
  if (!gate.blockers.length && !gate.warnings.length) return null;
  const link = (it: GateItem) => {
    if (it.fieldId) {
      const region = regionOf(it.fieldId);
      return <button type="button" className="link" onClick={() => onFocusField(it.fieldId!)}>Go to field{region ? ` (${region})` : ''}</button>;
    }
    if (it.ownerId && onShowProblem) return <button type="button" className="link" onClick={() => onShowProblem(it.ownerId!)}>Show {it.ownerId}</button>;
    return null;
  };
  const first = gate.blockers[0];
  const more = gate.blockers.length - 1;
  return (
    <div className="run-gate" id={id} data-testid={`${verb}-gate`}>
      {first && (
        <p className="run-blocked" role="alert">
          Cannot {verb}: {first.text}{more > 0 ? ` (and ${more} more)` : ''}. {link(first)}
        </p>
      )}
      {gate.warnings.length > 0 && (
        <p className="run-warning" data-testid={`${verb}-warning`}>
          Warning (does not stop the {verb}): {gate.warnings[0].text}
          {gate.warnings.length > 1 ? ` (and ${gate.warnings.length - 1} more in Problems)` : ''}. {link(gate.warnings[0])}
        </p>
      )}
    </div>
  );
}
