import { describe, expect, it } from "vitest";
import { readBounded } from "./bounded-body";

function streamOf(chunks: number[], onPull?: () => void) {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      if (index === chunks.length) controller.close();
      else controller.enqueue(new Uint8Array(chunks[index++]!).fill(7));
    },
  });
}

describe("reading an upstream body with a cap", () => {
  it("reads a body within the cap whole", async () => {
    const read = await readBounded(new Response(streamOf([3, 4])), 10);
    expect(read).toEqual({ kind: "read", bytes: new Uint8Array(7).fill(7) });
  });

  it("refuses at once when Content-Length is over the cap, reading nothing", async () => {
    let pulls = 0;
    const response = new Response(
      streamOf([5], () => pulls++),
      { headers: { "content-length": "50000000" } },
    );
    expect(await readBounded(response, 20 * 1024 * 1024)).toEqual({ kind: "too-large", limitBytes: 20 * 1024 * 1024 });
    expect(pulls).toBeLessThanOrEqual(1);
  });

  it("stops reading a body without a length as soon as it passes the cap", async () => {
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    expect(await readBounded(new Response(endless), 10 * 1024)).toEqual({ kind: "too-large", limitBytes: 10 * 1024 });
    expect(pulls).toBeLessThan(20);
  });
});
