import type { Metadata } from "next";
import { findByUbrnAction } from "@/app/patient/[ref]/referrals/actions";
import { SearchModeNavigation } from "@/app/find-patient/_components/SearchModeNavigation";
import { UbrnForm } from "@/components/UbrnForm";
import * as content from "@/lib/content";
import { requireSearchAccess, SearchColumn } from "@/app/find-patient/_components/search-page";
import { paths } from "@/lib/routes";

const text = content.referrals;

export const metadata: Metadata = { title: content.pageTitle(text.findTitle) };

export default async function FindByUbrnPage() {
  await requireSearchAccess("view-referrals");
  return (
    <SearchColumn>
      <UbrnForm
        action={findByUbrnAction}
        pageTitle={text.findTitle}
        heading={
          <>
            <h1>{text.findTitle}</h1>
            <SearchModeNavigation current={paths.findByUbrn()} />
          </>
        }
      />
    </SearchColumn>
  );
}
