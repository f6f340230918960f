import { createContext, type ComponentChildren } from 'preact';
import { useContext, useState } from 'preact/hooks';

// The namespace the console looks at, remembered across visits.
const key = 'beacon.namespace';
const Context = createContext<{ namespace: string; setNamespace: (ns: string) => void }>({
  namespace: 'default',
  setNamespace: () => {},
});

export function NamespaceProvider({ children }: { children: ComponentChildren }) {
  const [namespace, set] = useState(() => localStorage.getItem(key) || 'default');
  const setNamespace = (ns: string) => {
    const value = ns.trim() || 'default';
    localStorage.setItem(key, value);
    set(value);
  };
  return <Context.Provider value={{ namespace, setNamespace }}>{children}</Context.Provider>;
}

export const useNamespace = () => useContext(Context);
