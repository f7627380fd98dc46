/**
 * Path arithmetic for the in-app file dialog, on the host's path strings. The host may run on
 * Windows, so the separator is whichever the path already uses.
 */

function separatorOf(path: string): string {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}

export function childPath(folder: string, name: string): string {
  const separator = separatorOf(folder);
  return folder.endsWith(separator) ? `${folder}${name}` : `${folder}${separator}${name}`;
}

export function parentPath(path: string): string {
  const separator = separatorOf(path);
  const trimmed = path.length > 1 && path.endsWith(separator) ? path.slice(0, -1) : path;
  const index = trimmed.lastIndexOf(separator);
  if (index < 0) return path;
  if (index === 0) return separator;
  // "C:\" stays a drive root.
  return /^[a-zA-Z]:$/.test(trimmed.slice(0, index)) ? trimmed.slice(0, index + 1) : trimmed.slice(0, index);
}

/** The crumbs from a root down to `folder`: the root itself, then each folder below it. */
export function pathSegments(root: string, folder: string): { name: string; path: string }[] {
  const segments = [{ name: root, path: root }];
  if (!folder.startsWith(root) || folder === root) return segments;
  const separator = separatorOf(root);
  let path = root;
  for (const name of folder.slice(root.length).split(separator).filter(Boolean)) {
    path = childPath(path, name);
    segments.push({ name, path });
  }
  return segments;
}

/** Adds the extension unless the name already ends with it. */
export function withExtension(name: string, extension: string): string {
  return name.toLowerCase().endsWith(extension) ? name : `${name}${extension}`;
}
