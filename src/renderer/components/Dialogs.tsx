// Modal dialogs: the examples gallery and the "cannot open / cannot save" message.
import { useEffect, useRef, type ReactNode } from 'react';
import { EXAMPLES, type Example } from '../editor/examples';

export function Modal({ title, role = 'dialog', onClose, children, describedBy }: { title: string; role?: 'dialog' | 'alertdialog'; onClose: () => void; children: ReactNode; describedBy?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const titleId = `${title.replace(/\W+/g, '-')}-title`;
  return (
    <dialog ref={ref} className="modal" role={role} aria-labelledby={titleId} aria-describedby={describedBy}
      onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

export function ExamplesDialog({ onOpen, onClose }: { onOpen: (e: Example) => void; onClose: () => void }) {
  return (
    <Modal title="Examples" onClose={onClose}>
      <ul className="examples">
        {EXAMPLES.map((ex) => (
          <li key={ex.file}>
            <div>
              <div className="example-name">{ex.name}</div>
              <p className="example-desc">{ex.description}</p>
            </div>
            <button type="button" onClick={() => onOpen(ex)}>{`Open ${ex.name}`}</button>
          </li>
        ))}
      </ul>
      <div className="button-row end"><button type="button" onClick={onClose}>Close</button></div>
    </Modal>
  );
}

export function ProblemDialog({ title, message, details, onClose }: { title: string; message: string; details: string[]; onClose: () => void }) {
  return (
    <Modal title={title} role="alertdialog" onClose={onClose} describedBy="problem-message">
      <p id="problem-message">{message}</p>
      {details.length > 0 && <ul className="diagnostics">{details.map((d, i) => <li key={i}>{d}</li>)}</ul>}
      <div className="button-row end"><button type="button" autoFocus onClick={onClose}>OK</button></div>
    </Modal>
  );
}

/** Before a run that will not fit (src/renderer/app/run-budget.ts): what is too big, Record less (when it helps), Run anyway, Cancel. */
export function RunBudgetDialog({ message, canRecordLess, onRecordLess, onRunAnyway, onCancel }: {
  message: string; canRecordLess: boolean; onRecordLess: () => void; onRunAnyway: () => void; onCancel: () => void;
}) {
  return (
    <Modal title="This run may not fit" role="alertdialog" onClose={onCancel} describedBy="run-budget-message">
      <p id="run-budget-message">{message}</p>
      <p>Running it anyway may make the page run out of memory and close.</p>
      <div className="button-row end">
        {canRecordLess && <button type="button" className="primary" autoFocus onClick={onRecordLess}>Record less</button>}
        <button type="button" onClick={onRunAnyway}>Run anyway</button>
        <button type="button" autoFocus={!canRecordLess} onClick={onCancel}>Cancel</button>
      </div>
    </Modal>
  );
}
