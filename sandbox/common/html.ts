const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** A page in the NHS design system's look, for the stand-in's own screens (the mock CIS2). */
export function nhsPage({ title, body, hasError = false }: { title: string; body: string; hasError?: boolean }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${hasError ? "Error: " : ""}${escapeHtml(title)} – NHS CIS2 (local mock)</title>
  <link rel="stylesheet" href="/_stand-in/nhsuk-frontend.min.css">
</head>
<body class="js-enabled nhsuk-frontend-supported">
  <a class="nhsuk-skip-link" href="#main-content">Skip to main content</a>
  <header class="nhsuk-header" role="banner">
    <div class="nhsuk-header__container nhsuk-width-container">
      <div class="nhsuk-header__service">
        <span class="nhsuk-header__service-name">NHS Care Identity Service 2 – local mock</span>
      </div>
    </div>
  </header>
  <div class="nhsuk-width-container">
    <main class="nhsuk-main-wrapper" id="main-content" role="main">
${body}
    </main>
  </div>
</body>
</html>`;
}
