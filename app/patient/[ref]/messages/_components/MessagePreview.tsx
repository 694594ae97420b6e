import { markdownBlocks } from "@/lib/features/patient-messages/templates";

/** The message as the NHS App shows it, drawn from the very Markdown that is sent. */
export function MessagePreview({ markdown, label }: { markdown: string; label: string }) {
  return (
    <div className="nhsuk-card" data-testid="message-preview">
      <div className="nhsuk-card__content">
        <p className="nhsuk-caption-m">{label}</p>
        {markdownBlocks(markdown).map((block, index) =>
          block.kind === "heading" ? (
            <h3 key={index} className="nhsuk-heading-m">
              {block.text}
            </h3>
          ) : block.kind === "link" ? (
            <p key={index}>
              <a href={block.href} rel="external noopener noreferrer">
                {block.text}
              </a>
            </p>
          ) : (
            <p key={index}>{block.text}</p>
          ),
        )}
      </div>
    </div>
  );
}
