// Package outdir is the one place that puts a tree of generated files on
// disk. Write builds the tree in a new folder beside the target and renames
// it into place, so the target holds either the old tree or the new one,
// never a mix; a manifest (ManifestName) lists what was written, and a
// target holding anything the manifest does not list is never replaced.
// Stage does the same a file at a time, for a caller that hands each file
// over as it is made instead of holding the whole tree (generate's site).
//
// Errors are typed (*Error wrapping *ForeignFileError, *PathError,
// ErrNotFolder, …) and name the folder and the file, never a flag: the
// command that chose the folder adds its flag name.
package outdir
