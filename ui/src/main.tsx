import "@xyflow/react/dist/style.css";
import "./styles.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { api, asFailure } from "./api";
import { App } from "./App";
import { ErrorBoundary } from "./ErrorBoundary";
import { StudioProvider } from "./state/studio";

const root = document.getElementById("root");
if (root) {
  api
    .startup()
    .then((startup) => {
      createRoot(root).render(
        <StrictMode>
          <ErrorBoundary>
            <StudioProvider api={api} startup={startup}>
              <App />
            </StudioProvider>
          </ErrorBoundary>
        </StrictMode>,
      );
    })
    .catch((error: unknown) => {
      root.textContent = `Tablewright could not start: ${asFailure(error).message}`;
    });
}
