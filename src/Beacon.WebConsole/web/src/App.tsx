import { Route, Router, Switch } from 'wouter-preact';
import { Header } from './components/Header';
import { Toasts, ToastProvider } from './components/Toasts';
import { NamespaceProvider } from './namespace';
import { useNodeStatus } from './hooks';
import { ServicesPage } from './pages/ServicesPage';
import { ServicePage } from './pages/ServicePage';
import { ClusterPage } from './pages/ClusterPage';

export function App() {
  const status = useNodeStatus();
  return (
    <Router base="/ui">
      <NamespaceProvider>
        <ToastProvider>
          <Header status={status.value} error={status.error} />
          <main>
            <Switch>
              <Route path="/services/:name">{(params) => <ServicePage name={decodeURIComponent(params.name)} />}</Route>
              <Route path="/cluster"><ClusterPage status={status.value} /></Route>
              <Route><ServicesPage status={status.value} /></Route>
            </Switch>
          </main>
          <Toasts />
        </ToastProvider>
      </NamespaceProvider>
    </Router>
  );
}
