import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TermCombobox } from "./TermCombobox";

const PRODUCTS = [
  { code: "1", display: "Fluad Tetra vaccine suspension for injection 0.5ml pre-filled syringes (Seqirus UK Ltd)" },
  { code: "2", display: "Fluenz nasal suspension (AstraZeneca UK Ltd)" },
];

describe("the product type-ahead without JavaScript", () => {
  it("is the server-rendered list of the type's products, under the field's name, with the chosen one selected and its error", () => {
    const html = renderToString(
      createElement(TermCombobox, {
        name: "product",
        label: "Product",
        list: "products",
        vaccineType: "FLU",
        options: PRODUCTS,
        value: "2",
        errors: [{ fieldId: "product", message: "Select the product given" }],
      }),
    );
    expect(html).toMatch(/<select[^>]*id="product"[^>]*name="product"|<select[^>]*name="product"[^>]*id="product"/);
    expect(html).not.toContain('role="combobox"');
    expect(html.match(/<option /g)).toHaveLength(PRODUCTS.length + 1);
    expect(html).toMatch(/<option value="2" selected="">Fluenz/);
    expect(html).toContain("Select the product given");
  });
});
