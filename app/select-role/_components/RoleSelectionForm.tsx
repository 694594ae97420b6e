"use client";

import { Button, Radios } from "nhsuk-react-components";
import { useActionState } from "react";
import { selectRoleAction, type RoleSelectionState } from "@/lib/auth/actions";
import * as content from "@/lib/content/sign-in";
import { errorFor } from "@/lib/forms/state";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";

export interface RoleChoice {
  personRoleId: string;
  roleName: string;
  organisation: string;
  selected: boolean;
}

const FIELD_ID = "role";

export function RoleSelectionForm({ roles }: { roles: RoleChoice[] }) {
  const [state, formAction, pending] = useActionState<RoleSelectionState, FormData>(selectRoleAction, { errors: [] });
  const errors = state.errors;
  return (
    <>
      <ErrorSummaryBox errors={errors} pageTitle={content.selectRole.title} />
      <h1>{content.selectRole.title}</h1>
      <p>{content.selectRole.lead}</p>
      <form action={formAction} noValidate>
        <Radios
          id={FIELD_ID}
          idPrefix={FIELD_ID}
          name="roleId"
          legend={content.selectRole.legend}
          legendProps={{ size: "m" }}
          error={errorFor(errors, FIELD_ID)}
        >
          {roles.map((role, index) => (
            <Radios.Item
              key={role.personRoleId}
              id={`${FIELD_ID}-${index + 1}`}
              value={role.personRoleId}
              defaultChecked={role.selected}
              hint={role.organisation}
            >
              {role.roleName}
            </Radios.Item>
          ))}
        </Radios>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {content.selectRole.continue}
        </Button>
      </form>
    </>
  );
}
