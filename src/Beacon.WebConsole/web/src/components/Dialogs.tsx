import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

/** A native modal dialog: Escape and the backdrop close it, focus stays inside. */
function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} class="modal" onClose={onClose} onClick={(e) => e.target === ref.current && onClose()} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </dialog>
  );
}

export function WeightDialog({ id, weight, onSave, onClose }: {
  id: string; weight: number; onSave: (weight: number) => Promise<void>; onClose: () => void;
}) {
  const [value, setValue] = useState(String(weight));
  const [busy, setBusy] = useState(false);
  const number = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(number) && number >= 0 && number <= 10000;
  const save = async (e: Event) => {
    e.preventDefault();
    if (!valid) return;
    setBusy(true);
    try { await onSave(number); onClose(); } finally { setBusy(false); }
  };
  return (
    <Modal title={`Weight of ${id}`} onClose={onClose}>
      <form onSubmit={save}>
        <p class="muted">The instance's share of traffic relative to the others: 100 is the default, 0 sends it none.</p>
        <div class="weight-edit">
          <input type="range" min={0} max={1000} step={10} value={Math.min(number || 0, 1000)}
            onInput={(e) => setValue((e.target as HTMLInputElement).value)} aria-label="Weight slider" />
          <input type="number" min={0} max={10000} value={value} name="weight" autoFocus
            onInput={(e) => setValue((e.target as HTMLInputElement).value)} aria-label="Weight" />
        </div>
        {!valid && <p class="field-error">A whole number from 0 to 10000.</p>}
        <div class="modal-actions">
          <button type="button" class="btn" onClick={onClose}>Cancel</button>
          <button type="submit" class="btn btn-primary" disabled={!valid || busy}>Save weight</button>
        </div>
      </form>
    </Modal>
  );
}

export function ConfirmDialog({ title, text, confirm, onConfirm, onClose }: {
  title: string; text: string; confirm: string; onConfirm: () => Promise<void>; onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try { await onConfirm(); onClose(); } finally { setBusy(false); }
  };
  return (
    <Modal title={title} onClose={onClose}>
      <p>{text}</p>
      <div class="modal-actions">
        <button type="button" class="btn" onClick={onClose} autoFocus>Cancel</button>
        <button type="button" class="btn btn-danger" onClick={go} disabled={busy}>{confirm}</button>
      </div>
    </Modal>
  );
}
