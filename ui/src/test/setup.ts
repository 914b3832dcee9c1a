import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
});

// jsdom lays nothing out, so it has no scrolling: scrolling into view does nothing.
Element.prototype.scrollIntoView = function scrollIntoView() {
  return undefined;
};
