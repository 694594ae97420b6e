import { mkdirSync, rmSync } from "node:fs";
import { AXE_RECORD_DIR } from "./axe";

export default function globalSetup() {
  rmSync(AXE_RECORD_DIR, { recursive: true, force: true });
  mkdirSync(AXE_RECORD_DIR, { recursive: true });
}
