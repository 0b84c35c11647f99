import PprofCore

/// Writes `text` to standard output as is; a failed write ends the run (see `StandardStreams`).
func writeOutput(_ text: String) {
  StandardStreams.writeOutput(text)
}

/// How a path is named in messages: `<stdin>` for `-`.
func displayName(_ path: String) -> String { ProfileFile.displayName(path) }
