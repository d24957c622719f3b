import { useState } from 'react';
import { RemoteImagePlaceholder } from './remote-image-placeholder';

export interface PostImageProps {
  /** The address the page may load (from `ReaderApi.assetUrl`). */
  readonly url: string;
  /** The `src` as written in the post, shown if the file is missing. */
  readonly written: string;
  readonly alt: string;
  readonly title?: string;
  readonly width?: number | string;
  readonly height?: number | string;
}

/**
 * An image from the posts folder. If the file is missing (or refused as unsafe), the alt text
 * and the written address replace the browser's broken-image icon.
 */
export function PostImage({ url, written, alt, title, width, height }: PostImageProps) {
  const [failed, setFailed] = useState(false);
  if (failed) return <RemoteImagePlaceholder alt={alt} address={null} missing={written} />;
  return (
    <img
      src={url}
      alt={alt}
      title={title}
      width={width}
      height={height}
      loading="lazy"
      decoding="async"
      onError={() => setFailed(true)}
    />
  );
}
