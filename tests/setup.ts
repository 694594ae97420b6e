import "@testing-library/jest-dom/vitest";
import { afterEach } from "vitest";

if (typeof document !== "undefined") {
  // nhsuk-frontend's scripts refuse to start without these classes
  document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
  const { cleanup } = await import("@testing-library/react");
  afterEach(() => cleanup());
}
