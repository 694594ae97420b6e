/**
 * The app's mailbox on the local stand-in's MESH, used only with NHS_ENV=local (as LOCAL_APPLICATION is for the API
 * platform): synthetic, known to the stand-in, never a real mailbox's credentials.
 */
export const LOCAL_MESH = {
  mailboxId: "X26CRV01",
  password: "care-record-viewer-local-mesh-password",
  sharedKey: "care-record-viewer-local-mesh-shared-key",
} as const;
