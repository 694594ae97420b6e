import Link from "@/components/NoPrefetchLink";
import * as content from "@/lib/content";
import { formatDateTimeWithTime } from "@/lib/format";
import { loadTimeline, timelineDate } from "@/lib/features/record/load-timeline";
import type { GapReason, SourceState, TimelineEntry } from "@/lib/features/record/timeline";
import { paths } from "@/lib/routes";
import { Table } from "@/components/Table";
import { SummaryList } from "@/components/SummaryList";

const text = content.timeline;

function gapText(reason: GapReason): string {
  switch (reason.kind) {
    case "not-permitted":
      return text.gaps.notPermitted;
    case "refused":
      return text.gaps.refused(reason.reference);
    case "failed":
      return text.gaps.failed(reason.failure.heading, reason.failure.reference);
    case "scr-basis-needed":
      return text.gaps.scrBasisNeeded;
    case "scr-no-consent":
      return text.gaps.scrNoConsent;
    case "not-available-yet":
      return text.gaps.notAvailableYet;
    default: {
      const unhandled: never = reason;
      return unhandled;
    }
  }
}

function SourceRow({ source, patientRef }: { source: SourceState; patientRef: string }) {
  return (
    <div className="nhsuk-summary-list__row" data-testid={`timeline-source-${source.source}`} data-state={source.state}>
      <dt className="nhsuk-summary-list__key">{text.sourceNames[source.source]}</dt>
      <dd className="nhsuk-summary-list__value">
        {source.state === "included" ? (
          source.note === "no-scr" ? (
            text.noScr(formatDateTimeWithTime(source.retrievedAt))
          ) : (
            text.included(source.count, formatDateTimeWithTime(source.retrievedAt))
          )
        ) : (
          <>
            <strong className="nhsuk-tag nhsuk-tag--orange">{text.gapLabel}</strong> {gapText(source.reason)}
            {source.reason.kind === "scr-basis-needed" ? (
              <>
                {". "}
                <Link href={paths.recordSection(patientRef, "scr")}>{text.openScr}</Link>
              </>
            ) : null}
          </>
        )}
      </dd>
    </div>
  );
}

function EntryCells({ entry }: { entry: TimelineEntry }) {
  return (
    <>
      <td className="nhsuk-table__cell">
        <span className="nhsuk-body-s nhsuk-u-secondary-text-color">{text.kinds[entry.kind]}</span>
        <br />
        <strong>{entry.title}</strong>
        {entry.detail ? (
          <>
            <br />
            {entry.detail}
          </>
        ) : null}
        {entry.recordedHere ? (
          <>
            <br />
            <strong className="nhsuk-tag nhsuk-tag--blue" data-testid="timeline-recorded-here">
              {content.vaccinationPages.recordedHereTag}
            </strong>{" "}
            <span className="nhsuk-body-s">
              {content.vaccinationPages.recordedHere(
                entry.recordedHere.by ?? content.immunisations.notRecorded,
                entry.recordedHere.at ? formatDateTimeWithTime(entry.recordedHere.at) || entry.recordedHere.at : content.immunisations.notRecorded,
              )}
            </span>
          </>
        ) : null}
      </td>
      <td className="nhsuk-table__cell" data-testid="timeline-entry-source">
        {text.sourceCell(text.shortNames[entry.source]!, formatDateTimeWithTime(entry.retrievedAt))}
      </td>
    </>
  );
}

/** The record across national sources: streamed after the page's demographics, each source's state shown beside it. */
export async function RecordTimeline({ patientRef }: { patientRef: string }) {
  const { entries, undated, sources } = await loadTimeline(patientRef);
  return (
    <section aria-labelledby="timeline-heading" data-testid="timeline">
      <h2 className="nhsuk-heading-m" id="timeline-heading">
        {text.title}
      </h2>
      <p>{text.lead}</p>
      <h3 className="nhsuk-heading-s">{text.sourcesHeading}</h3>
      <SummaryList testId="timeline-sources">
        {sources.map((source) => (
          <SourceRow key={source.source} source={source} patientRef={patientRef} />
        ))}
      </SummaryList>
      {entries.length === 0 && undated.length === 0 ? <p data-testid="timeline-empty">{text.none}</p> : null}
      {entries.length > 0 ? (
        <Table caption={text.caption} headings={[text.headings.date, text.headings.entry, text.headings.source]} testId="timeline-entries">
          {entries.map((entry, index) => (
            <tr key={`${entry.source}-${index}`} className="nhsuk-table__row" data-testid="timeline-entry" data-source={entry.source}>
              <td className="nhsuk-table__cell app-nowrap">{entry.date ? timelineDate(entry.date) : text.undatedHeading}</td>
              <EntryCells entry={entry} />
            </tr>
          ))}
        </Table>
      ) : null}
      {undated.length > 0 ? (
        <>
          <h3 className="nhsuk-heading-s" id="timeline-undated-heading">
            {text.undatedHeading}
          </h3>
          <Table
            caption={text.undatedCaption}
            headings={[text.headings.entry, text.headings.source]}
            testId="timeline-undated"
            labelledBy="timeline-undated-heading"
          >
            {undated.map((entry, index) => (
              <tr
                key={`${entry.source}-undated-${index}`}
                className="nhsuk-table__row"
                data-testid="timeline-entry"
                data-source={entry.source}
                data-undated="true"
              >
                <EntryCells entry={entry} />
              </tr>
            ))}
          </Table>
        </>
      ) : null}
    </section>
  );
}
