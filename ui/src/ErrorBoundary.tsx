// A bug in the UI shows itself instead of an empty window: what broke, and a
// way back. The model is the backend's, so reloading the page loses nothing.
import { Component, type ErrorInfo, type ReactNode } from "react";

import { onShellEvents } from "./api";

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null; where: string }> {
  override state = { error: null as Error | null, where: "" };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  private stopListening: (() => void) | null = null;

  override componentDidCatch(_error: Error, info: ErrorInfo) {
    this.setState({ where: info.componentStack ?? "" });
    // The app asks the page before closing with unsaved changes; the page that
    // would answer is gone, so a close request brings it back to answer.
    this.stopListening ??= onShellEvents({
      menu: () => undefined,
      closeRequested: () => {
        window.location.reload();
      },
    });
  }

  override componentWillUnmount() {
    this.stopListening?.();
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="crashed" role="alert" data-testid="ui-error">
        <h1>The window hit a bug</h1>
        <p>Your model is safe: it is held by the app, not by this page. Reload the page to carry on.</p>
        <pre>{`${error.name}: ${error.message}\n${this.state.where}`}</pre>
        <button type="button" className="primary" onClick={() => { window.location.reload(); }}>
          Reload
        </button>
      </div>
    );
  }
}
