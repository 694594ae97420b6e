"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useCombobox } from "downshift";
import { Select } from "nhsuk-react-components";
import { useEffect, useState, useSyncExternalStore } from "react";
import * as content from "@/lib/content/vaccination";
import { errorFor, type FieldError } from "@/lib/forms/state";
import { vaccinationTerms } from "@/lib/paths";

const text = content.vaccinationPages;

export interface PickOption {
  code: string;
  display: string;
}

interface TermsAnswer {
  options: PickOption[];
  total: number;
}

/** Typing this much before the Terminology Server is asked; shorter text filters the list loaded with the page. */
const MIN_SEARCH_LENGTH = 2;
const DEBOUNCE_MS = 250;

const isOption = (value: unknown): value is PickOption =>
  typeof value === "object" && value !== null && typeof (value as PickOption).code === "string" && typeof (value as PickOption).display === "string";

/** The route handler's answer, checked before use: a list of options and a total, nothing else trusted. */
function termsAnswer(body: unknown): TermsAnswer {
  const answer = body as Partial<TermsAnswer> | null;
  if (!answer || !Array.isArray(answer.options) || !answer.options.every(isOption) || typeof answer.total !== "number")
    throw new Error("unexpected answer from /vaccination-terms");
  return { options: answer.options, total: answer.total };
}

/** The same rule as the Terminology Server's filter: every typed word starts a word of the name. */
function localMatches(options: PickOption[], typed: string): PickOption[] {
  const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
  return options.filter((option) => {
    const nameWords = option.display.toLowerCase().split(/[\s(),/-]+/);
    return words.every((word) => nameWords.some((nameWord) => nameWord.startsWith(word)));
  });
}

function useDebounced(value: string): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return debounced;
}

const subscribeToNothing = () => () => undefined;

/** The list rendered by the server: what a browser without JavaScript uses, and what the page shows before it runs. */
export function PickSelect({
  name,
  label,
  options,
  value,
  errors,
}: {
  name: string;
  label: string;
  options: PickOption[];
  value: string;
  errors: FieldError[];
}) {
  return (
    <Select id={name} name={name} label={label} defaultValue={value} error={errorFor(errors, name)}>
      <Select.Option value="">{text.chooseOption}</Select.Option>
      {options.map((option) => (
        <Select.Option key={option.code} value={option.code}>
          {option.display}
        </Select.Option>
      ))}
    </Select>
  );
}

interface TermComboboxProps {
  name: string;
  label: string;
  list: "products" | "sites" | "routes";
  vaccineType?: string;
  options: PickOption[];
  /** The code chosen before (the answers as last posted). */
  value: string;
  errors: FieldError[];
}

/**
 * A type-ahead for one list of SNOMED CT concepts (the products of a vaccine type), as an ARIA combobox: the
 * Terminology Server is searched through this app's route handler (debounced, a superseded search cancelled), the
 * chosen concept's code posted under the field's name. Until the script runs, and without JavaScript, it is the
 * server-rendered list; when the search fails, the list loaded with the page is filtered instead, and it says so.
 */
export function TermCombobox(props: TermComboboxProps) {
  // false on the server and while hydrating, so the markup matches; true once the script runs
  const enhanced = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  return enhanced ? <Combobox {...props} /> : <PickSelect {...props} />;
}

function Combobox({ name, label, list, vaccineType, options, value, errors }: TermComboboxProps) {
  const initial = options.find((option) => option.code === value) ?? null;
  const [typed, setTyped] = useState(initial?.display ?? "");
  const searchText = useDebounced(typed.trim());
  const searching = searchText.length >= MIN_SEARCH_LENGTH && searchText !== initial?.display;
  const search = useQuery({
    queryKey: ["vaccination-terms", list, vaccineType, searchText],
    queryFn: async ({ signal }) => {
      const query = new URLSearchParams({ list, text: searchText, ...(vaccineType ? { type: vaccineType } : {}) });
      const response = await fetch(`${vaccinationTerms()}?${query}`, { signal, headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(`vaccination-terms answered ${response.status}`);
      return termsAnswer(await response.json());
    },
    enabled: searching,
    retry: false,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
  const fellBack = searching && search.isError;
  /** The list shown may still change: typing has not paused yet, or the search for it is under way. */
  const settling = typed.trim() !== searchText || (searching && search.isFetching);
  const items = searching && search.data && !fellBack ? search.data.options : localMatches(options, typed);
  const total = searching && search.data && !fellBack ? search.data.total : items.length;

  const combobox = useCombobox<PickOption>({
    items,
    inputId: name,
    labelId: `${name}-label`,
    menuId: `${name}-listbox`,
    initialSelectedItem: initial,
    initialInputValue: initial?.display ?? "",
    itemToString: (item) => item?.display ?? "",
    itemToKey: (item) => item?.code,
    onInputValueChange: ({ inputValue }) => setTyped(inputValue),
  });
  const chosen = combobox.selectedItem && combobox.inputValue === combobox.selectedItem.display ? combobox.selectedItem : null;
  const error = errorFor(errors, name);
  const describedBy = [`${name}-hint`, error ? `${name}-error` : null].filter(Boolean).join(" ");
  const status = !combobox.isOpen
    ? chosen
      ? text.combobox.chosen(chosen.display)
      : ""
    : searching && search.isFetching && !search.data
      ? text.combobox.searching
      : text.combobox.results(items.length, total);

  return (
    <div className={`nhsuk-form-group app-combobox${error ? " nhsuk-form-group--error" : ""}`} data-testid={`${name}-combobox`}>
      <label className="nhsuk-label" {...combobox.getLabelProps()}>
        {label}
      </label>
      <div className="nhsuk-hint" id={`${name}-hint`}>
        {text.combobox.hint}
      </div>
      {error ? (
        <span className="nhsuk-error-message" id={`${name}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
      {fellBack ? (
        <p className="nhsuk-body-s app-combobox__fallback" data-testid={`${name}-fell-back`}>
          {text.combobox.fellBack}
        </p>
      ) : null}
      <input
        className={`nhsuk-input${error ? " nhsuk-input--error" : ""}`}
        spellCheck={false}
        {...combobox.getInputProps({ "aria-describedby": describedBy })}
      />
      <input type="hidden" name={name} value={chosen?.code ?? ""} />
      <ul className="app-combobox__listbox" hidden={!combobox.isOpen || items.length === 0} aria-busy={settling} {...combobox.getMenuProps()}>
        {combobox.isOpen
          ? items.map((item, index) => (
              <li
                key={item.code}
                className={`app-combobox__option${combobox.highlightedIndex === index ? " app-combobox__option--highlighted" : ""}`}
                {...combobox.getItemProps({ item, index })}
              >
                {item.display}
              </li>
            ))
          : null}
      </ul>
      <div id={`${name}-status`} className="nhsuk-u-visually-hidden" aria-live="polite" aria-atomic="true" data-testid={`${name}-status`}>
        {status}
      </div>
    </div>
  );
}
