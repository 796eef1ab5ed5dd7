/**
 * Names nobody means as config: what file managers and git leave in folders, editors' backup, swap,
 * lock and safe-write files, and ccm's own staging files. The loader, watch and import all pass over
 * them, so a save in progress never becomes a skill's supporting file, an import or a build trigger.
 */
const LITTER = /(~$|___jb_(tmp|old)___$|^4913$|\.ccm-tmp-|^\..*\.sw[a-p]$|^\.#|^#.*#$|^\.DS_Store$|^Thumbs\.db$|^\.git$)/i;

/** Whether a file or folder name (one path segment) is litter. */
export function isLitter(name: string): boolean {
  return LITTER.test(name);
}
