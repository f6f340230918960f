import { createContext, type ComponentChildren } from 'preact';
import { useContext, useState } from 'preact/hooks';

type Toast = { id: number; text: string; kind: 'ok' | 'error' };
const Context = createContext<{ toasts: Toast[]; notify: (text: string, kind?: Toast['kind']) => void }>({
  toasts: [],
  notify: () => {},
});

let next = 1;

export function ToastProvider({ children }: { children: ComponentChildren }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const notify = (text: string, kind: Toast['kind'] = 'ok') => {
    const id = next++;
    setToasts((t) => [...t, { id, text, kind }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), kind === 'error' ? 8000 : 4000);
  };
  return <Context.Provider value={{ toasts, notify }}>{children}</Context.Provider>;
}

export const useNotify = () => useContext(Context).notify;

export function Toasts() {
  const { toasts } = useContext(Context);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} class={`toast toast-${t.kind}`}>{t.text}</div>
      ))}
    </div>
  );
}
