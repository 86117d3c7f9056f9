// The ellipse lab (issue 5) mounts here.
export function EllipseLab() {
  return <p className="loading">The ellipse lab is not part of this build yet.</p>;
}
