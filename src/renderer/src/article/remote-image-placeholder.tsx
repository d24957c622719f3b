export interface RemoteImagePlaceholderProps {
  readonly alt: string;
  /** The remote address that was not fetched, if known. */
  readonly address: string | null;
  /** For a local image whose file is missing: its address as written. */
  readonly missing?: string;
}

/**
 * Stands in for an image the app will not fetch (`http(s):`, `//…`, `data:`): a post must never
 * make the reader contact another server, so the alt text and the address are shown instead.
 * Also used for a local image whose file is not in the folder.
 */
export function RemoteImagePlaceholder({ alt, address, missing }: RemoteImagePlaceholderProps) {
  const description = alt.trim() || 'Image';
  const note = missing
    ? `Not in the folder: ${missing}`
    : address
      ? `Not loaded: ${address}`
      : 'Embedded image not shown';
  return (
    <span className="remote-image">
      <span
        role="img"
        className="remote-image__icon"
        aria-label={`${description} (${missing ? 'image missing' : 'remote image, not loaded'})`}
      />
      <span className="remote-image__text">
        <span className="remote-image__alt">{description}</span>
        <span className="remote-image__address">{note}</span>
      </span>
    </span>
  );
}
