import type { Metadata } from "next";
import { PrescriptionIdSearchForm } from "@/app/find-patient/_components/PrescriptionIdSearchForm";
import { SearchModeNavigation } from "@/app/find-patient/_components/SearchModeNavigation";
import * as content from "@/lib/content";
import { requireSearchAccess, SearchColumn } from "@/app/find-patient/_components/search-page";
import { paths } from "@/lib/routes";

const text = content.findPatient.prescription;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

export default async function FindByPrescriptionIdPage() {
  await requireSearchAccess("view-prescriptions");
  return (
    <SearchColumn>
      <PrescriptionIdSearchForm navigation={<SearchModeNavigation current={paths.findByPrescription()} />} />
    </SearchColumn>
  );
}
