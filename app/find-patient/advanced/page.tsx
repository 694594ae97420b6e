import type { Metadata } from "next";
import { PatientDetailsSearchForm } from "@/app/find-patient/_components/PatientDetailsSearchForm";
import { SearchModeNavigation } from "@/app/find-patient/_components/SearchModeNavigation";
import * as content from "@/lib/content";
import { requireSearchAccess, SearchColumn } from "@/app/find-patient/_components/search-page";
import { paths } from "@/lib/routes";

export const metadata: Metadata = { title: content.pageTitle(content.findPatient.advanced.title) };

export default async function Page() {
  const { session } = await requireSearchAccess();
  // "Change search" and Back come here with the last search filled in, from the server-side session
  const initialValues = session.lastSearch?.kind === "advanced" ? session.lastSearch.form : {};
  return (
    <SearchColumn>
      <PatientDetailsSearchForm mode="advanced" initialValues={initialValues} navigation={<SearchModeNavigation current={paths.findAdvanced()} />} />
    </SearchColumn>
  );
}
