import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * The app's links never prefetch. Prefetching a patient page would read PDS and write an audit row
 * for a record nobody opened, and would reorder "recent patients" by what happened to be on screen.
 */
export default function NoPrefetchLink(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
